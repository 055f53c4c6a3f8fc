// Procedures of the technicians domain.
import { router } from '../trpc';

export const techniciansRouter = router({});
