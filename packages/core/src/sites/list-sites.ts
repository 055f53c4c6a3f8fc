// Lists sites (optionally of one customer) by street address, with search and keyset paging.
import type { SiteListInput, SiteListOutput } from '@portico/validators/sites';
import { getTableColumns, type SQL } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { findCustomer } from '../customers/find-customer';
import { containsPattern, cursorGone, parseCursor } from '../customers/list-helpers';
import { and, eq, ilike, isNull, or, schema, sql } from '../internal/db';

export async function listSites(ctx: CoreContext, input: SiteListInput): Promise<SiteListOutput> {
  const { sites, customers } = schema;
  const sortKey = sql<string>`lower(${sites.addressLine1})`;
  const conditions: (SQL | undefined)[] = [eq(sites.organizationId, ctx.organizationId)];
  if (input.customerId) {
    const customer = await findCustomer(ctx, input.customerId);
    conditions.push(eq(sites.customerId, customer.id));
  }
  if (!input.includeArchived) conditions.push(isNull(sites.archivedAt), isNull(customers.archivedAt));
  if (input.search) {
    const pattern = containsPattern(input.search);
    conditions.push(
      or(
        ilike(sites.name, pattern),
        ilike(sites.addressLine1, pattern),
        ilike(sites.addressLine2, pattern),
        ilike(sites.city, pattern),
        ilike(sites.postalCode, pattern),
        ilike(customers.name, pattern),
      ),
    );
  }
  const cursorId = parseCursor(input.cursor);
  if (cursorId) {
    const [after] = await ctx.db
      .select({ key: sortKey, id: sites.id })
      .from(sites)
      .where(and(eq(sites.id, cursorId), eq(sites.organizationId, ctx.organizationId)));
    if (!after) throw cursorGone();
    conditions.push(sql`(${sortKey}, ${sites.id}) > (${after.key}, ${after.id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ ...getTableColumns(sites), customerName: customers.name })
    .from(sites)
    .innerJoin(
      customers,
      and(eq(customers.id, sites.customerId), eq(customers.organizationId, sites.organizationId)),
    )
    .where(and(...conditions))
    .orderBy(sortKey, sites.id)
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}
