/**
 * One simulated conversation on one platform. Each line the developer types becomes the
 * request that platform would send (an Alexa envelope, or an Actions Builder webhook
 * body), goes through the real adapter in-process, and comes back as a TurnResult.
 * Between turns it keeps what the platform keeps: Alexa's session attributes and
 * "new" flag, Google's session.params, and an open Alexa slot elicitation.
 */
import { GOOGLE_SCENES } from '../shared/google-scenes';
import { ssmlToText } from '../voice/ssml-text';
import { alexaRequestEnvelope } from '../platforms/alexa/request-envelope';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Skill } from 'ask-sdk-core';
import type { Conversation } from '../core/conversation';
import type { Locale } from '../language/model';
import { createAlexaSkill } from '../platforms/alexa/skill';
import type { GoogleApp } from '../platforms/google/app';
import type { DynamicEntities } from '../shared/entities';
import type { Match, Matcher, SlotMatch } from './nlu';
import { toWords } from './text';

export type Platform = 'alexa' | 'google';
export const PLATFORMS: readonly Platform[] = ['alexa', 'google'];

export interface SimulatorSessionOptions {
  readonly platform: Platform;
  readonly locale: Locale;
  /** The linked account's access token; undefined for a user who has not linked. */
  readonly token?: string;
  readonly conversation: Conversation;
  readonly matcher: Matcher;
}

/** The skill id simulated requests carry: the skill is invoked directly, so no route checks it. */
const SKILL_ID = 'amzn1.ask.skill.saldo-simulator';

export interface TurnResult {
  /** What the developer typed. */
  readonly said: string;
  readonly request: 'launch' | 'intent' | 'end';
  /** The core intent the turn went to: Launch, SessionEnded, or a model intent (Fallback when nothing matched). */
  readonly intent: string;
  /** The NLU's answer, for intent requests. */
  readonly match?: Match;
  /** What the platform was sent: LaunchRequest, GetBalanceIntent…, or the Google handler name. */
  readonly platformIntent: string;
  /** "ask saldo banking …": the invocation was said with the request. */
  readonly oneShot: boolean;
  /** The slot an Alexa elicitation filled with this answer. */
  readonly filledSlot?: SlotMatch;
  /** The slots sent with the request (after an elicitation, the intent's earlier ones too). */
  readonly slots: readonly SlotMatch[];
  /** What the user hears: the SSML's text. */
  readonly speech: string;
  readonly ssml: string;
  /** Google: the written text shown on a screen, when the platform sends one. */
  readonly displayText?: string;
  readonly reprompt?: string;
  readonly repromptSsml?: string;
  readonly card?: { readonly title: string; readonly text: string };
  readonly linkAccount: boolean;
  /** Google suggestion chips. */
  readonly suggestions: readonly string[];
  /** Alexa: Dialog.ElicitSlot's slot. */
  readonly elicitSlot?: string;
  /** Session attributes (Alexa) or session.params (Google) after the turn. */
  readonly session: Readonly<Record<string, unknown>>;
  readonly ended: boolean;
  /** The platform's whole response, for checks that no secret is anywhere in it. */
  readonly raw: string;
}

export interface SimulatorSession {
  readonly platform: Platform;
  readonly locale: Locale;
  readonly matcher: Matcher;
  say(line: string): Promise<TurnResult>;
}

/** Ways of opening the skill (followed by the invocation name), per language. */
const OPEN_VERBS: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: ['open', 'launch', 'start', 'talk to', 'speak to', 'begin', 'play'],
  es: ['abre', 'abrir', 'inicia', 'iniciar', 'habla con', 'hablar con', 'empieza', 'lanza'],
};
/** One-shot requests: verb, invocation name, optional connector, the request. */
const ASK_VERBS: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: ['ask', 'tell'],
  es: ['pregunta a', 'preguntale a', 'pidele a', 'pide a', 'dile a'],
};
const ASK_CONNECTORS: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: ['to', 'for', 'about'],
  es: ['que', 'por'],
};
const WAKE_WORDS = ['alexa', 'hey google', 'ok google', 'okay google', 'oye google'];

type Routed =
  | { readonly kind: 'launch' }
  | { readonly kind: 'end' }
  | { readonly kind: 'intent'; readonly utterance: string; readonly oneShot: boolean };

function startsWith(words: readonly string[], phrase: string): number {
  const parts = phrase.split(' ');
  return parts.every((part, i) => words[i] === part) ? parts.length : 0;
}

/**
 * Launch lines ("open saldo banking", "abre banco saldo", the invocation name alone,
 * /launch), /end, and one-shots ("ask saldo banking what's my balance"); anything else
 * is an utterance inside the skill.
 */
export function route(line: string, matcher: Matcher): Routed {
  const trimmed = line.trim();
  if (/^\/launch$/i.test(trimmed)) return { kind: 'launch' };
  if (/^\/end$/i.test(trimmed)) return { kind: 'end' };
  const language = matcher.language;
  const words = toWords(trimmed, language);
  let norms = words.map((word) => word.norm);
  let offset = 0;
  for (const wake of WAKE_WORDS) {
    const skip = startsWith(norms, wake);
    if (skip) {
      offset = skip;
      norms = norms.slice(skip);
      break;
    }
  }
  const invocation = toWords(matcher.model.invocationName, language)
    .map((word) => word.norm)
    .join(' ');
  const rest = (skip: number) => words.slice(offset + skip).map((word) => word.text);
  if (norms.join(' ') === invocation) return { kind: 'launch' };
  for (const verb of OPEN_VERBS[language]) {
    const skip = startsWith(norms, verb);
    if (skip && norms.slice(skip).join(' ') === invocation) return { kind: 'launch' };
  }
  for (const verb of ASK_VERBS[language]) {
    const skip = startsWith(norms, verb);
    const named = skip && startsWith(norms.slice(skip), invocation);
    if (skip && named) {
      let after = skip + named;
      const connector = ASK_CONNECTORS[language].find((word) => norms[after] === word);
      if (connector) after += 1;
      const utterance = rest(after).join(' ');
      return utterance ? { kind: 'intent', utterance, oneShot: true } : { kind: 'launch' };
    }
  }
  // "Alexa, what's my balance": the wake word is not part of the request.
  return { kind: 'intent', utterance: offset ? rest(0).join(' ') : trimmed, oneShot: false };
}

/** The core intent for an Alexa intent name, from the model. */
function coreIntentOf(matcher: Matcher, alexaName: string): string | undefined {
  return Object.entries(matcher.model.intents).find(([, intent]) => intent.alexa.includes(alexaName))?.[0];
}

// ---------------------------------------------------------------- Alexa

interface AlexaSlot {
  readonly name: string;
  readonly value?: string;
  readonly confirmationStatus: 'NONE';
  readonly resolutions?: unknown;
}

interface Elicitation {
  readonly intent: string;
  readonly slot: string;
  readonly slots: Readonly<Record<string, AlexaSlot>>;
}

/**
 * A slot as Alexa sends it: custom types carry entity resolution, matched or not, by the
 * model's own values and, once the session has dynamic entities of that type, by those
 * too (listed after the static authority, as the skill must not rely on the order).
 */
function alexaSlot(matcher: Matcher, slot: SlotMatch, skillId: string, entities?: DynamicEntities): AlexaSlot {
  const custom = slot.type in matcher.model.types;
  const resolution = (authority: string, matched: boolean) =>
    matched && slot.resolvedId
      ? {
          authority,
          status: { code: 'ER_SUCCESS_MATCH' },
          values: [{ value: { name: slot.resolvedName ?? slot.value, id: slot.resolvedId } }],
        }
      : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } };
  const hasDynamic = entities?.some((type) => type.name === slot.type) === true;
  return {
    name: slot.name,
    value: slot.value,
    confirmationStatus: 'NONE',
    ...(custom
      ? {
          resolutions: {
            resolutionsPerAuthority: [
              resolution(`amzn1.er-authority.echo-sdk.${skillId}.${slot.type}`, slot.resolvedBy === 'static'),
              ...(hasDynamic
                ? [
                    resolution(
                      `amzn1.er-authority.echo-sdk.dynamic.${skillId}.${slot.type}`,
                      slot.resolvedBy === 'dynamic',
                    ),
                  ]
                : []),
            ],
          },
        }
      : {}),
  };
}

/** The entities of a Dialog.UpdateDynamicEntities directive (REPLACE), as the session keeps them. */
function entitiesOf(directive: AlexaDirective): DynamicEntities | undefined {
  if (directive.type !== 'Dialog.UpdateDynamicEntities') return undefined;
  if (directive.updateBehavior === 'CLEAR') return [];
  return (directive.types ?? []).map((type) => ({
    name: type.name ?? '',
    values: (type.values ?? []).map((value) => ({
      id: value.id ?? '',
      value: value.name?.value ?? '',
      synonyms: value.name?.synonyms ?? [],
    })),
  }));
}

/** Every slot the intent defines, as Alexa sends them: the unfilled ones without a value. */
function alexaSlots(
  matcher: Matcher,
  intent: string,
  slots: readonly SlotMatch[],
  skillId: string,
  entities?: DynamicEntities,
): Record<string, AlexaSlot> {
  const defined = matcher.model.intents[intent]?.slots ?? [];
  const out: Record<string, AlexaSlot> = {};
  for (const slot of defined) out[slot.name] = { name: slot.name, confirmationStatus: 'NONE' };
  for (const slot of slots) out[slot.name] = alexaSlot(matcher, slot, skillId, entities);
  return out;
}

interface AlexaDirective {
  readonly type?: string;
  readonly slotToElicit?: string;
  readonly updatedIntent?: { readonly name?: string; readonly slots?: Record<string, AlexaSlot> };
  readonly updateBehavior?: string;
  readonly types?: ReadonlyArray<{
    readonly name?: string;
    readonly values?: ReadonlyArray<{
      readonly id?: string;
      readonly name?: { readonly value?: string; readonly synonyms?: string[] };
    }>;
  }>;
}

interface AlexaResponseShape {
  readonly response?: {
    readonly outputSpeech?: { readonly ssml?: string; readonly text?: string };
    readonly reprompt?: { readonly outputSpeech?: { readonly ssml?: string } };
    readonly card?: { readonly type?: string; readonly title?: string; readonly content?: string };
    readonly shouldEndSession?: boolean;
    readonly directives?: ReadonlyArray<AlexaDirective>;
  };
  readonly sessionAttributes?: Record<string, unknown>;
}

function alexaSession(options: SimulatorSessionOptions): SimulatorSession {
  const { matcher, locale, token } = options;
  const skillId = SKILL_ID;
  const skill: Skill = createAlexaSkill({ conversation: options.conversation });
  let attributes: Record<string, unknown> = {};
  let open = false;
  let sessions = 0;
  let requests = 0;
  let elicitation: Elicitation | undefined;
  /** What Dialog.UpdateDynamicEntities gave this session: Alexa keeps it until the session ends. */
  let entities: DynamicEntities | undefined;

  async function send(
    request: Record<string, unknown>,
    newSession: boolean,
  ): Promise<{ body: AlexaResponseShape; raw: string }> {
    if (newSession) {
      sessions += 1;
      attributes = {};
      entities = undefined;
    }
    requests += 1;
    // No apiEndpoint/apiAccessToken: nothing in a simulation may call Amazon's services
    // (the skill's "one moment" progress directive stays off).
    const envelope = alexaRequestEnvelope({
      request,
      requestId: `amzn1.echo-api.request.saldo-simulator-${requests}`,
      locale,
      skillId,
      userId: 'amzn1.ask.account.saldo-simulator',
      accessToken: token,
      sessionId: `amzn1.echo-api.session.saldo-simulator-${sessions}`,
      newSession,
      attributes,
      deviceId: 'amzn1.ask.device.saldo-simulator',
    });
    const response: ResponseEnvelope = await skill.invoke(envelope as unknown as RequestEnvelope);
    return { body: response as AlexaResponseShape, raw: JSON.stringify(response) };
  }

  function result(
    said: string,
    request: TurnResult['request'],
    intent: string,
    platformIntent: string,
    body: AlexaResponseShape,
    raw: string,
    extra: Partial<TurnResult>,
  ): TurnResult {
    const response = body.response ?? {};
    const ended = response.shouldEndSession !== false;
    const elicit = response.directives?.find((directive) => directive.type === 'Dialog.ElicitSlot');
    open = !ended;
    attributes = ended ? {} : (body.sessionAttributes ?? {});
    for (const directive of response.directives ?? []) entities = entitiesOf(directive) ?? entities;
    if (ended) entities = undefined;
    elicitation =
      !ended && elicit?.slotToElicit && elicit.updatedIntent?.name
        ? { intent: elicit.updatedIntent.name, slot: elicit.slotToElicit, slots: elicit.updatedIntent.slots ?? {} }
        : undefined;
    const ssml = response.outputSpeech?.ssml ?? '';
    const repromptSsml = response.reprompt?.outputSpeech?.ssml;
    const card = response.card;
    return {
      said,
      request,
      intent,
      platformIntent,
      oneShot: false,
      slots: [],
      speech: ssmlToText(ssml),
      ssml,
      reprompt: repromptSsml === undefined ? undefined : ssmlToText(repromptSsml),
      repromptSsml,
      card: card && card.type !== 'LinkAccount' ? { title: card.title ?? '', text: card.content ?? '' } : undefined,
      linkAccount: card?.type === 'LinkAccount',
      suggestions: [],
      elicitSlot: elicitation?.slot,
      session: { ...attributes },
      ended,
      raw,
      ...extra,
    };
  }

  async function intentRequest(
    said: string,
    match: Match,
    slots: readonly SlotMatch[],
    oneShot: boolean,
    alexaIntent: string,
    slotObjects: Record<string, AlexaSlot>,
    filledSlot?: SlotMatch,
  ): Promise<TurnResult> {
    const newSession = oneShot || !open;
    const dialogState = filledSlot ? { dialogState: 'IN_PROGRESS' } : {};
    const { body, raw } = await send(
      {
        type: 'IntentRequest',
        ...dialogState,
        intent: { name: alexaIntent, confirmationStatus: 'NONE', slots: slotObjects },
      },
      newSession,
    );
    return result(said, 'intent', match.intent, alexaIntent, body, raw, { match, slots, oneShot, filledSlot });
  }

  return {
    platform: 'alexa',
    locale,
    matcher,
    async say(line) {
      const routed = route(line, matcher);
      if (routed.kind === 'launch') {
        const { body, raw } = await send({ type: 'LaunchRequest' }, true);
        return result(line, 'launch', 'Launch', 'LaunchRequest', body, raw, {});
      }
      if (routed.kind === 'end') {
        const { body, raw } = await send({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' }, !open);
        return { ...result(line, 'end', 'SessionEnded', 'SessionEndedRequest', body, raw, {}), ended: true };
      }
      // An answer to "Which payee?" fills that slot of the intent being elicited, as
      // Alexa's dialog model does; a clear request for something else wins over an
      // unresolved guess.
      const pending = routed.oneShot ? undefined : elicitation;
      const pendingIntent = pending && coreIntentOf(matcher, pending.intent);
      if (pending && pendingIntent) {
        const match = matcher.match(routed.utterance, { entities });
        const filled =
          matcher.fillSlot(pendingIntent, pending.slot, routed.utterance, true, { entities }) ??
          (match.matched
            ? undefined
            : matcher.fillSlot(pendingIntent, pending.slot, routed.utterance, false, { entities }));
        if (filled) {
          const slots = { ...pending.slots, [filled.name]: alexaSlot(matcher, filled, skillId, entities) };
          const elicited: Match = { intent: pendingIntent, score: 1, matched: true, slots: [filled], closest: [] };
          return intentRequest(line, elicited, [filled], false, pending.intent, slots, filled);
        }
        return intentRequest(
          line,
          match,
          match.slots,
          false,
          matcher.alexaName(match.intent),
          alexaSlots(matcher, match.intent, match.slots, skillId, entities),
        );
      }
      // A one-shot starts a new session: the last one's entities are gone.
      const match = matcher.match(routed.utterance, { entities: routed.oneShot ? undefined : entities });
      return intentRequest(
        line,
        match,
        match.slots,
        routed.oneShot,
        matcher.alexaName(match.intent),
        alexaSlots(matcher, match.intent, match.slots, skillId, routed.oneShot ? undefined : entities),
      );
    },
  };
}

// ---------------------------------------------------------------- Google

/** A parameter as Actions Builder sends it: the words said and the resolved value. */
function googleParam(slot: SlotMatch): { original: string; resolved: unknown } | undefined {
  switch (slot.type) {
    case 'number':
      // Google's recogniser writes numbers as digits, and actions.type.Number resolves to a number.
      return { original: slot.value, resolved: Number(slot.value.replace(',', '.')) };
    case 'fourDigitNumber':
      // A regular-expression type (FOUR_DIGIT_NUMBER.yaml): the matched text.
      return { original: slot.value, resolved: slot.value };
    case 'date': {
      const day = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(slot.value);
      // actions.type.Date has days (and months); weeks are not a Google date.
      if (!day) return { original: slot.spoken, resolved: undefined };
      return {
        original: slot.spoken,
        resolved: { year: Number(day[1]), month: Number(day[2]), ...(day[3] ? { day: Number(day[3]) } : {}) },
      };
    }
    default:
      // A custom type resolves to the entity key; free text stays as said.
      return { original: slot.spoken, resolved: slot.resolvedId ?? slot.spoken };
  }
}

interface GoogleResponseShape {
  readonly prompt?: {
    readonly firstSimple?: { readonly speech?: string; readonly text?: string };
    readonly content?: { readonly card?: { readonly title?: string; readonly text?: string } };
    readonly suggestions?: ReadonlyArray<{ readonly title?: string }>;
  };
  readonly scene?: { readonly next?: { readonly name?: string } };
  readonly session?: { readonly params?: Record<string, unknown>; readonly typeOverrides?: GoogleTypeOverride[] };
}

interface GoogleTypeOverride {
  readonly name?: string;
  readonly mode?: string;
  readonly synonym?: { readonly entries?: ReadonlyArray<{ readonly name?: string; readonly synonyms?: string[] }> };
}

/** Session type overrides as the matcher's dynamic entities: the entry name is the id, the first synonym the value. */
function overridesAsEntities(overrides: readonly GoogleTypeOverride[]): DynamicEntities {
  return overrides.map((override) => ({
    name: override.name ?? '',
    values: (override.synonym?.entries ?? []).map((entry) => ({
      id: entry.name ?? '',
      value: entry.synonyms?.[0] ?? '',
      synonyms: entry.synonyms?.slice(1) ?? [],
    })),
  }));
}

function googleSession(options: SimulatorSessionOptions, app: Promise<GoogleApp>): SimulatorSession {
  const { matcher, locale, token } = options;
  let params: Record<string, unknown> = {};
  let sessions = 1;
  /** Google keeps session type overrides for the rest of the conversation. */
  let overrides: GoogleTypeOverride[] = [];

  async function send(
    said: string,
    handler: string,
    intentName: string,
    match: Match | undefined,
    oneShot: boolean,
    request: TurnResult['request'],
  ): Promise<TurnResult> {
    if (oneShot || request === 'launch') {
      params = {};
      overrides = [];
      sessions += 1;
    }
    const slots = match?.slots ?? [];
    const body = {
      handler: { name: handler },
      intent: {
        name: intentName,
        params: Object.fromEntries(
          slots.flatMap((slot) => {
            const param = googleParam(slot);
            return param ? [[slot.name, param]] : [];
          }),
        ),
        query: said,
      },
      scene: { name: GOOGLE_SCENES.main, slotFillingStatus: 'UNSPECIFIED', slots: {} },
      session: { id: `saldo-simulator-${sessions}`, params, typeOverrides: overrides, languageCode: '' },
      user: {
        locale,
        params: token ? { bearerToken: token } : {},
        accountLinkingStatus: token ? 'LINKED' : 'NOT_LINKED',
        verificationStatus: 'VERIFIED',
      },
      home: { params: {} },
      device: { capabilities: ['SPEECH', 'RICH_RESPONSE'] },
    };
    const response = await (await app).handler(body as unknown as Parameters<GoogleApp['handler']>[0], {});
    if (response.status !== 200)
      throw new Error(`the Google app answered ${response.status}: ${JSON.stringify(response.body)}`);
    const reply = response.body as GoogleResponseShape;
    const next = reply.scene?.next?.name;
    const linkAccount = next === GOOGLE_SCENES.accountLinking;
    const ended = linkAccount || next === GOOGLE_SCENES.endConversation;
    params = ended ? {} : (reply.session?.params ?? params);
    overrides = ended ? [] : (reply.session?.typeOverrides ?? overrides);
    if (ended) sessions += 1;
    const ssml = reply.prompt?.firstSimple?.speech ?? '';
    const card = reply.prompt?.content?.card;
    return {
      said,
      request,
      intent: handler,
      match,
      platformIntent: handler,
      oneShot,
      slots,
      // What is heard is the SSML; the display text (written money, "2540,18 €") is shown apart.
      speech: ssmlToText(ssml),
      displayText: reply.prompt?.firstSimple?.text,
      ssml,
      card: card ? { title: card.title ?? '', text: card.text ?? '' } : undefined,
      linkAccount,
      suggestions: (reply.prompt?.suggestions ?? []).map((chip) => chip.title ?? ''),
      session: { ...params },
      ended,
      raw: JSON.stringify(response.body),
    };
  }

  return {
    platform: 'google',
    locale,
    matcher,
    async say(line) {
      const routed = route(line, matcher);
      if (routed.kind === 'launch') return send(line, 'Launch', 'actions.intent.MAIN', undefined, false, 'launch');
      if (routed.kind === 'end') {
        // Google has no session-ended webhook call: the conversation just stops.
        params = {};
        sessions += 1;
        return {
          said: line,
          request: 'end',
          intent: 'SessionEnded',
          platformIntent: 'END_CONVERSATION',
          oneShot: false,
          slots: [],
          speech: '',
          ssml: '',
          linkAccount: false,
          suggestions: [],
          session: {},
          ended: true,
          raw: '{}',
        };
      }
      const entities = routed.oneShot ? undefined : overridesAsEntities(overrides);
      const match = matcher.match(routed.utterance, { entities });
      return send(line, match.intent, match.intent, match, routed.oneShot, 'intent');
    },
  };
}

/** A conversation on the chosen platform; the Google SDK is loaded only when asked for. */
export function createSimulatorSession(options: SimulatorSessionOptions): SimulatorSession {
  if (options.platform === 'alexa') return alexaSession(options);
  const app = import('../platforms/google/app').then(({ createGoogleApp }) =>
    createGoogleApp({ conversation: options.conversation }),
  );
  return googleSession(options, app);
}
