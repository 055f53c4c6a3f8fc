// Owns the database connection: createDb() over postgres.js + drizzle, migrations, and the schema.
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import path from 'node:path';
import postgres from 'postgres';
import * as schema from './schema/index';

export { schema };
export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
/** A transaction or the database: core functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  sql: postgres.Sql;
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  max?: number;
  /** Milliseconds; a statement running longer is cancelled by PostgreSQL. */
  statementTimeoutMs?: number;
  applicationName?: string;
};

/**
 * Makes every parameterised query a named prepared statement. drizzle sends its queries through
 * `sql.unsafe()`, which postgres.js runs unprepared (parse, plan and execute on every call); prepared,
 * each connection keeps the statement and, with the generic plan of createDb, skips planning, which was
 * most of PostgreSQL's time on the task list.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  const unsafe = sql.unsafe.bind(sql);
  sql.unsafe = ((
    query: string,
    args?: postgres.ParameterOrJSON<never>[],
    options?: postgres.UnsafeQueryOptions,
  ) => unsafe(query, args, { ...options, prepare: (args?.length ?? 0) > 0 })) as typeof sql.unsafe;
  // transactions and savepoints hand their callback a new client: prepare its queries too
  const scoped = sql as unknown as Record<
    'begin' | 'savepoint',
    ((...args: unknown[]) => unknown) | undefined
  >;
  for (const method of ['begin', 'savepoint'] as const) {
    const original = scoped[method]?.bind(sql);
    if (!original) continue;
    scoped[method] = (...args: unknown[]) => {
      const callback = args.pop() as (tx: postgres.Sql) => unknown;
      return original(...args, (tx: postgres.Sql) => callback(preparing(tx)));
    };
  }
  return sql;
}

export function createDb(url: string, options: CreateDbOptions = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    // recycle connections now and then, which also bounds each connection's statement cache
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'portico',
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      // Every query is tenant-scoped on indexes that lead with organization_id, so the generic plan is
      // the right plan; without this PostgreSQL re-plans prepared statements on each call.
      plan_cache_mode: 'force_generic_plan',
    },
  });
  const db = drizzle(preparing(sql), { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../drizzle');

/** Applies every migration in drizzle/ that the database has not seen yet. */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Postgres error codes the api layer turns into typed client errors. */
export const pgErrorCodes = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  invalidTextRepresentation: '22P02',
  serializationFailure: '40001',
} as const;

/** The PostgreSQL error behind an error, if any (drizzle wraps it in DrizzleQueryError.cause). */
export function findPgError(error: unknown): postgres.PostgresError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as { name?: string; code?: unknown; cause?: unknown };
    if (e.name === 'PostgresError' && typeof e.code === 'string') return current as postgres.PostgresError;
    current = e.cause;
  }
  return null;
}

export function isPgError(error: unknown, code?: string): boolean {
  const pg = findPgError(error);
  return pg !== null && (code === undefined || pg.code === code);
}
