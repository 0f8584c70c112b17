/** The ask-sdk-core skill: every request goes to the core and back through one renderer. */
import { DefaultApiClient, SkillBuilders, type HandlerInput, type Skill } from 'ask-sdk-core';
import type { Directive, Intent, Response } from 'ask-sdk-model';
import type { DynamicEntities } from '../../shared/entities';
import { maskForLog } from '../../voice/mask';
import type { Conversation, TurnHooks } from '../../core/conversation';
import { sessionOf, type SafeReply } from '../../voice/reply';
import { toTurn } from './turn';

export interface AlexaSkillOptions {
  readonly conversation: Conversation;
}

/**
 * The intent to keep eliciting, minus slot values shaped like account or card numbers:
 * the directive would otherwise echo them back (Saldo keeps the known terms itself).
 */
function withoutNumbers(intent: Intent): Intent {
  const slots = Object.fromEntries(
    Object.entries(intent.slots ?? {}).map(([name, slot]) => {
      const safe = slot.value === undefined || maskForLog(slot.value) === slot.value;
      return [name, safe ? slot : { name: slot.name, confirmationStatus: slot.confirmationStatus }];
    }),
  );
  return { ...intent, slots };
}

/**
 * "One moment…" through the Directive Service at the request's apiEndpoint, while the
 * bank is slow: Alexa speaks it before the answer arrives.
 */
function progressResponse(input: HandlerInput): TurnHooks['progress'] {
  const { request, context } = input.requestEnvelope;
  if (
    request.type !== 'IntentRequest' ||
    !context?.System?.apiEndpoint ||
    !context.System.apiAccessToken ||
    !input.serviceClientFactory
  ) {
    return undefined;
  }
  const directives = input.serviceClientFactory.getDirectiveServiceClient();
  return (reply) =>
    directives.enqueue({
      header: { requestId: request.requestId },
      directive: { type: 'VoicePlayer.Speak', speech: reply.speechSsml },
    });
}

/** The customer's entities replace the session's dynamic values of each type (expires with the session). */
function updateDynamicEntities(entities: DynamicEntities): Directive {
  return {
    type: 'Dialog.UpdateDynamicEntities',
    updateBehavior: 'REPLACE',
    types: entities.map((type) => ({
      name: type.name,
      values: type.values.map((value) => ({
        id: value.id,
        name: { value: value.value, synonyms: [...value.synonyms] },
      })),
    })),
  } as Directive;
}

/** The PIN is ProvidePinIntent's slot, whichever intent asked for it. */
function pinIntent(): Intent {
  return {
    name: 'ProvidePinIntent',
    confirmationStatus: 'NONE',
    slots: { pin: { name: 'pin', confirmationStatus: 'NONE' } },
  };
}

function render(input: HandlerInput, reply: SafeReply | undefined): Response {
  const builder = input.responseBuilder;
  if (!reply) return builder.getResponse();
  builder.speak(reply.speechSsml);
  if (reply.repromptSsml) builder.reprompt(reply.repromptSsml);
  if (reply.linkAccount) builder.withLinkAccountCard();
  else if (reply.card) builder.withSimpleCard(reply.card.title, reply.card.text);
  if (reply.entities) builder.addDirective(updateDynamicEntities(reply.entities));
  if (reply.elicitSlot === 'pin') {
    builder.addElicitSlotDirective('pin', pinIntent());
  } else if (reply.elicitSlot && input.requestEnvelope.request.type === 'IntentRequest') {
    builder.addElicitSlotDirective(reply.elicitSlot, withoutNumbers(input.requestEnvelope.request.intent));
  }
  builder.withShouldEndSession(reply.endSession);
  input.attributesManager.setSessionAttributes(reply.endSession ? {} : sessionOf(reply));
  return builder.getResponse();
}

export function createAlexaSkill({ conversation }: AlexaSkillOptions): Skill {
  const builder = SkillBuilders.custom()
    .withApiClient(new DefaultApiClient())
    .addRequestHandlers({
      canHandle: () => true,
      handle: async (input) =>
        render(input, await conversation.handle(toTurn(input.requestEnvelope), { progress: progressResponse(input) })),
    });
  return builder.create();
}
