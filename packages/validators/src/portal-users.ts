// Input and output schemas of the portal-users domain.
import { z } from 'zod';

export const _portal_usersPlaceholder = z.never();
