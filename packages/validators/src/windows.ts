// Input and output schemas of the windows domain.
import { z } from 'zod';

export const _windowsPlaceholder = z.never();
