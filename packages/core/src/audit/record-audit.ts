// Writes one row of the audit trail, computing from/to for the fields that changed.
import { schema, type AuditChangesInput } from '../internal/db';
import type { CoreContext } from '../context';

export type AuditInput = {
  entityType: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Only these keys are compared (defaults to the union of both objects' keys). */
  fields?: string[];
};

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'passwordHash', 'secretHash']);

export function diffChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  fields?: string[],
): AuditChangesInput {
  const keys = fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: AuditChangesInput = {};
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export async function recordAudit(ctx: CoreContext, input: AuditInput): Promise<void> {
  await ctx.db.insert(schema.auditEvents).values({
    organizationId: ctx.organizationId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    changes: diffChanges(input.before, input.after, input.fields),
    createdAt: ctx.clock.now(),
  });
}
