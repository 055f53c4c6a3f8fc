// Procedures of the audit view (admin): who changed what, when, from what to what.
import { listAuditEvents } from '@portico/core/audit/list-audit-events';
import { auditListInputSchema, auditListOutputSchema } from '@portico/validators/audit';
import { adminProcedure, router, syncOutput } from '../trpc';

export const auditRouter = router({
  list: adminProcedure
    .input(auditListInputSchema)
    .output(syncOutput(auditListOutputSchema))
    .query(({ ctx, input }) => listAuditEvents(ctx.core, input)),
});
