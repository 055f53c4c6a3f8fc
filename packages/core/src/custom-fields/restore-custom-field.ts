// Brings a retired custom field back (admin), as the last question on the appointment page.
import type { CustomField, CustomFieldRetireInput } from '@portico/validators/custom-fields';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, isNull, schema, sql } from '../internal/db';
import { quoteLabel } from './field-rules';
import { customFieldColumns, findCustomField, toCustomField } from './custom-field-row';

export async function restoreCustomField(
  ctx: CoreContext,
  input: CustomFieldRetireInput,
): Promise<CustomField> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findCustomField(txCtx, input.id, { lock: true });
    if (before.version !== input.version) throw staleVersion('custom field');
    if (!before.retiredAt) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `${quoteLabel(before.label)} is already on the appointment page.`,
      );
    }
    const f = schema.customFieldDefinitions;
    const [last] = await tx
      .select({ max: sql<number | null>`max(${f.sortOrder})` })
      .from(f)
      .where(and(eq(f.organizationId, ctx.organizationId), isNull(f.retiredAt)));
    const sortOrder = last?.max === null || last?.max === undefined ? 0 : last.max + 1;
    const [updated] = await tx
      .update(f)
      .set({ retiredAt: null, sortOrder, version: sql`${f.version} + 1`, updatedAt: ctx.clock.now() })
      .where(and(eq(f.id, before.id), eq(f.organizationId, ctx.organizationId), eq(f.version, input.version)))
      .returning(customFieldColumns);
    if (!updated) throw staleVersion('custom field');
    const field = toCustomField(updated);
    await recordAudit(txCtx, {
      entityType: 'custom_field',
      entityId: field.id,
      action: 'restore',
      before,
      after: field,
      fields: ['retiredAt', 'sortOrder'],
    });
    return field;
  });
}
