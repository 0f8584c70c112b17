/**
 * One conversation, spoken on either platform: a driver sends the core's intent names
 * and slots in that platform's own request format (keeping its session state between
 * turns) and reports what the customer heard.
 */
import { ssmlToText } from '../../src/voice/ssml-text';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import type { IntentName } from '../../src/core/turn';
import { alexaEnvelope } from './alexa-requests';

interface SpokenSlot {
  /** What the customer said. */
  readonly spoken: string;
  /** The slot type's value id, when the platform's NLU matched one. */
  readonly id?: string;
}

export type Slots = Readonly<Record<string, SpokenSlot>>;

export interface Heard {
  /** Plain text of the speech: tags stripped, entities decoded. */
  readonly speech: string;
  readonly ended: boolean;
  readonly linkAccount: boolean;
  readonly card?: string;
  /** The raw response, for checks that no secret left in it. */
  readonly raw: string;
}

export interface Driver {
  readonly platform: 'alexa' | 'google';
  say(intent: IntentName, slots?: Slots): Promise<Heard>;
}

const ALEXA_INTENTS: Partial<Record<IntentName, string>> = {
  GetBalance: 'GetBalanceIntent',
  GetTransactions: 'GetTransactionsIntent',
  PayBill: 'PayBillIntent',
  TransferMoney: 'TransferMoneyIntent',
  ProvidePin: 'ProvidePinIntent',
  Yes: 'AMAZON.YesIntent',
  No: 'AMAZON.NoIntent',
  Help: 'AMAZON.HelpIntent',
  Cancel: 'AMAZON.CancelIntent',
  Fallback: 'AMAZON.FallbackIntent',
  Repeat: 'AMAZON.RepeatIntent',
  More: 'AMAZON.NextIntent',
};

export function alexaDriver(app: HttpApp, options: { token?: string; locale: string; skillId?: string }): Driver {
  let attributes: Record<string, unknown> = {};
  let newSession = true;
  return {
    platform: 'alexa',
    async say(intent, slots = {}) {
      const envelope = alexaEnvelope({
        intent: intent === 'Launch' ? undefined : (ALEXA_INTENTS[intent] ?? `${intent}Intent`),
        slots: Object.fromEntries(
          Object.entries(slots).map(([name, slot]) => [name, { value: slot.spoken, id: slot.id }]),
        ),
        token: options.token,
        locale: options.locale,
        skillId: options.skillId,
        attributes,
        newSession,
      });
      const res = await request(app)
        .post('/alexa')
        .set('content-type', 'application/json')
        .send(JSON.stringify(envelope));
      if (res.status !== 200) throw new Error(`alexa answered ${res.status}: ${res.text}`);
      const body = res.body as {
        response: {
          outputSpeech?: { ssml?: string };
          shouldEndSession?: boolean;
          card?: { type: string; content?: string };
        };
        sessionAttributes?: Record<string, unknown>;
      };
      attributes = body.sessionAttributes ?? {};
      const ended = body.response.shouldEndSession !== false;
      newSession = ended;
      if (ended) attributes = {};
      return {
        speech: ssmlToText(body.response.outputSpeech?.ssml ?? ''),
        ended,
        linkAccount: body.response.card?.type === 'LinkAccount',
        card: body.response.card?.content,
        raw: res.text,
      };
    },
  };
}

/** Google resolves numbers to numbers and types to their entity keys. */
function googleParam(slot: SpokenSlot): { original: string; resolved: unknown } {
  if (slot.id) return { original: slot.spoken, resolved: slot.id };
  if (/^\d+$/.test(slot.spoken)) return { original: slot.spoken, resolved: Number(slot.spoken) };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(slot.spoken);
  if (date)
    return { original: slot.spoken, resolved: { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) } };
  return { original: slot.spoken, resolved: slot.spoken };
}

export function googleDriver(app: HttpApp, options: { token?: string; locale: string }): Driver {
  let params: Record<string, unknown> = {};
  const sceneName = 'Main';
  return {
    platform: 'google',
    async say(intent, slots = {}) {
      const body = {
        handler: { name: intent },
        intent: {
          name: intent === 'Launch' ? 'actions.intent.MAIN' : intent,
          params: Object.fromEntries(Object.entries(slots).map(([name, slot]) => [name, googleParam(slot)])),
          query: '',
        },
        scene: { name: sceneName, slotFillingStatus: 'UNSPECIFIED', slots: {} },
        session: { id: 'google-session', params, typeOverrides: [], languageCode: '' },
        user: {
          locale: options.locale,
          params: options.token ? { bearerToken: options.token } : {},
          accountLinkingStatus: options.token ? 'LINKED' : 'NOT_LINKED',
          verificationStatus: 'VERIFIED',
        },
        home: { params: {} },
        device: { capabilities: ['SPEECH', 'RICH_RESPONSE'] },
      };
      const res = await request(app).post('/google').set('content-type', 'application/json').send(body);
      if (res.status !== 200) throw new Error(`google answered ${res.status}: ${res.text}`);
      const reply = res.body as {
        session?: { params?: Record<string, unknown> };
        prompt?: { firstSimple?: { speech?: string }; content?: { card?: { text?: string } } };
        scene?: { next?: { name?: string } };
      };
      const next = reply.scene?.next?.name;
      const ended = next === 'actions.scene.END_CONVERSATION' || next === 'AccountLinking';
      params = ended ? {} : (reply.session?.params ?? params);
      return {
        speech: ssmlToText(reply.prompt?.firstSimple?.speech ?? ''),
        ended,
        linkAccount: next === 'AccountLinking',
        card: reply.prompt?.content?.card?.text,
        raw: res.text,
      };
    },
  };
}
