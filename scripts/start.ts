// `pnpm start`: the whole of Portico on http://localhost:3000 with the embedded database and demo data.
import { exitOnSignals, readEnv, startPortico, type DemoCredentials } from '@portico/server';
import { DEMO_SLUG, demoCustomers, demoStaff } from '@portico/server/demo/demo-data';

const isDev = process.argv.includes('--dev');
const env = readEnv({
  // Loopback by default: the demo has well-known passwords. HOST=0.0.0.0 opens it to the network.
  defaults: {
    HOST: 'localhost',
    PORT: '3000',
    ROLE: 'all',
    // `pnpm desktop` serves the desktop renderer from electron-vite's dev server: let it call this server
    TRUSTED_ORIGINS: 'http://localhost:5173',
    ...(isDev ? { LOG_PRETTY: 'true' } : {}),
  },
});

/** The demo's portal customer (an account_admin who sees every appointment of her account). */
const DEMO_PORTAL_PHONE = demoCustomers[0]?.contacts[0]?.phone ?? '+17045550120';

function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '─'.repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join('\n');
}

function describe(url: string, seeded: DemoCredentials | null, isEmbedded: boolean): string {
  const lines = [
    'Portico is running',
    '',
    `Customer portal   ${env.PUBLIC_ORIGIN}/p/`,
    `Health            ${url}/health`,
    `API (tRPC)        ${url}/trpc`,
  ];
  if (!seeded && !isEmbedded) return box([...lines, '', 'Stop with Ctrl+C.']);
  const demo: DemoCredentials = seeded ?? {
    organizationSlug: DEMO_SLUG,
    adminEmail: demoStaff.admin.email,
    adminPassword: demoStaff.admin.password,
    dispatcherEmail: demoStaff.dispatcher.email,
    dispatcherPassword: demoStaff.dispatcher.password,
  };
  lines.push(
    '',
    seeded
      ? `First start: created the demo organization "${demo.organizationSlug}". Staff sign-ins:`
      : `Demo organization "${demo.organizationSlug}" (from the first start; unless you changed them):`,
    `  admin       ${demo.adminEmail} / ${demo.adminPassword}`,
    `  dispatcher  ${demo.dispatcherEmail} / ${demo.dispatcherPassword}`,
    '',
    `Customer portal sign-in: ${env.PUBLIC_ORIGIN}/p/${demo.organizationSlug}`,
    `  enter ${DEMO_PORTAL_PHONE} (Maria Delgado); the 6-digit code appears at`,
    `  ${env.PUBLIC_ORIGIN}/dev/outbox (development only; real SMS needs SNS settings)`,
  );
  lines.push('', 'Stop with Ctrl+C.');
  return box(lines);
}

const portico = await startPortico(env, { seedDemoIfEmpty: true }).catch(() => process.exit(1));
exitOnSignals(portico);
if (portico.url)
  process.stdout.write(`\n${describe(portico.url, portico.demo, portico.embeddedDataDir !== null)}\n\n`);
