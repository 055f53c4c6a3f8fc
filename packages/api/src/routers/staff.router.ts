// Procedures of the staff domain.
import { router } from '../trpc';

export const staffRouter = router({});
