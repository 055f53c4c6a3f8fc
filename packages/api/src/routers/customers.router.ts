// Procedures of the customers domain.
import { router } from '../trpc';

export const customersRouter = router({});
