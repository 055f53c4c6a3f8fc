// Procedures of the audit view (admin): who changed what, when, from what to what.
import { auditListInputSchema, auditListOutputSchema } from '@portico/validators/audit';
import { adminProcedure, router, syncOutput } from '../trpc';
import { notBuilt } from './not-built';

export const auditRouter = router({
  list: adminProcedure
    .input(auditListInputSchema)
    .output(syncOutput(auditListOutputSchema))
    .query(() => notBuilt()),
});
