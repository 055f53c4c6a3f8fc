// Renames a staff user or changes their role, never leaving the organization without an active admin.
import type { StaffUser, UpdateStaffInput } from '@portico/validators';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { notFound, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { assertAnotherActiveAdmin, toStaffUser } from './staff-user-row';

const { staffUsers } = schema;

export async function updateStaffUser(ctx: CoreContext, input: UpdateStaffInput): Promise<StaffUser> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const [current] = await tx
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.id, input.id), eq(staffUsers.organizationId, ctx.organizationId)))
      .for('update');
    if (!current) throw notFound('Staff user');
    if (current.version !== input.version) throw staleVersion('staff user');

    const isDemotingActiveAdmin =
      input.role !== undefined &&
      input.role !== 'admin' &&
      current.role === 'admin' &&
      current.status === 'active';
    if (isDemotingActiveAdmin) {
      await assertAnotherActiveAdmin(txCtx, current.id, {
        message: 'This is the only active admin of the organization. Make another staff user an admin first.',
        field: 'role',
      });
    }

    const [row] = await tx
      .update(staffUsers)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        version: sql`${staffUsers.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(
        and(
          eq(staffUsers.id, input.id),
          eq(staffUsers.organizationId, ctx.organizationId),
          eq(staffUsers.version, input.version),
        ),
      )
      .returning();
    if (!row) throw staleVersion('staff user');
    await recordAudit(txCtx, {
      entityType: 'staff_user',
      entityId: row.id,
      action: 'update',
      before: { name: current.name, role: current.role },
      after: { name: row.name, role: row.role },
    });
    return toStaffUser(row);
  });
}
