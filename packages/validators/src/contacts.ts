// Input and output schemas of the contacts domain.
import { z } from 'zod';

export const _contactsPlaceholder = z.never();
