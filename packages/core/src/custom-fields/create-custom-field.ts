// Adds a custom field (a question on the appointment page) to the organization, checking that its default and
// options suit its kind (checkCustomField, which editing a field reuses on the merged definition).
import type { CustomField } from '@portico/validators/custom-fields';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { eq, schema, sql } from '../internal/db';
import { customFieldColumns, toCustomField } from './custom-field-row';
import type { FieldKind, FieldValue } from './field-rules';

export type CustomFieldRow = typeof schema.customFieldDefinitions.$inferSelect;

export type CustomFieldInput = {
  /** Checked here too: core may be called with a kind the validators did not see. */
  kind: FieldKind;
  label: string;
  description?: string | null;
  required?: boolean;
  /** toggle: true or false (needed); dropdown: one of the options (needed); text: optional; static: none. */
  defaultValue?: FieldValue;
  /** dropdown only. */
  options?: string[];
  /** Position on the page; defaults to after the last field. */
  sortOrder?: number;
};

type CheckedField = Required<Omit<CustomFieldInput, 'sortOrder'>>;

const fieldKinds: readonly string[] = ['toggle', 'text', 'static', 'dropdown'] satisfies FieldKind[];

const refuse = (message: string, field: string) => new AppError('BAD_REQUEST', message, { field });

/** The definition as stored, or BAD_REQUEST naming the input that does not fit the kind. */
export function checkCustomField(input: CustomFieldInput): CheckedField {
  if (!fieldKinds.includes(input.kind)) {
    throw refuse('Choose toggle, text, static or dropdown.', 'kind');
  }
  const label = input.label.trim();
  if (label === '') throw refuse('Give the field a label, such as Gate code.', 'label');
  if (label.length > 120) throw refuse('Keep the label under 120 characters.', 'label');
  const description = input.description?.trim() || null;
  if (description && description.length > 1000) {
    throw refuse('Keep the description under 1,000 characters.', 'description');
  }
  const options = (input.options ?? []).map((o) => o.trim());
  const required = input.required ?? false;
  const defaultValue = input.defaultValue ?? null;
  if (input.kind !== 'dropdown' && options.length > 0) {
    throw refuse('Only a dropdown has options.', 'options');
  }
  switch (input.kind) {
    case 'static':
      if (required) throw refuse('Static text is information only; it cannot be required.', 'required');
      if (defaultValue !== null) throw refuse('Static text takes no default value.', 'defaultValue');
      break;
    case 'toggle':
      if (typeof defaultValue !== 'boolean') {
        throw refuse('A toggle needs a default: on or off.', 'defaultValue');
      }
      break;
    case 'dropdown':
      if (options.length === 0)
        throw refuse('A dropdown needs at least one option to choose from.', 'options');
      if (options.some((o) => o === ''))
        throw refuse('Give every option of the dropdown some text.', 'options');
      if (new Set(options).size !== options.length) {
        throw refuse('Each option of a dropdown can appear only once.', 'options');
      }
      if (typeof defaultValue !== 'string' || !options.includes(defaultValue.trim())) {
        throw refuse("Pick the default from the dropdown's options.", 'defaultValue');
      }
      break;
    case 'text':
      if (defaultValue !== null && typeof defaultValue !== 'string') {
        throw refuse('The default of a text field is text.', 'defaultValue');
      }
      break;
  }
  const trimmedDefault = typeof defaultValue === 'string' ? defaultValue.trim() || null : defaultValue;
  return { kind: input.kind, label, description, required, defaultValue: trimmedDefault, options };
}

export async function createCustomField(ctx: CoreContext, input: CustomFieldInput): Promise<CustomField> {
  const checked = checkCustomField(input);
  const { customFieldDefinitions: f } = schema;
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    let sortOrder = input.sortOrder;
    if (sortOrder === undefined) {
      const [last] = await tx
        .select({ max: sql<number | null>`max(${f.sortOrder})` })
        .from(f)
        .where(eq(f.organizationId, ctx.organizationId));
      sortOrder = (last?.max ?? 0) + 1;
    }
    const now = ctx.clock.now();
    const [inserted] = await tx
      .insert(f)
      .values({
        organizationId: ctx.organizationId,
        ...checked,
        sortOrder,
        createdAt: now,
        updatedAt: now,
      })
      .returning(customFieldColumns);
    if (!inserted) throw new Error('custom field not inserted');
    const field = toCustomField(inserted);
    await recordAudit(txCtx, {
      entityType: 'custom_field',
      entityId: field.id,
      action: 'create',
      after: field,
      fields: ['kind', 'label', 'description', 'required', 'defaultValue', 'options', 'sortOrder'],
    });
    return field;
  });
}
