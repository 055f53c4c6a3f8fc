// Retires a custom field (admin): it leaves the appointment pages and no longer holds up confirmation; the answers
// customers already gave are kept, and dispatchers still see them on those tasks.
import type { CustomField, CustomFieldRetireInput } from '@portico/validators/custom-fields';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { quoteLabel } from './field-rules';
import { customFieldColumns, findCustomField, toCustomField } from './custom-field-row';

export async function retireCustomField(
  ctx: CoreContext,
  input: CustomFieldRetireInput,
): Promise<CustomField> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findCustomField(txCtx, input.id, { lock: true });
    if (before.version !== input.version) throw staleVersion('custom field');
    if (before.retiredAt) {
      throw new AppError('PRECONDITION_FAILED', `${quoteLabel(before.label)} is already retired.`);
    }
    const f = schema.customFieldDefinitions;
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(f)
      .set({ retiredAt: now, version: sql`${f.version} + 1`, updatedAt: now })
      .where(and(eq(f.id, before.id), eq(f.organizationId, ctx.organizationId), eq(f.version, input.version)))
      .returning(customFieldColumns);
    if (!updated) throw staleVersion('custom field');
    const field = toCustomField(updated);
    await recordAudit(txCtx, {
      entityType: 'custom_field',
      entityId: field.id,
      action: 'retire',
      before,
      after: field,
      fields: ['retiredAt'],
    });
    return field;
  });
}
