// Reads custom-field definitions as the builder shows them: the columns to select, the row → output mapping and
// the one-field lookup (scoped to the organization) that every change starts from.
import type { CustomField } from '@portico/validators/custom-fields';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import type { FieldKind } from './field-rules';
import { parseFieldValue } from './read-task-fields';

const f = schema.customFieldDefinitions;

/** Select (or returning) list of a field; the default is read as text (see parseFieldValue). */
export const customFieldColumns = {
  id: f.id,
  kind: f.kind,
  label: f.label,
  description: f.description,
  required: f.required,
  defaultJson: sql<string | null>`${f.defaultValue}::text`,
  options: f.options,
  sortOrder: f.sortOrder,
  retiredAt: f.retiredAt,
  version: f.version,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
};

export type CustomFieldSelection = {
  id: string;
  kind: string;
  label: string;
  description: string | null;
  required: boolean;
  defaultJson: string | null;
  options: string[];
  sortOrder: number;
  retiredAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toCustomField(row: CustomFieldSelection): CustomField {
  const { defaultJson, ...rest } = row;
  return {
    ...rest,
    kind: row.kind as FieldKind,
    options: [...row.options],
    defaultValue: parseFieldValue(defaultJson),
  };
}

/** The organization's field, or NOT_FOUND (another organization's id reads as missing). */
export async function findCustomField(
  ctx: CoreContext,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CustomField> {
  const query = ctx.db
    .select(customFieldColumns)
    .from(f)
    .where(and(eq(f.id, id), eq(f.organizationId, ctx.organizationId)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound('Custom field');
  return toCustomField(row);
}
