/** The ask-sdk-core skill: every request goes to the core and back through one renderer. */
import { DefaultApiClient, ResponseFactory, SkillBuilders, type HandlerInput, type Skill } from 'ask-sdk-core';
import type { Intent, Response, ResponseEnvelope } from 'ask-sdk-model';
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

/**
 * Session attributes are Saldo's own state or nothing: a request without a session (skill
 * events, playback events) has none to set, and a request that gets no answer keeps none
 * of what the client sent (ask-sdk would otherwise echo the incoming attributes).
 */
function render(input: HandlerInput, reply: SafeReply | undefined): Response {
  const builder = input.responseBuilder;
  const inSession = input.requestEnvelope.session !== undefined;
  if (!reply) {
    if (inSession) input.attributesManager.setSessionAttributes({});
    return builder.getResponse();
  }
  builder.speak(reply.speechSsml);
  if (reply.repromptSsml) builder.reprompt(reply.repromptSsml);
  if (reply.linkAccount) builder.withLinkAccountCard();
  else if (reply.card) builder.withSimpleCard(reply.card.title, reply.card.text);
  if (reply.elicitSlot && input.requestEnvelope.request.type === 'IntentRequest') {
    builder.addElicitSlotDirective(reply.elicitSlot, withoutNumbers(input.requestEnvelope.request.intent));
  }
  builder.withShouldEndSession(reply.endSession);
  if (inSession) input.attributesManager.setSessionAttributes(reply.endSession ? {} : sessionOf(reply));
  return builder.getResponse();
}

/** The whole response for an apology when the skill itself could not answer (the route's last resort). */
export function apologyEnvelope(apology: SafeReply): ResponseEnvelope {
  return {
    version: '1.0',
    response: { outputSpeech: { type: 'SSML', ssml: apology.speechSsml }, shouldEndSession: true },
  };
}

export function createAlexaSkill({ conversation }: AlexaSkillOptions): Skill {
  const builder = SkillBuilders.custom()
    .withApiClient(new DefaultApiClient())
    .addRequestHandlers({
      canHandle: () => true,
      handle: async (input) =>
        render(input, await conversation.handle(toTurn(input.requestEnvelope), { progress: progressResponse(input) })),
    })
    // Whatever throws inside the skill gets a spoken apology, never an HTTP error.
    .addErrorHandlers({
      canHandle: () => true,
      handle: (input, error) => {
        const { request } = input.requestEnvelope;
        const apology = conversation.recover({ locale: request.locale, requestId: request.requestId }, error);
        // A fresh builder: the failed handler may have left half a response in the old one.
        return render({ ...input, responseBuilder: ResponseFactory.init() }, apology);
      },
    });
  return builder.create();
}
