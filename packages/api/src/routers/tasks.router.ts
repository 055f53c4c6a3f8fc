// Procedures of the tasks domain.
import { router } from '../trpc';

export const tasksRouter = router({});
