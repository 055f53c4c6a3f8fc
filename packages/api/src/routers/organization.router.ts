// Procedures of the organization domain.
import { router } from '../trpc';

export const organizationRouter = router({});
