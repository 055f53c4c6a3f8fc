// `pnpm seed`: replaces the demo organization (Northwind Heating & Air) in the development database.
import { parseEnv, serverEnvSchema } from '@portico/config';
import { systemClock } from '@portico/core';
import { createDb, migrateDatabase } from '@portico/db';
import { connectOrStartEmbedded } from '@portico/db/embedded';
import { resetDemo, seedDemo } from '@portico/server/demo/seed-demo';
import path from 'node:path';

async function main(): Promise<void> {
  // Same variables and defaults as the server, so this seeds the database `pnpm start` uses.
  const env = parseEnv(serverEnvSchema, process.env);
  let databaseUrl = env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!databaseUrl) {
    const dataDir = path.resolve(env.DATA_DIR, 'postgres');
    const embedded = await connectOrStartEmbedded({ dataDir, persistent: true });
    databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
    console.log(
      embedded.isStartedHere
        ? `Started the embedded PostgreSQL in ${dataDir} (it stops again when seeding is done).`
        : `Using the embedded PostgreSQL of the running server (${dataDir}, port ${embedded.port}).`,
    );
  } else {
    console.log(`Using the PostgreSQL server at ${new URL(databaseUrl).host} (DATABASE_URL).`);
  }

  const database = createDb(databaseUrl, { max: 2, applicationName: 'portico-seed' });
  try {
    await migrateDatabase(databaseUrl);
    const hadDemo = await resetDemo(database.db);
    const demo = await seedDemo(database.db, { clock: systemClock });
    console.log(`${hadDemo ? 'Replaced' : 'Created'} the demo organization "${demo.organizationSlug}".`);
    console.log(`  admin       ${demo.adminEmail} / ${demo.adminPassword}`);
    console.log(`  dispatcher  ${demo.dispatcherEmail} / ${demo.dispatcherPassword}`);
  } finally {
    await database.close();
    await stopEmbedded();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
