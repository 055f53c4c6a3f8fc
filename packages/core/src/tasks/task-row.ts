// Reading and writing one task row inside a transaction: locked loads with the version check, the versioned
// update with its audit entry, and the facts the status machine needs.
import type { Task } from '@portico/validators/tasks';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { notFound, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import type { TaskFacts } from './status-machine';

export type TaskRow = typeof schema.tasks.$inferSelect;
type TaskPatch = Partial<Omit<typeof schema.tasks.$inferInsert, 'id' | 'organizationId' | 'version'>>;

/**
 * The task, locked FOR UPDATE until the transaction ends, so the decision taken on it (status, appointment)
 * cannot race another writer. NOT_FOUND for another organization's id, CONFLICT when `version` is stale.
 */
export async function lockTask(ctx: CoreContext, id: string, version: number): Promise<TaskRow> {
  const { tasks } = schema;
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.organizationId, ctx.organizationId)))
    .for('update');
  if (!row) throw notFound('Task');
  if (row.version !== version) throw staleVersion('task');
  return row;
}

export function taskFacts(
  row: Pick<TaskRow, 'appointmentDate' | 'windowId' | 'technicianId' | 'confirmationState'>,
): TaskFacts {
  return {
    hasAppointment: row.appointmentDate !== null && row.windowId !== null,
    hasTechnician: row.technicianId !== null,
    confirmationState: row.confirmationState,
  };
}

/**
 * Applies `patch` to a task locked by lockTask: bumps `version`, stamps `updatedAt` (and `statusChangedAt`
 * when the status moves) and writes the audit entry with from/to of every changed field, all in the caller's
 * transaction.
 */
export async function writeTask(
  ctx: CoreContext,
  before: TaskRow,
  patch: TaskPatch,
  audit: { action: string },
): Promise<TaskRow> {
  const { tasks } = schema;
  const now = ctx.clock.now();
  const statusMoves = patch.status !== undefined && patch.status !== before.status;
  const [after] = await ctx.db
    .update(tasks)
    .set({
      ...patch,
      ...(statusMoves ? { statusChangedAt: now } : {}),
      version: sql`${tasks.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(tasks.id, before.id),
        eq(tasks.organizationId, ctx.organizationId),
        eq(tasks.version, before.version),
      ),
    )
    .returning();
  // the row is locked, so only a caller that skipped lockTask can get here
  if (!after) throw staleVersion('task');
  await recordAudit(ctx, {
    entityType: 'task',
    entityId: after.id,
    action: audit.action,
    before,
    after,
    fields: [...Object.keys(patch), ...(statusMoves ? ['statusChangedAt'] : [])],
  });
  return after;
}

/** The task as procedures answer it (no internal columns). */
export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    siteId: row.siteId,
    serviceType: row.serviceType,
    description: row.description,
    status: row.status,
    schedulingMode: row.schedulingMode,
    appointmentDate: row.appointmentDate,
    windowId: row.windowId,
    appointmentStart: row.appointmentStart,
    appointmentEnd: row.appointmentEnd,
    appointmentVersion: row.appointmentVersion,
    technicianId: row.technicianId,
    confirmationState: row.confirmationState,
    confirmedAt: row.confirmedAt,
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** "T-1042", how people name a task. */
export function taskLabel(number: number): string {
  return `T-${number}`;
}
