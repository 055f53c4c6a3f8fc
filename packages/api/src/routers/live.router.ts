// Procedures of the live domain (desktop dispatcher workspace).
import { router } from '../trpc';

export const liveRouter = router({});
