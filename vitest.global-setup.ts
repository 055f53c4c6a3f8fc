// Starts the test PostgreSQL once per run (embedded, or DATABASE_URL's server) and migrates a template database.
import { migrateDatabase } from '@portico/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@portico/db/embedded';
import { withDatabase } from '@portico/db/testing';
import { installJobSchema } from '@portico/jobs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

let embedded: EmbeddedDatabase | undefined;
let cleanup: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.DATABASE_URL;
  let adminUrl: string;
  if (external) {
    adminUrl = withDatabase(external, 'postgres');
    console.log(`[test db] using the PostgreSQL server at ${new URL(external).host}`);
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `portico-test-pg-${randomBytes(4).toString('hex')}`),
      persistent: false,
    });
    adminUrl = embedded.adminUrl;
    console.log(`[test db] started embedded PostgreSQL on port ${embedded.port}`);
  }
  const runId = randomBytes(3).toString('hex');
  const prefix = `portico_t_${runId}_`;
  const template = `${prefix}template`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  const templateUrl = withDatabase(adminUrl, template);
  await migrateDatabase(templateUrl);
  await installJobSchema(templateUrl);
  project.provide('portico', { adminUrl, template, prefix });
  cleanup = async () => {
    const dbs = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${prefix + '%'}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}

export async function teardown(): Promise<void> {
  await cleanup?.();
  await embedded?.stop();
}
