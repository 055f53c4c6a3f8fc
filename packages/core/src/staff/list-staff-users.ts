// Lists the staff users of the caller's organization, optionally by status.
import type { ListStaffInput, StaffUser } from '@portico/validators';
import type { CoreContext } from '../context';
import { and, asc, eq, schema } from '../internal/db';
import { staffUserColumns } from './staff-user-row';

const { staffUsers } = schema;

export async function listStaffUsers(ctx: CoreContext, input: ListStaffInput): Promise<StaffUser[]> {
  return ctx.db
    .select(staffUserColumns)
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.organizationId, ctx.organizationId),
        input?.status ? eq(staffUsers.status, input.status) : undefined,
      ),
    )
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
}
