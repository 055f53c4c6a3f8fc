// Lists the organization's custom fields in page order (sortOrder, then creation); retired ones last, on request.
import type { CustomField, CustomFieldListInput } from '@portico/validators/custom-fields';
import type { CoreContext } from '../context';
import { and, asc, eq, isNull, schema, sql } from '../internal/db';
import { customFieldColumns, toCustomField } from './custom-field-row';

export async function listCustomFields(
  ctx: CoreContext,
  input: CustomFieldListInput,
): Promise<CustomField[]> {
  const f = schema.customFieldDefinitions;
  const rows = await ctx.db
    .select(customFieldColumns)
    .from(f)
    .where(
      and(eq(f.organizationId, ctx.organizationId), input?.includeRetired ? undefined : isNull(f.retiredAt)),
    )
    .orderBy(sql`${f.retiredAt} is not null`, asc(f.sortOrder), asc(f.createdAt), asc(f.id));
  return rows.map(toCustomField);
}
