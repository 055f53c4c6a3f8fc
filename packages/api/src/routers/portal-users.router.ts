// Procedures of the portalUsers domain.
import { router } from '../trpc';

export const portalUsersRouter = router({});
