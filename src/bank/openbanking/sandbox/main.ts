/**
 * `npm run bank:sandbox`: the Open Banking sandbox bank on BANK_SANDBOX_PORT (3100), with
 * its own store (BANK_SANDBOX_DATABASE_URL, default sqlite:data/bank-sandbox.db) and the
 * fixture at SALDO_FIXTURE (default: the bundled fixtures/sandbox-bank.json).
 * BANK_SANDBOX_FAULTS=true serves POST/GET/DELETE /__faults for manual fault injection.
 */
import pino from 'pino';
import { stopOnSignal } from '../../sandbox/stop-on-signal';
import { parseCommandLine } from '../../../cli';
import { openStore } from '../../../store/open';
import { loadSandboxFixture } from '../../sandbox/fixture';
import { createOpenBankingSandbox } from './app';
import { sandboxEnvSchema } from './env';
import { BASE_PATHS } from './spec';

const HELP = `usage: npm run bank:sandbox

The Open Banking sandbox bank (Account and Transaction, Payment Initiation) that Saldo's
Open Banking connector talks to (config/open-banking-sandbox.yaml).

Environment:
  BANK_SANDBOX_PORT           HTTP port (default 3100)
  BANK_SANDBOX_DATABASE_URL   its own store (default sqlite:data/bank-sandbox.db)
  SALDO_FIXTURE               its customers (default fixtures/sandbox-bank.json)
  BANK_SANDBOX_FAULTS         true serves POST/GET/DELETE /__faults for fault injection
  LOG_LEVEL                   pino level (default info)

  --help, -h                  this text`;

parseCommandLine({ name: 'bank:sandbox', help: HELP, options: {} });

const env = sandboxEnvSchema.parse(process.env);

async function main(): Promise<void> {
  const log = pino({
    level: env.LOG_LEVEL,
    base: { service: 'bank-sandbox' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'accessToken'], censor: '[redacted]' },
  });
  const db = await openStore(env.BANK_SANDBOX_DATABASE_URL);
  const fixture = loadSandboxFixture(env.SALDO_FIXTURE);
  const app = createOpenBankingSandbox({ fixture, db, log, faultAdmin: env.BANK_SANDBOX_FAULTS === 'true' });
  await app.ready;
  const server = app.listen(env.BANK_SANDBOX_PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.BANK_SANDBOX_PORT;
    log.info(
      { port, aisp: BASE_PATHS.aisp, pisp: BASE_PATHS.pisp, faults: env.BANK_SANDBOX_FAULTS === 'true' },
      'open banking sandbox bank listening',
    );
  });
  stopOnSignal(server, db, log, 'open banking sandbox bank');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
