// Input and output schemas of the customers domain.
import { z } from 'zod';

export const _customersPlaceholder = z.never();
