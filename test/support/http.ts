/** The express app wired as `npm start` wires it, with test doubles where a test needs them. */
import type { HttpApp } from '../../src/server/app';
import type { GoogleApp } from '../../src/platforms/google/app';
import type { RequestVerifier } from '../../src/server/alexa-route';
import { createHttpApp } from '../../src/server/app';
import type { Application, ApplicationOverrides } from '../../src/app/application';
import { testSaldo, type TestSaldo } from './app';

export interface TestHttp {
  readonly app: HttpApp;
  readonly application: Application;
  readonly saldo: TestSaldo;
}

export async function testHttpApp(
  options: {
    env?: NodeJS.ProcessEnv;
    verifiers?: RequestVerifier[];
    overrides?: ApplicationOverrides;
    googleApp?: GoogleApp;
  } = {},
): Promise<TestHttp> {
  const saldo = testSaldo(options.env, options.overrides);
  const application = await saldo.application;
  const app = createHttpApp({
    log: application.log,
    banks: application.banks,
    metrics: application.metrics,
    readiness: application.readiness,
    verifyRequests: application.config.verifyRequests,
    alexaVerifiers: options.verifiers ?? [],
    googleAppFor: options.googleApp && (() => options.googleApp as GoogleApp),
    bodyLimit: application.config.bodyLimit,
  });
  return { app, application, saldo };
}
