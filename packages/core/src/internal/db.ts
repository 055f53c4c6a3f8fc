// The database surface core uses: schema tables, drizzle operators and types, from one import.
export { schema } from '@portico/db';
export type { Db, DbOrTx, Tx } from '@portico/db';
export type { AuditChanges as AuditChangesInput } from '@portico/db/schema';
export {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  notInArray,
  or,
  sql,
  count,
} from 'drizzle-orm';
