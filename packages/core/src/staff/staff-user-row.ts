// What the staff domain shows of a staff user (never the password hash), and the last-admin guard.
import type { StaffUser } from '@portico/validators';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, count, eq, ne, schema } from '../internal/db';

const { staffUsers, organizations } = schema;

export const staffUserColumns = {
  id: staffUsers.id,
  email: staffUsers.email,
  name: staffUsers.name,
  role: staffUsers.role,
  status: staffUsers.status,
  lastSignInAt: staffUsers.lastSignInAt,
  version: staffUsers.version,
  createdAt: staffUsers.createdAt,
  updatedAt: staffUsers.updatedAt,
};

export function toStaffUser(row: typeof staffUsers.$inferSelect): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    lastSignInAt: row.lastSignInAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Refuses a change that would leave the organization without an active admin. Call inside the write's
 * transaction: it locks the organization row so two admins demoting or disabling each other at the same
 * moment are counted one after the other (without it both would see the other as "still an admin").
 */
export async function assertAnotherActiveAdmin(
  ctx: CoreContext,
  staffUserId: string,
  refusal: { message: string; field: string },
): Promise<void> {
  await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, ctx.organizationId))
    .for('no key update');
  const [row] = await ctx.db
    .select({ n: count() })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.organizationId, ctx.organizationId),
        eq(staffUsers.role, 'admin'),
        eq(staffUsers.status, 'active'),
        ne(staffUsers.id, staffUserId),
      ),
    );
  if ((row?.n ?? 0) === 0)
    throw new AppError('PRECONDITION_FAILED', refusal.message, { field: refusal.field });
}
