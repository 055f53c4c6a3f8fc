// Input and output schemas of the technicians domain.
import { z } from 'zod';

export const _techniciansPlaceholder = z.never();
