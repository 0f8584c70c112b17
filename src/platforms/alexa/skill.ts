/** The ask-sdk-core skill: every request goes to the core and back through one renderer. */
import { DefaultApiClient, ResponseFactory, SkillBuilders, type HandlerInput, type Skill } from 'ask-sdk-core';
import type { Directive, Intent, Response, ResponseEnvelope, Slot } from 'ask-sdk-model';
import type { DynamicEntities } from '../../shared/entities';
import { SLOT_NAMES, type SlotValue } from '../../shared/slots';
import type { Conversation, TurnHooks } from '../../core/conversation';
import type { SkillEvent } from '../../core/lifecycle';
import { sessionOf, type SafeReply } from '../../voice/reply';
import { skillEventOf } from './skill-events';
import { toTurn } from './turn';

export interface AlexaSkillOptions {
  readonly conversation: Conversation;
}

const CONFIRMATION_STATUSES: ReadonlySet<string> = new Set(['NONE', 'DENIED', 'CONFIRMED']);

function confirmation(status: unknown): 'NONE' | 'DENIED' | 'CONFIRMED' {
  return typeof status === 'string' && CONFIRMATION_STATUSES.has(status)
    ? (status as 'NONE' | 'DENIED' | 'CONFIRMED')
    : 'NONE';
}

/** Alexa's entity-resolution authorities: the skill's own slot types, static or dynamic. */
const AUTHORITY = /^amzn1\.er-authority\.echo-sdk\.[A-Za-z0-9._-]{1,200}$/;

/** The resolution Saldo read (its matched value id), under the authority Alexa named, or none. */
function keptResolution(slot: Slot | undefined, kept: SlotValue): Slot['resolutions'] {
  const authority = slot?.resolutions?.resolutionsPerAuthority?.find(
    (r) => r.status?.code === 'ER_SUCCESS_MATCH',
  )?.authority;
  if (kept.resolvedId === undefined || typeof authority !== 'string' || !AUTHORITY.test(authority)) return undefined;
  return {
    resolutionsPerAuthority: [
      {
        authority,
        status: { code: 'ER_SUCCESS_MATCH' },
        values: [{ value: { name: kept.spoken ?? kept.resolvedId, id: kept.resolvedId } }],
      },
    ],
  };
}

/**
 * The intent to keep eliciting, rebuilt rather than echoed: Saldo's own slot names only,
 * each with the value (and matched value id) the voice layer let through: never a PIN,
 * nothing number-shaped, nothing the final scan would redact.
 */
function updatedIntent(intent: Intent, keep: SafeReply['elicitKeep']): Intent {
  const slots = Object.fromEntries(
    SLOT_NAMES.filter((name) => intent.slots?.[name] !== undefined).map((name): [string, Slot] => {
      const incoming = intent.slots?.[name];
      const slot: Slot = { name, confirmationStatus: confirmation(incoming?.confirmationStatus) };
      const kept = keep[name];
      if (kept?.spoken === undefined) return [name, slot];
      const resolutions = keptResolution(incoming, kept);
      return [name, { ...slot, value: kept.spoken, ...(resolutions ? { resolutions } : {}) }];
    }),
  );
  return { name: intent.name, confirmationStatus: confirmation(intent.confirmationStatus), slots };
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
  if (reply.entities) builder.addDirective(updateDynamicEntities(reply.entities));
  if (reply.elicitSlot === 'pin') {
    builder.addElicitSlotDirective('pin', pinIntent());
  } else if (reply.elicitSlot && input.requestEnvelope.request.type === 'IntentRequest') {
    builder.addElicitSlotDirective(
      reply.elicitSlot,
      updatedIntent(input.requestEnvelope.request.intent, reply.elicitKeep),
    );
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
    .addRequestHandlers(
      {
        // Lifecycle events: acted on, answered with nothing (there is no one to speak to).
        canHandle: (input) => skillEventOf(input.requestEnvelope) !== undefined,
        handle: async (input) => {
          await conversation.event(skillEventOf(input.requestEnvelope) as SkillEvent);
          return render(input, undefined);
        },
      },
      {
        canHandle: () => true,
        handle: async (input) =>
          render(
            input,
            await conversation.handle(toTurn(input.requestEnvelope), { progress: progressResponse(input) }),
          ),
      },
    )
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
