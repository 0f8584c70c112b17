/** AWS Lambda entry point: the same skill as POST /alexa, built once per container. */
import type { LambdaHandler, Skill } from 'ask-sdk-core';
import { createApplication } from '../../server/application';
import { createAlexaSkill } from './skill';

export function lambdaHandlerFor(skill: Skill): LambdaHandler {
  return (event, context, callback) => {
    skill.invoke(event, context).then(
      (response) => callback(null as unknown as Error, response),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

let built: Promise<LambdaHandler> | undefined;

/** Configured from the Lambda's environment, like `npm start` is from the shell's; built once per container. */
export const handler: LambdaHandler = (event, context, callback) => {
  built ??= createApplication(process.env).then((application) =>
    lambdaHandlerFor(createAlexaSkill({ conversation: application.conversation, skillId: application.config.alexaSkillId })),
  );
  built.then(
    (ready) => ready(event, context, callback),
    (error: unknown) => {
      built = undefined;
      callback(error instanceof Error ? error : new Error(String(error)));
    },
  );
};
