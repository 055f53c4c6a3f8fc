// Edits a custom field (admin): every property but its kind, checked as the whole definition it would become.
import type { CustomField, CustomFieldUpdateInput } from '@portico/validators/custom-fields';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { checkCustomField } from './create-custom-field';
import { customFieldColumns, findCustomField, toCustomField } from './custom-field-row';

const EDITABLE = ['label', 'description', 'required', 'defaultValue', 'options'] as const;

export async function updateCustomField(
  ctx: CoreContext,
  input: CustomFieldUpdateInput,
): Promise<CustomField> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findCustomField(txCtx, input.id, { lock: true });
    if (before.version !== input.version) throw staleVersion('custom field');
    // the saved definition with the change applied, checked as a whole (a new option list must still hold the default)
    const checked = checkCustomField({
      kind: before.kind,
      label: input.label ?? before.label,
      description: input.description === undefined ? before.description : input.description,
      required: input.required ?? before.required,
      defaultValue: input.defaultValue === undefined ? before.defaultValue : input.defaultValue,
      options: input.options ?? before.options,
    });
    if (Object.keys(diffChanges(before, checked, [...EDITABLE])).length === 0) return before;

    const f = schema.customFieldDefinitions;
    const [updated] = await tx
      .update(f)
      .set({
        label: checked.label,
        description: checked.description,
        required: checked.required,
        defaultValue: checked.defaultValue,
        options: checked.options,
        version: sql`${f.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(f.id, before.id), eq(f.organizationId, ctx.organizationId), eq(f.version, input.version)))
      .returning(customFieldColumns);
    if (!updated) throw staleVersion('custom field');
    const field = toCustomField(updated);
    await recordAudit(txCtx, {
      entityType: 'custom_field',
      entityId: field.id,
      action: 'update',
      before,
      after: field,
      fields: [...EDITABLE],
    });
    return field;
  });
}
