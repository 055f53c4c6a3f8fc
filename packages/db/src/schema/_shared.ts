// Column helpers shared by every table: ids, tenant key, timestamps and the optimistic-lock version.
import { customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const rowVersion = () => integer('version').notNull().default(1);
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});
