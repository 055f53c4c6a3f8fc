// Loads one contact of the caller's organization, or answers NOT_FOUND.
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';

export type ContactRow = typeof schema.contacts.$inferSelect;

/** `field` names the input that carried the id, for ids referenced from another record. */
export async function findContact(
  ctx: CoreContext,
  id: string,
  options: { forUpdate?: boolean; field?: string } = {},
): Promise<ContactRow> {
  const { contacts } = schema;
  const query = ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.organizationId, ctx.organizationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row)
    throw new AppError('NOT_FOUND', 'Contact was not found.', options.field ? { field: options.field } : {});
  return row;
}
