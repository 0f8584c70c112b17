/** Builds Saldo for tests: sandbox bank, a fixed clock, logs captured in memory. */
import type { LambdaHandler } from 'ask-sdk-core';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createAlexaSkill } from '../../src/platforms/alexa/skill';
import { lambdaHandlerFor } from '../../src/platforms/alexa/lambda';
import { createApplication, type Application, type ApplicationOverrides } from '../../src/app/application';
import { REDACTED_PATHS } from '../../src/app/logger';
import type { DeriveKey, PinHashCost } from '../../src/security/pin-hash';

/** Sunday 29 November 2026, 15:00 UTC: daytime in New York and Madrid. */
export const FIXED_NOW = new Date('2026-11-29T15:00:00Z');

/**
 * scrypt at a cost a test can afford thousands of times. What the conversations test is
 * when a PIN is asked for and what a right or wrong one does, not the hash's strength
 * (test/security covers the production cost); at the production cost, enrolling the
 * fixture's customers for every test application was a large part of the suite's time.
 */
export const TEST_PIN_COST: PinHashCost = { log2N: 4, r: 1, p: 1 };

/** For conversations built by hand that never check a PIN: a check would be a test's mistake. */
export const NO_PIN_CHECKS: DeriveKey = () => Promise.reject(new Error('this test checks no PIN'));

const ROOMY_MERCHANT_READS_MS = 60_000;

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

const opened: Array<Promise<Application | undefined>> = [];

/** Closes every application the suite built (registered once in test/support/setup.ts). */
export async function closeTestApplications(): Promise<void> {
  const applications = opened.splice(0);
  await Promise.all(applications.map(async (app) => (await app)?.close()));
}

export interface TestSaldo {
  /** Built on first use; closed after the suite. */
  readonly application: Promise<Application>;
  readonly logs: LogCapture;
  readonly handler: LambdaHandler;
}

/**
 * Saldo as `npm start` builds it, on a fresh in-memory SQLite store unless the env names
 * another, with verification off (these tests call the skill directly).
 */
export function testSaldo(env: NodeJS.ProcessEnv = {}, overrides: ApplicationOverrides = {}): TestSaldo {
  const { log, capture } = captureLogs();
  // Built on first use: a suite declares many of these up front, and building them all at
  // once (each enrols PINs with scrypt) would starve the thread pool the first tests need.
  let built: Promise<Application> | undefined;
  const application = () => {
    if (!built) {
      built = createApplication(
        { SALDO_VERIFY_REQUESTS: 'false', DATABASE_URL: 'sqlite::memory:', ...env },
        // The plain phrasing of varied messages, so conversations can be checked word for word.
        {
          log,
          now: () => FIXED_NOW,
          phrasing: () => () => 0,
          pinHashCost: TEST_PIN_COST,
          // Tests that expect merchants must get them however busy the machine is.
          merchantReadBudgetMs: ROOMY_MERCHANT_READS_MS,
          ...overrides,
        },
      );
      opened.push(built.catch(() => undefined));
    }
    return built;
  };
  const handler: LambdaHandler = (event, context, callback) => {
    application().then(
      (app) => lambdaHandlerFor(createAlexaSkill({ conversation: app.conversation }))(event, context, callback),
      (error: unknown) => callback(error as Error),
    );
  };
  return {
    get application() {
      return application();
    },
    logs: capture,
    handler,
  };
}
