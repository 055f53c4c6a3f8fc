// Procedures of the activity domain (desktop dispatcher workspace).
import { router } from '../trpc';

export const activityRouter = router({});
