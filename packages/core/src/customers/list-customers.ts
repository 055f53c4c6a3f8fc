// Lists the organization's customers by name with search and keyset paging.
import type { CustomerListInput, CustomerListOutput } from '@portico/validators/customers';
import type { CoreContext } from '../context';
import type { SQL } from 'drizzle-orm';
import { and, eq, ilike, isNull, or, schema, sql } from '../internal/db';
import { containsPattern, cursorGone, parseCursor, phoneDigits } from './list-helpers';

export async function listCustomers(ctx: CoreContext, input: CustomerListInput): Promise<CustomerListOutput> {
  const { customers } = schema;
  const sortKey = sql<string>`lower(${customers.name})`;
  const conditions: (SQL | undefined)[] = [eq(customers.organizationId, ctx.organizationId)];
  if (!input.includeArchived) conditions.push(isNull(customers.archivedAt));
  if (input.search) {
    const pattern = containsPattern(input.search);
    const digits = phoneDigits(input.search);
    conditions.push(
      or(
        ilike(customers.name, pattern),
        ilike(customers.email, pattern),
        ilike(customers.phone, pattern),
        digits ? ilike(customers.phone, containsPattern(digits)) : undefined,
      ),
    );
  }
  const cursorId = parseCursor(input.cursor);
  if (cursorId) {
    const [after] = await ctx.db
      .select({ key: sortKey, id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, cursorId), eq(customers.organizationId, ctx.organizationId)));
    if (!after) throw cursorGone();
    conditions.push(sql`(${sortKey}, ${customers.id}) > (${after.key}, ${after.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(and(...conditions))
    .orderBy(sortKey, customers.id)
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}
