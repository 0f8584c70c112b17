/** The express app wired as `npm start` wires it, with test doubles where a test needs them. */
import type { Express } from 'express';
import { createAlexaSkill } from '../../src/platforms/alexa/skill';
import type { GoogleApp } from '../../src/platforms/google/app';
import type { RequestVerifier } from '../../src/server/alexa-route';
import { createHttpApp } from '../../src/server/app';
import type { Application, ApplicationOverrides } from '../../src/server/application';
import { testSaldo, type TestSaldo } from './app';

export interface TestHttp {
  readonly app: Express;
  readonly application: Application;
  readonly saldo: TestSaldo;
}

export async function testHttpApp(
  options: { env?: NodeJS.ProcessEnv; verifiers?: RequestVerifier[]; overrides?: ApplicationOverrides; googleApp?: GoogleApp } = {},
): Promise<TestHttp> {
  const saldo = testSaldo(options.env, options.overrides);
  const application = await saldo.application;
  const skill = createAlexaSkill({ conversation: application.conversation, skillId: application.config.alexaSkillId });
  const app = createHttpApp({
    log: application.log,
    readiness: application.readiness,
    bodyLimit: application.config.bodyLimit,
    alexa: { skill, verifiers: options.verifiers ?? [], skillId: application.config.alexaSkillId },
    google: {
      conversation: application.conversation,
      verifyRequests: application.config.verifyRequests,
      projectId: application.config.googleProjectId,
      app: options.googleApp,
    },
  });
  return { app, application, saldo };
}
