// Input and output schemas of the staff domain.
import { z } from 'zod';

export const _staffPlaceholder = z.never();
