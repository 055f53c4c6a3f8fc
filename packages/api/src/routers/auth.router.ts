// Procedures of the auth domain.
import { router } from '../trpc';

export const authRouter = router({});
