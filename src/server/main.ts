/** `npm start`: serve the skill on PORT with the configured (default: embedded) parts. */
import { createAlexaSkill } from '../platforms/alexa/skill';
import { amazonVerifiers } from './alexa-route';
import { createHttpApp } from './app';
import { MISSING_PROJECT_ID } from './google-route';
import { createApplication } from './application';

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const application = await createApplication(process.env);
  const { config, log } = application;
  if (!config.verifyRequests) {
    log.warn(
      'SALDO_VERIFY_REQUESTS=false: Alexa signatures and timestamps are NOT checked. Anyone can send requests as any user. Use this only on a developer machine.',
    );
  }
  const skill = createAlexaSkill({ conversation: application.conversation, skillId: config.alexaSkillId });
  const app = createHttpApp({
    log,
    readiness: application.readiness,
    bodyLimit: config.bodyLimit,
    alexa: { skill, verifiers: config.verifyRequests ? await amazonVerifiers() : [], skillId: config.alexaSkillId },
    google: { conversation: application.conversation, verifyRequests: config.verifyRequests, projectId: config.googleProjectId },
  });
  if (config.verifyRequests && !config.googleProjectId) log.warn(MISSING_PROJECT_ID + '; POST /google answers 503 until then');
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port, verifyRequests: config.verifyRequests, startMs: Number(process.hrtime.bigint() - started) / 1e6 }, 'saldo listening');
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
