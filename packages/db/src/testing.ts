// Test database helpers: each test file gets its own database cloned from a migrated template.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type Database } from './index';

export type TestDatabaseInfo = {
  /** URL of a maintenance database on the test server (for CREATE/DROP DATABASE). */
  adminUrl: string;
  /** Name of the migrated template database. */
  template: string;
  /** Prefix of every database this run creates. */
  prefix: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    portico: TestDatabaseInfo;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export type TestDatabase = Database & { url: string; name: string };

/** A fresh, migrated database for one test file. Close it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject('portico');
  if (!info)
    throw new Error(
      'The vitest global setup did not provide a test database (run through vitest.config.ts).',
    );
  const name = `${info.prefix}${randomBytes(5).toString('hex')}`;
  const admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${info.template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(info.adminUrl, name);
  const database = createDb(url, { max: 5, applicationName: 'portico-test' });
  return { ...database, url, name };
}
