// Runs the SNS and Resend stand-ins as a process of their own, for benches and manual runs.
// node --import tsx packages/notifications/src/testing/serve.ts [--sns-port 4566] [--resend-port 4567]
// Prints one JSON line with both URLs; control them over HTTP under /__stand-in/ (summary, deliveries, reset, ...).
import { parseArgs } from 'node:util';
import { startResendStandIn } from './resend-stand-in';
import { startSnsStandIn } from './sns-stand-in';

const { values } = parseArgs({
  options: {
    'sns-port': { type: 'string', default: '0' },
    'resend-port': { type: 'string', default: '0' },
  },
});

const sns = await startSnsStandIn({ port: Number(values['sns-port']) });
const resend = await startResendStandIn({ port: Number(values['resend-port']) });
console.log(JSON.stringify({ snsEndpoint: sns.url, resendBaseUrl: resend.url }));

async function stop(): Promise<void> {
  await Promise.all([sns.close(), resend.close()]);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
