// Procedures of the contacts domain.
import { router } from '../trpc';

export const contactsRouter = router({});
