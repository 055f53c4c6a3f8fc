// Procedures of the dispatch domain (desktop dispatcher workspace).
import { router } from '../trpc';

export const dispatchRouter = router({});
