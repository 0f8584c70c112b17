/** The express app wired as `npm start` wires it, with test doubles where a test needs them. */
import type { Express } from 'express';
import { createAlexaSkill } from '../../src/platforms/alexa/skill';
import type { RequestVerifier } from '../../src/server/alexa-route';
import { createHttpApp } from '../../src/server/app';
import type { ApplicationOverrides } from '../../src/server/application';
import { testSaldo, type TestSaldo } from './app';

export function testHttpApp(
  options: { env?: NodeJS.ProcessEnv; verifiers?: RequestVerifier[]; overrides?: ApplicationOverrides } = {},
): { app: Express; saldo: TestSaldo } {
  const saldo = testSaldo(options.env, options.overrides);
  const { application } = saldo;
  const skill = createAlexaSkill({ conversation: application.conversation, skillId: application.config.alexaSkillId });
  const app = createHttpApp({
    log: application.log,
    connector: application.connector,
    bodyLimit: application.config.bodyLimit,
    alexa: { skill, verifiers: options.verifiers ?? [], skillId: application.config.alexaSkillId },
  });
  return { app, saldo };
}
