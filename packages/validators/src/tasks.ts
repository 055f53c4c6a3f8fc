// Input and output schemas of the tasks domain.
import { z } from 'zod';

export const _tasksPlaceholder = z.never();
