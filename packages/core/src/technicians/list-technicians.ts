// Lists the organization's technicians by name (inactive ones only when asked for).
import type { Technician, TechnicianListInput } from '@portico/validators/technicians';
import type { CoreContext } from '../context';
import { and, eq, schema, sql } from '../internal/db';

export async function listTechnicians(ctx: CoreContext, input: TechnicianListInput): Promise<Technician[]> {
  const { technicians } = schema;
  return ctx.db
    .select()
    .from(technicians)
    .where(
      and(
        eq(technicians.organizationId, ctx.organizationId),
        input.includeInactive ? undefined : eq(technicians.active, true),
      ),
    )
    .orderBy(sql`${technicians.active} desc`, sql`lower(${technicians.name})`, technicians.id);
}
