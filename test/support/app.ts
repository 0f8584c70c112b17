/** Builds Saldo for tests: sandbox bank, a fixed clock, logs captured in memory. */
import type { LambdaHandler } from 'ask-sdk-core';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createAlexaSkill } from '../../src/platforms/alexa/skill';
import { lambdaHandlerFor } from '../../src/platforms/alexa/lambda';
import { createApplication, type Application, type ApplicationOverrides } from '../../src/server/application';
import { REDACTED_PATHS } from '../../src/server/logger';

/** Sunday 29 November 2026, 15:00 UTC: daytime in New York and Madrid. */
export const FIXED_NOW = new Date('2026-11-29T15:00:00Z');

export interface LogCapture {
  readonly lines: string[];
  text(): string;
}

export function captureLogs(level = 'trace'): { log: pino.Logger; capture: LogCapture } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const log = pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  return { log, capture: { lines, text: () => lines.join('\n') } };
}

export interface TestSaldo {
  readonly application: Application;
  readonly logs: LogCapture;
  readonly handler: LambdaHandler;
}

export function testSaldo(env: NodeJS.ProcessEnv = {}, overrides: ApplicationOverrides = {}): TestSaldo {
  const { log, capture } = captureLogs();
  const application = createApplication(
    { SALDO_VERIFY_REQUESTS: 'false', ...env },
    { log, now: () => FIXED_NOW, ...overrides },
  );
  const skill = createAlexaSkill({ conversation: application.conversation, skillId: application.config.alexaSkillId });
  return { application, logs: capture, handler: lambdaHandlerFor(skill) };
}
