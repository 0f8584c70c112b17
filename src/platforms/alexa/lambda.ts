/** AWS Lambda entry point: the same skills as POST /alexa, built once per container. */
import type { LambdaHandler, Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { createApplication } from '../../app/application';
import { bankForSkill } from '../../app/routing';
import { createAlexaSkill } from './skill';

export function lambdaHandlerFor(skill: Skill): LambdaHandler {
  return (event, context, callback) => {
    skill.invoke(event, context).then(
      (response) => callback(null as unknown as Error, response),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

let built: Promise<(event: RequestEnvelope) => Skill | undefined> | undefined;

/**
 * Configured from the Lambda's environment, like `npm start` is from the shell's. Each
 * request goes to the bank that claims its skill id; an unclaimed id is an error.
 */
export const handler: LambdaHandler = (event, context, callback) => {
  built ??= createApplication(process.env).then((application) => {
    const skills = new Map(
      application.banks.map((bank) => [bank.id, createAlexaSkill({ conversation: bank.conversation })]),
    );
    return (envelope: RequestEnvelope) => {
      const bank = bankForSkill(application.banks, envelope.context?.System?.application?.applicationId ?? '');
      return bank && skills.get(bank.id);
    };
  });
  built.then(
    (skillFor) => {
      const skill = skillFor(event);
      if (!skill) return callback(new Error('unknown skill id'));
      lambdaHandlerFor(skill)(event, context, callback);
    },
    (error: unknown) => {
      built = undefined;
      callback(error instanceof Error ? error : new Error(String(error)));
    },
  );
};
