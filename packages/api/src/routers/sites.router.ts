// Procedures of the sites domain.
import { router } from '../trpc';

export const sitesRouter = router({});
