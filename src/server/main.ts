/** `npm start`: serve the skill on PORT with the configured (default: embedded) parts. */
import pino from 'pino';
import { amazonVerifiers } from './alexa-route';
import { createHttpApp } from './app';
import { MISSING_PROJECT_ID } from './google-route';
import { createApplication } from '../app/application';

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  // Log lines are written asynchronously (one per request): answering never waits for the
  // terminal or the log collector; pino flushes what is buffered when the process exits.
  const application = await createApplication(process.env, {
    logDestination: pino.destination({ dest: 1, sync: false }),
  });
  const { config, log } = application;
  if (!config.verifyRequests) {
    log.warn(
      'SALDO_VERIFY_REQUESTS=false: Alexa signatures and timestamps are NOT checked. Anyone can send requests as any user. Use this only on a developer machine.',
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
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info(
      { port, verifyRequests: config.verifyRequests, startMs: Number(process.hrtime.bigint() - started) / 1e6 },
      'saldo listening',
    );
  });
  const stop = () => server.close(() => void application.close().finally(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Configuration errors are the usual cause: say what is wrong, without a stack.
  console.error(error instanceof Error ? `saldo failed to start: ${error.message}` : error);
  process.exit(1);
});
