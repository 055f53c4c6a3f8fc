// Lists the organization's appointment windows, in the order of their start time.
import type { AppointmentWindow, WindowListInput } from '@portico/validators/windows';
import type { CoreContext } from '../context';
import { and, asc, eq, isNull, schema } from '../internal/db';
import { toWindow } from './window-row';

export async function listWindows(ctx: CoreContext, input: WindowListInput): Promise<AppointmentWindow[]> {
  const { appointmentWindows: w } = schema;
  const rows = await ctx.db
    .select()
    .from(w)
    .where(
      and(eq(w.organizationId, ctx.organizationId), input.includeRetired ? undefined : isNull(w.retiredAt)),
    )
    .orderBy(asc(w.startTime), asc(w.endTime), asc(w.name), asc(w.id));
  return rows.map(toWindow);
}
