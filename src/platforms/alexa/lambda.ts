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

let built: LambdaHandler | undefined;

/** Configured from the Lambda's environment, like `npm start` is from the shell's. */
export const handler: LambdaHandler = (event, context, callback) => {
  if (!built) {
    const application = createApplication(process.env);
    built = lambdaHandlerFor(createAlexaSkill({ conversation: application.conversation, skillId: application.config.alexaSkillId }));
  }
  built(event, context, callback);
};
