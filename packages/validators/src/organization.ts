// Input and output schemas of the organization domain.
import { z } from 'zod';

export const _organizationPlaceholder = z.never();
