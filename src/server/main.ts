/** `npm start`: serve the skill on PORT with the configured (default: embedded) parts. */
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { amazonVerifiers } from './alexa-route';
import { createHttpApp } from './app';
import { MISSING_PROJECT_ID } from './google-route';
import { createApplication } from '../app/application';
import { parseCommandLine } from '../cli';

const HELP = `usage: npm start   (or: node dist/server/start.js)

Serves the skill: POST /alexa, POST /google, GET /healthz, /readyz and /metrics.
Takes no options; everything comes from the environment (README, "Configuration"):
  PORT (3000), DATABASE_URL (sqlite:data/saldo.db), SALDO_VERIFY_REQUESTS (true),
  ALEXA_SKILL_ID, GOOGLE_PROJECT_ID, LOG_LEVEL (info), SALDO_BODY_LIMIT (256kb),
  SALDO_FIXTURE, SALDO_PAYMENT_LIMIT (1000.00), SALDO_DAILY_LIMIT (2000.00),
  SALDO_PIN_MAX_ATTEMPTS (3), SALDO_CONFIG (a file listing the banks).
SIGTERM or SIGINT: stops accepting, answers what it holds, exits 0.

  --help, -h    this text`;

/** How long in-flight requests may take to finish after SIGTERM/SIGINT before their connections are cut. */
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  parseCommandLine({ name: 'saldo', help: HELP, options: {} });
  const started = process.hrtime.bigint();
  // Off a terminal (in production), log lines are written asynchronously, one per request:
  // answering never waits for the log collector; pino flushes what is buffered on exit.
  // On a terminal, createLogger's choice stands (pretty lines when pino-pretty is there).
  const application = await createApplication(process.env, {
    logDestination: process.stdout.isTTY ? undefined : pino.destination({ dest: 1, sync: false }),
  });
  const { config, log } = application;
  application.metrics.collectProcessMetrics();
  if (!config.verifyRequests) {
    log.warn(
      '!!! SALDO_VERIFY_REQUESTS=false: Alexa signatures and timestamps are NOT checked. Anyone can send requests as any user. Use this only on a developer machine. !!!',
    );
  }
  const app = createHttpApp({
    log,
    banks: application.banks,
    metrics: application.metrics,
    readiness: application.readiness,
    verifyRequests: config.verifyRequests,
    alexaVerifiers: config.verifyRequests ? await amazonVerifiers() : [],
    bodyLimit: config.bodyLimit,
  });
  if (config.verifyRequests && application.banks.every((bank) => bank.googleProjectIds.length === 0)) {
    log.warn(`${MISSING_PROJECT_ID}; POST /google answers 503 until then`);
  }
  log.info({ banks: application.banks.map((bank) => bank.id) }, 'banks enabled');
  const server = createServer(app);
  try {
    await listen(server, config.port);
  } catch (error) {
    await application.close();
    throw (error as { code?: unknown }).code === 'EADDRINUSE'
      ? new Error(`port ${config.port} is in use (PORT)`)
      : error;
  }
  const address = server.address();
  log.info(
    {
      port: typeof address === 'object' && address ? address.port : config.port,
      pid: process.pid,
      verifyRequests: config.verifyRequests,
      startMs: Number(process.hrtime.bigint() - started) / 1e6,
    },
    'saldo listening',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // New connections are refused; requests already received are answered, then their connections close.
    // The server closes first: a log line that cannot be written (a closed pipe) must not keep it serving.
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      void application
        .close()
        .catch((error: unknown) => log.error({ reason: String(error) }, 'could not close the store cleanly'))
        .then(() => log.info('stopped'))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    log.info({ signal }, 'stopping');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

main().catch((error: unknown) => {
  // Configuration errors are the usual cause: say what is wrong, without a stack.
  console.error(error instanceof Error ? `saldo failed to start: ${error.message}` : error);
  process.exit(1);
});
