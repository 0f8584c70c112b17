/**
 * `npm run bank:sandbox:bg`: the Berlin Group sandbox bank on BANK_SANDBOX_BG_PORT (3200),
 * under /psd2, with its own store (BANK_SANDBOX_BG_DATABASE_URL, default
 * sqlite:data/bank-sandbox-bg.db) and the fixture at SALDO_FIXTURE (default: the bundled
 * fixtures/sandbox-bank.json). BANK_SANDBOX_FAULTS=true serves /__faults. Decoupled
 * approvals are decided by BANK_SANDBOX_BG_APPROVE (approve, the default, after
 * BANK_SANDBOX_BG_APPROVE_AFTER_MS; or deny; or none, to leave them waiting).
 */
import pino from 'pino';
import { stopOnSignal } from '../../sandbox/stop-on-signal';
import { parseCommandLine } from '../../../cli';
import { openStore } from '../../../store/open';
import { loadSandboxFixture } from '../../sandbox/fixture';
import { createBerlinGroupSandbox } from './app';
import { berlinGroupSandboxEnvSchema } from './env';
import { BASE_PATH } from './spec';
import { warmUp } from './warm-up';

const HELP = `usage: npm run bank:sandbox:bg

The Berlin Group NextGenPSD2 sandbox bank (consents, accounts, card accounts, SEPA
payments with decoupled or exempted SCA) that the Berlin Group connector talks to
(config/berlin-group-sandbox.yaml), under /psd2.

Environment:
  BANK_SANDBOX_BG_PORT              HTTP port (default 3200)
  BANK_SANDBOX_BG_DATABASE_URL      its own store (default sqlite:data/bank-sandbox-bg.db)
  BANK_SANDBOX_BG_SCA               decoupled (default) or exempted
  BANK_SANDBOX_BG_APPROVE           how its app decides: approve (default), deny, none
  BANK_SANDBOX_BG_APPROVE_AFTER_MS  after how long (default 5000)
  SALDO_FIXTURE                     its customers (default fixtures/sandbox-bank.json)
  BANK_SANDBOX_FAULTS               true serves /__faults for fault injection
  LOG_LEVEL                         pino level (default info)

  --help, -h                        this text`;

parseCommandLine({ name: 'bank:sandbox:bg', help: HELP, options: {} });

const env = berlinGroupSandboxEnvSchema.parse(process.env);

async function main(): Promise<void> {
  const log = pino({
    level: env.LOG_LEVEL,
    base: { service: 'bank-sandbox-bg' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'accessToken'], censor: '[redacted]' },
  });
  const db = await openStore(env.BANK_SANDBOX_BG_DATABASE_URL);
  const fixture = loadSandboxFixture(env.SALDO_FIXTURE);
  const app = createBerlinGroupSandbox({
    fixture,
    db,
    log,
    sca: env.BANK_SANDBOX_BG_SCA,
    faultAdmin: env.BANK_SANDBOX_FAULTS === 'true',
  });
  await app.ready;
  if (env.BANK_SANDBOX_BG_APPROVE !== 'none') {
    // Stands in for the customer tapping approve (or deny) in the bank's app.
    app.onApprovalRequested((payment) => {
      setTimeout(() => {
        app.decidePayment(payment.id, env.BANK_SANDBOX_BG_APPROVE === 'approve').catch((error: unknown) => {
          log.warn({ err: error }, 'could not decide a payment');
        });
      }, env.BANK_SANDBOX_BG_APPROVE_AFTER_MS).unref();
    });
  }
  const server = app.listen(env.BANK_SANDBOX_BG_PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.BANK_SANDBOX_BG_PORT;
    void warmUp(`http://127.0.0.1:${port}${BASE_PATH}`, fixture).then(
      () =>
        log.info({ port, basePath: BASE_PATH, sca: env.BANK_SANDBOX_BG_SCA }, 'berlin group sandbox bank listening'),
      (error: unknown) => log.error({ err: error }, 'berlin group sandbox warm-up failed'),
    );
  });
  stopOnSignal(server, db, log, 'berlin group sandbox bank');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
