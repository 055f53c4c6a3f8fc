// Input and output schemas of the auth domain.
import { z } from 'zod';

export const _authPlaceholder = z.never();
