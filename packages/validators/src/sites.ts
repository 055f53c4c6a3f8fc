// Input and output schemas of the sites domain.
import { z } from 'zod';

export const _sitesPlaceholder = z.never();
