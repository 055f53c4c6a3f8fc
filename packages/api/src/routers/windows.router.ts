// Procedures of the windows domain.
import { router } from '../trpc';

export const windowsRouter = router({});
