/**
 * The one choke point every reply passes on its way to a platform: Spoken drafts are
 * rendered to SSML and text, then every outgoing string (speech, reprompt, card, the
 * serialised session state) is scanned for the customer's known identifiers. Only this
 * module can make a SafeReply, and platforms accept nothing else.
 */
import type { Draft, DraftCard } from './draft';
import type { DynamicEntities } from '../shared/entities';
import type { SessionState } from '../shared/session';
import { guardFields, redactIdentifiers, type KnownIdentifiers, type SecurityEventSink } from './guard';
import { maskForLog } from './mask';
import type { Catalogue } from './locales';
import type { Spoken } from './spoken';
import type { SlotName, SlotValue } from '../shared/slots';

declare const voiceSafe: unique symbol;

export interface SafeReply {
  readonly [voiceSafe]: true;
  /** `<speak>…</speak>`. */
  readonly speechSsml: string;
  readonly speechText: string;
  readonly repromptSsml?: string;
  readonly repromptText?: string;
  readonly card?: { readonly title: string; readonly text: string };
  readonly endSession: boolean;
  readonly linkAccount: boolean;
  readonly elicitSlot?: SlotName;
  /**
   * With `elicitSlot`: what the customer already said that the platform may keep while it
   * asks (Alexa's updatedIntent). Never the PIN, nothing shaped like an account number,
   * nothing the final scan would redact; already scanned.
   */
  readonly elicitKeep: Readonly<Partial<Record<SlotName, SlotValue>>>;
  /** Chip titles in the customer's language, already scanned. */
  readonly suggestions: readonly string[];
  /** Serialised session state, already scanned. */
  readonly sessionJson: string;
  /** Dynamic entities, already scanned; a value the scan touched is left out whole. */
  readonly entities?: DynamicEntities;
}

export interface ReplyGuard {
  /** The identifiers that must never go out, compiled (see prepareIdentifiers). */
  readonly identifiers: KnownIdentifiers;
  readonly report: SecurityEventSink;
}

function speak(spoken: Spoken): string {
  return `<speak>${spoken.ssml}</speak>`;
}

function cardText(card: DraftCard): string {
  return card.lines.map((line) => line.text).join('\n');
}

/** Google limits a suggestion chip to 25 characters. */
const MAX_SUGGESTION_LENGTH = 25;

const SSML_FIELDS = new Set(['speechSsml', 'repromptSsml'] as const);

/** The turn's slot values that may go back to the platform while it elicits another. */
/** A value id as slot types name them ("checking", "payee-john-mom"). */
const VALUE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

function keepable(
  said: Readonly<Partial<Record<SlotName, SlotValue>>>,
  identifiers: KnownIdentifiers,
): Partial<Record<SlotName, SlotValue>> {
  const harmless = (text: string) =>
    maskForLog(text) === text && redactIdentifiers(text, identifiers, false).redacted.length === 0;
  const keep: Partial<Record<SlotName, SlotValue>> = {};
  for (const [name, value] of Object.entries(said) as Array<[SlotName, SlotValue | undefined]>) {
    if (name === 'pin' || value?.spoken === undefined || !harmless(value.spoken)) continue;
    const { resolvedId } = value;
    const id = resolvedId !== undefined && VALUE_ID.test(resolvedId) && harmless(resolvedId) ? resolvedId : undefined;
    keep[name] = id === undefined ? { spoken: value.spoken } : { spoken: value.spoken, resolvedId: id };
  }
  return keep;
}

/**
 * `said`: the slot values of the turn being answered, as the customer said them; only an
 * elicitation sends any of them back (see SafeReply.elicitKeep).
 */
export function renderReply(
  draft: Draft,
  guard: ReplyGuard,
  say: Catalogue,
  said: Readonly<Partial<Record<SlotName, SlotValue>>> = {},
): SafeReply {
  const reprompt = draft.endSession ? undefined : draft.reprompt;
  const fields = guardFields(
    {
      speechSsml: speak(draft.speech),
      speechText: draft.speech.text,
      repromptSsml: reprompt && speak(reprompt),
      repromptText: reprompt?.text,
      cardTitle: draft.card?.title,
      cardText: draft.card && cardText(draft.card),
      sessionJson: JSON.stringify(draft.session satisfies SessionState),
      suggestions: (draft.suggest ?? []).map((key) => say.suggestion(key).slice(0, MAX_SUGGESTION_LENGTH)).join('\n'),
    },
    guard.identifiers,
    guard.report,
    SSML_FIELDS,
  );
  const entities = draft.entities && scannedEntities(draft.entities, guard);
  const reply: Omit<SafeReply, typeof voiceSafe> = {
    speechSsml: fields.speechSsml,
    speechText: fields.speechText,
    repromptSsml: fields.repromptSsml,
    repromptText: fields.repromptText,
    card: fields.cardTitle !== undefined ? { title: fields.cardTitle, text: fields.cardText ?? '' } : undefined,
    endSession: draft.endSession,
    linkAccount: draft.linkAccount === true,
    elicitSlot: draft.endSession ? undefined : draft.elicitSlot,
    elicitKeep: !draft.endSession && draft.elicitSlot ? keepable(said, guard.identifiers) : {},
    sessionJson: fields.sessionJson,
    suggestions: fields.suggestions ? fields.suggestions.split('\n') : [],
    ...(entities && entities.length > 0 ? { entities } : {}),
  };
  return reply as SafeReply;
}

/**
 * Payee names and nicknames are not secrets, but they go out like everything else: each
 * value (id, name, synonyms) is scanned, and one that held an identifier is dropped whole
 * rather than sent half-redacted.
 */
function scannedEntities(entities: DynamicEntities, guard: ReplyGuard): DynamicEntities {
  return entities
    .map((type) => ({
      ...type,
      values: type.values.filter((value) => {
        const text = [value.id, value.value, ...value.synonyms].join('\n');
        const scanned = guardFields({ entities: text }, guard.identifiers, guard.report);
        return scanned.entities === text;
      }),
    }))
    .filter((type) => type.values.length > 0);
}

/** Parses the already-scanned session state for platforms that need an object. */
export function sessionOf(reply: SafeReply): Record<string, unknown> {
  try {
    return JSON.parse(reply.sessionJson) as Record<string, unknown>;
  } catch {
    // A redaction can only break JSON if an identifier leaked into it: then drop it all.
    return {};
  }
}
