// Puts the active custom fields in a new order (admin). The admin sends every active field with the version they
// saw; if the fields changed since (one added, retired, edited or moved), nothing moves and they are told to reload.
import type { CustomField, CustomFieldReorderInput } from '@portico/validators/custom-fields';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { and, asc, eq, schema, sql } from '../internal/db';
import { customFieldColumns, toCustomField } from './custom-field-row';
import { listCustomFields } from './list-custom-fields';

const fieldsChanged = () =>
  new AppError(
    'CONFLICT',
    'Someone else changed the fields since you opened them. Reload to see the latest fields, then reorder them again.',
  );

export async function reorderCustomFields(
  ctx: CoreContext,
  input: CustomFieldReorderInput,
): Promise<CustomField[]> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const f = schema.customFieldDefinitions;
    // every field of the organization, locked, so a concurrent edit or reorder waits for this one
    const rows = await tx
      .select(customFieldColumns)
      .from(f)
      .where(eq(f.organizationId, ctx.organizationId))
      .orderBy(asc(f.id))
      .for('update');
    const byId = new Map(rows.map((row) => [row.id, toCustomField(row)]));
    if (input.fields.some((entry) => !byId.has(entry.id))) throw notFound('Custom field');

    const active = rows.filter((row) => row.retiredAt === null);
    const given = new Set(input.fields.map((entry) => entry.id));
    const isSameSet =
      given.size === input.fields.length &&
      given.size === active.length &&
      active.every((row) => given.has(row.id));
    if (!isSameSet || input.fields.some((entry) => byId.get(entry.id)?.version !== entry.version)) {
      throw fieldsChanged();
    }

    const now = ctx.clock.now();
    for (const [sortOrder, entry] of input.fields.entries()) {
      const before = byId.get(entry.id)!;
      if (before.sortOrder === sortOrder) continue;
      const [updated] = await tx
        .update(f)
        .set({ sortOrder, version: sql`${f.version} + 1`, updatedAt: now })
        .where(
          and(eq(f.id, entry.id), eq(f.organizationId, ctx.organizationId), eq(f.version, entry.version)),
        )
        .returning(customFieldColumns);
      if (!updated) throw fieldsChanged();
      await recordAudit(txCtx, {
        entityType: 'custom_field',
        entityId: entry.id,
        action: 'reorder',
        before,
        after: toCustomField(updated),
        fields: ['sortOrder'],
      });
    }
    return listCustomFields(txCtx, { includeRetired: true });
  });
}
