// The worker-only process: pg-boss supervision and job handlers, no HTTP listener (scale it apart from the API).
import { readEnv } from './env';
import { exitOnSignals, startPortico } from './main';

const env = readEnv({ overrides: { ROLE: 'worker' } });
startPortico(env).then(exitOnSignals, () => process.exit(1));
