/**
 * A small stand-in for Alexa's NLU, built from the same language model the
 * interaction models are generated from (src/language/model.ts): each sample becomes
 * a pattern of words and slot captures, compiled once. An utterance that fits a sample
 * exactly is that intent (score 1); otherwise it goes to Fallback, as Alexa does, and
 * the closest intents are reported so the developer can see which samples are missing.
 *
 * Deliberately literal: real NLU generalises beyond the samples, but a console that
 * only matches what the model says shows exactly where the model is thin. Its only
 * tolerances: case, accents and punctuation, apostrophes ("whats"), number words, and a
 * short list of fillers before or after a request ("um", "please", "por favor").
 * A custom slot takes any words, as Alexa's do, except that a value no type or dynamic
 * entity knows never contains a number or a currency word (an amount is not a name) and
 * never ends with a date or period (the "last month" of "at Starbucks last month" is the
 * date's, not part of the merchant's name).
 */
import { googleSlotSamples } from '../language/google';
import { isBuiltInSlotKind, slotReferences, type LanguageModel, type ModelSlot } from '../language/model';
import type { DynamicEntities } from '../shared/entities';
import { parseSpokenDate } from './dates';
import { languageOf, type NumberLanguage } from './numbers';
import { normalisePhrase, toWords, type Word } from './text';

export interface SlotMatch {
  readonly name: string;
  /** The model's slot type: number, fourDigitNumber, date or a custom type name. */
  readonly type: string;
  /** The words said, as typed (numbers as digits). */
  readonly spoken: string;
  /** What the platform puts in the slot: digits, an ISO date, or the spoken words. */
  readonly value: string;
  /** Entity resolution for custom types: the value id and its canonical name. */
  readonly resolvedId?: string;
  readonly resolvedName?: string;
  /** Which authority resolved it: the customer's dynamic entities or the model's own values. */
  readonly resolvedBy?: 'dynamic' | 'static';
}

export interface IntentScore {
  /** The core's intent name (the model's key, the Google handler name). */
  readonly intent: string;
  readonly score: number;
  /** The sample that came closest. */
  readonly sample: string;
}

export interface Match {
  /** The core's intent name; Fallback when nothing matched. */
  readonly intent: string;
  /** 1 for a sample matched in full, 0 for Fallback by default. */
  readonly score: number;
  readonly matched: boolean;
  /** The sample that matched. */
  readonly sample?: string;
  readonly slots: readonly SlotMatch[];
  /** When nothing matched: the nearest intents, best first. */
  readonly closest: readonly IntentScore[];
}

export interface MatcherOptions {
  /** Today's ISO date where the user is, for relative dates ("yesterday"). */
  readonly today: () => string;
  /**
   * Google also trains each intent on the slot answers that cannot mean another intent
   * (src/language/google.ts), which Alexa hears only while eliciting the slot; and its custom
   * types are closed: a value must be one of the type's entities or session overrides.
   * Default alexa.
   */
  readonly platform?: 'alexa' | 'google';
}

/** Per call: the customer's dynamic entities the platform knows this session. */
interface MatchContext {
  readonly entities?: DynamicEntities;
}

export interface Matcher {
  readonly model: LanguageModel;
  readonly language: NumberLanguage;
  /** The core intent for an utterance. */
  match(utterance: string, context?: MatchContext): Match;
  /**
   * The utterance as the value of one slot, the way Alexa's dialog model hears an answer
   * to "Which payee?": undefined when it is not a value of that slot's type.
   * `strict` refuses unresolved custom values (so "cancel" is not a payee).
   */
  fillSlot(
    intent: string,
    slot: string,
    utterance: string,
    strict: boolean,
    context?: MatchContext,
  ): SlotMatch | undefined;
  /** The Alexa intent name for a core intent (the first, for Cancel/Stop). */
  alexaName(intent: string): string;
}

type Part = { readonly kind: 'word'; readonly norm: string } | { readonly kind: 'slot'; readonly slot: ModelSlot };

interface Pattern {
  readonly intent: string;
  readonly sample: string;
  readonly parts: readonly Part[];
  readonly literals: number;
  /** The literal words as a set, for the fuzzy score. */
  readonly literalSet: ReadonlySet<string>;
}

interface TypeValue {
  readonly id: string;
  readonly name: string;
}

/** How good a full match is; compared field by field, larger is better. */
interface Ranking {
  readonly literals: number;
  readonly unresolved: number;
  readonly resolved: number;
}

const FALLBACK = 'Fallback';
const MAX_CLOSEST = 3;

function better(a: Ranking, b: Ranking): boolean {
  if (a.literals !== b.literals) return a.literals > b.literals;
  if (a.unresolved !== b.unresolved) return a.unresolved < b.unresolved;
  return a.resolved > b.resolved;
}

/** Words customers put in front of a slot answer ("to City Power", "from my savings"). */
const ANSWER_LEADING: Readonly<Record<NumberLanguage, ReadonlySet<string>>> = {
  en: new Set(['to', 'the', 'my', 'from', 'of', 'it', 'is', 'its', 'pay', 'use']),
  es: new Set(['a', 'al', 'la', 'el', 'mi', 'de', 'desde', 'con', 'es', 'paga', 'usa']),
};
/** Currency words after an amount answer ("forty five dollars"). */
const ANSWER_TRAILING = new Set([
  'dollars',
  'dollar',
  'pounds',
  'pound',
  'euros',
  'euro',
  'pesos',
  'dolares',
  'dolar',
  'bucks',
  'quid',
]);

const DETERMINERS: Readonly<Record<NumberLanguage, ReadonlySet<string>>> = {
  en: new Set(['my', 'the', 'our']),
  es: new Set(['mi', 'mis', 'la', 'el', 'los', 'las', 'tu', 'nuestra', 'nuestro']),
};

/** A value no type knows is a name of a few words, not half a sentence. */
const MAX_UNRESOLVED_WORDS = 5;

const MINOR_UNITS = new Set(['cents', 'cent', 'pence', 'p', 'centimos', 'centavos']);

/** Words around a request that say nothing about it, tried away when the request alone does not match. */
const FILLERS: Readonly<
  Record<NumberLanguage, { readonly leading: readonly string[]; readonly trailing: readonly string[] }>
> = {
  en: {
    leading: [
      ...['um', 'uh', 'er', 'erm', 'so', 'okay', 'ok', 'well', 'hey', 'oh', 'please', 'just'],
      ...['can you', 'could you', 'would you', 'will you', 'can you please', 'could you please'],
      ...['i want to', 'i wanna', 'i would like to', 'id like to', 'i need to', 'let me'],
      ...['i want to know', 'i would like to know', 'id like to know', 'tell me', 'let me know', 'do you know'],
    ],
    trailing: ['please', 'thanks', 'thank you', 'now', 'right now', 'for me', 'today'],
  },
  es: {
    leading: [
      ...['eh', 'em', 'bueno', 'pues', 'oye', 'a ver', 'por favor'],
      ...['cuales son', 'me dices', 'me puedes decir', 'puedes decirme', 'podrias decirme', 'dime'],
      ...['quiero saber', 'quisiera saber', 'me gustaria saber', 'necesito saber', 'puedes', 'podrias'],
    ],
    trailing: ['por favor', 'gracias', 'ahora', 'ahora mismo'],
  },
};

/** Token-set Dice similarity: shared words relative to the sizes of both sets. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function createMatcher(model: LanguageModel, options: MatcherOptions): Matcher {
  const language = languageOf(model.locale);

  // Custom types: every value and synonym, normalised like the input, to its id.
  const typeIndex = new Map<string, Map<string, TypeValue>>();
  for (const [typeName, type] of Object.entries(model.types)) {
    const index = new Map<string, TypeValue>();
    for (const value of type.values) {
      for (const phrase of [value.value, ...value.synonyms]) {
        const key = normalisePhrase(phrase, language);
        if (!index.has(key)) index.set(key, { id: value.id, name: value.value });
      }
    }
    typeIndex.set(typeName, index);
  }

  const dynamicIndexes = new WeakMap<DynamicEntities, Map<string, Map<string, TypeValue>>>();
  /** The session's dynamic entities, indexed like the model's types (once per entity list). */
  function dynamicIndex(entities: DynamicEntities | undefined): Map<string, Map<string, TypeValue>> | undefined {
    if (!entities) return undefined;
    let index = dynamicIndexes.get(entities);
    if (!index) {
      index = new Map();
      for (const type of entities) {
        const values = new Map<string, TypeValue>();
        for (const value of type.values) {
          for (const phrase of [value.value, ...value.synonyms]) {
            const key = normalisePhrase(phrase, language);
            if (!values.has(key)) values.set(key, { id: value.id, name: value.value });
          }
        }
        index.set(type.name, values);
      }
      dynamicIndexes.set(entities, index);
    }
    return index;
  }

  function compile(intent: string, sample: string, slots: ReadonlyMap<string, ModelSlot>): Pattern {
    const parts: Part[] = [];
    // Literal stretches are converted as a whole ("four digit" → "4 digit"), slots kept apart.
    for (const piece of sample.split(/(\{[^{}]*\})/)) {
      const reference = /^\{([^{}]*)\}$/.exec(piece);
      const slot = reference ? slots.get(reference[1] ?? '') : undefined;
      if (slot) parts.push({ kind: 'slot', slot });
      else for (const word of toWords(piece, language)) parts.push({ kind: 'word', norm: word.norm });
    }
    const words = parts.flatMap((part) => (part.kind === 'word' ? [part.norm] : []));
    return { intent, sample, parts, literals: words.length, literalSet: new Set(words) };
  }

  const patterns: Pattern[] = [];
  /**
   * The model's slot samples ("to {payee}", "{amount} dollars"), by intent and slot: what Alexa's
   * dialog model expects as an answer to that slot's question. Only samples naming that one slot:
   * an answer filling two ("{amount} dollars and {cents} cents") would need the session to send
   * both, and sending only one would change the amount.
   */
  const answerPatterns = new Map<string, Pattern[]>();
  for (const [intent, definition] of Object.entries(model.intents)) {
    const slots = new Map(definition.slots.map((slot) => [slot.name, slot]));
    const samples =
      options.platform === 'google' ? [...definition.samples, ...googleSlotSamples(model, intent)] : definition.samples;
    for (const sample of samples) patterns.push(compile(intent, sample, slots));
    for (const [slot, samples] of Object.entries(definition.slotSamples ?? {})) {
      const single = samples.filter((sample) => slotReferences(sample).every((reference) => reference === slot));
      answerPatterns.set(
        `${intent}.${slot}`,
        single.map((sample) => compile(intent, sample, slots)),
      );
    }
  }

  /** "starbucks last month", "joes pizza in october": a name followed by when, not a name. */
  function endsWithDate(norm: readonly string[]): boolean {
    for (let start = 1; start < norm.length; start++) {
      if (parseSpokenDate(norm.slice(start), language, options.today())) return true;
    }
    return false;
  }

  /** A capture as a value of the slot's type, or undefined when the type refuses it. */
  function slotValue(
    slot: ModelSlot,
    words: readonly Word[],
    dynamic?: Map<string, Map<string, TypeValue>>,
  ): SlotMatch | undefined {
    const spoken = words.map((word) => word.text).join(' ');
    const norm = words.map((word) => word.norm);
    const base = { name: slot.name, type: slot.type, spoken };
    if (isBuiltInSlotKind(slot.type)) {
      const single = norm.length === 1 ? (norm[0] ?? '') : '';
      switch (slot.type) {
        case 'number':
          // Whole numbers, or a decimal amount typed as such ("45.20"): the core takes both.
          return /^\d{1,12}([.,]\d{1,2})?$/.test(single) ? { ...base, value: single } : undefined;
        case 'fourDigitNumber':
          return /^\d{4}$/.test(single) ? { ...base, value: single } : undefined;
        case 'date': {
          const date = parseSpokenDate(norm, language, options.today());
          return date ? { ...base, value: date } : undefined;
        }
      }
    }
    // Custom types take any words, resolved to an id when they name a value or synonym:
    // the customer's own (dynamic) entities first, as Alexa prefers them, then the model's.
    // "my savings", "la luz": entity resolution forgives a leading article or possessive.
    const keys = [norm.join(' ')];
    const article = DETERMINERS[language];
    if (norm.length > 1 && article.has(norm[0] ?? '')) keys.push(norm.slice(1).join(' '));
    for (const key of keys) {
      const mine = dynamic?.get(slot.type)?.get(key);
      if (mine) return { ...base, value: spoken, resolvedId: mine.id, resolvedName: mine.name, resolvedBy: 'dynamic' };
    }
    for (const key of keys) {
      const found = typeIndex.get(slot.type)?.get(key);
      if (found)
        return { ...base, value: spoken, resolvedId: found.id, resolvedName: found.name, resolvedBy: 'static' };
    }
    // Actions Builder's synonym types take only their entities (and the session's overrides).
    if (options.platform === 'google') return undefined;
    if (norm.length > MAX_UNRESOLVED_WORDS) return undefined;
    if (norm.some((word) => /\d/.test(word) || ANSWER_TRAILING.has(word) || MINOR_UNITS.has(word))) return undefined;
    if (endsWithDate(norm)) return undefined;
    return { ...base, value: spoken };
  }

  /** Every way the words fit the pattern, as slot values; invalid captures are dropped. */
  function fits(
    parts: readonly Part[],
    words: readonly Word[],
    dynamic?: Map<string, Map<string, TypeValue>>,
  ): SlotMatch[][] {
    const results: SlotMatch[][] = [];
    const walk = (p: number, w: number, slots: SlotMatch[]): void => {
      if (p === parts.length) {
        if (w === words.length) results.push(slots);
        return;
      }
      const part = parts[p] as Part;
      if (part.kind === 'word') {
        if (words[w]?.norm === part.norm) walk(p + 1, w + 1, slots);
        return;
      }
      // Leave at least one word for each later part.
      const remainingParts = parts.length - p - 1;
      for (let end = w + 1; end <= words.length - remainingParts; end++) {
        const value = slotValue(part.slot, words.slice(w, end), dynamic);
        if (value) walk(p + 1, end, [...slots, value]);
      }
    };
    walk(0, 0, []);
    return results;
  }

  function rankingOf(pattern: Pattern, slots: readonly SlotMatch[]): Ranking {
    const custom = slots.filter((slot) => !isBuiltInSlotKind(slot.type));
    const resolved = custom.filter((slot) => slot.resolvedId !== undefined).length;
    return { literals: pattern.literals, unresolved: custom.length - resolved, resolved };
  }

  function closest(words: readonly Word[]): IntentScore[] {
    const said = new Set(words.map((word) => word.norm));
    const best = new Map<string, IntentScore>();
    for (const pattern of patterns) {
      const score = dice(said, pattern.literalSet);
      const current = best.get(pattern.intent);
      if (score > 0 && (!current || score > current.score))
        best.set(pattern.intent, { intent: pattern.intent, score, sample: pattern.sample });
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_CLOSEST);
  }

  function bestFit(words: readonly Word[], dynamic?: Map<string, Map<string, TypeValue>>) {
    let best: { pattern: Pattern; slots: SlotMatch[]; ranking: Ranking } | undefined;
    for (const pattern of patterns) {
      for (const slots of fits(pattern.parts, words, dynamic)) {
        const ranking = rankingOf(pattern, slots);
        if (!best || better(ranking, best.ranking)) best = { pattern, slots, ranking };
      }
    }
    return best;
  }

  /** The words without the fillers around them, when there are any (and something is left). */
  function withoutFillers(words: readonly Word[]): Word[] | undefined {
    // Longest first: "i want to know" before "i want to".
    const leading = [...FILLERS[language].leading].sort((a, b) => b.length - a.length);
    const trailing = [...FILLERS[language].trailing].sort((a, b) => b.length - a.length);
    let rest = [...words];
    const startsWith = (phrase: string) => {
      const parts = phrase.split(' ');
      return parts.every((part, i) => rest[i]?.norm === part) ? parts.length : 0;
    };
    const endsWith = (phrase: string) => {
      const parts = phrase.split(' ');
      const at = rest.length - parts.length;
      return at > 0 && parts.every((part, i) => rest[at + i]?.norm === part) ? parts.length : 0;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const phrase of leading) {
        const skip = startsWith(phrase);
        if (skip && skip < rest.length) {
          rest = rest.slice(skip);
          changed = true;
        }
      }
      for (const phrase of trailing) {
        const skip = endsWith(phrase);
        if (skip) {
          rest = rest.slice(0, rest.length - skip);
          changed = true;
        }
      }
    }
    return rest.length > 0 && rest.length < words.length ? rest : undefined;
  }

  function match(utterance: string, context: MatchContext = {}): Match {
    const words = toWords(utterance, language);
    const dynamic = dynamicIndex(context.entities);
    // Without the fillers first: a slot at the start of a sample would otherwise take them in.
    const trimmed = withoutFillers(words);
    const best = (trimmed ? bestFit(trimmed, dynamic) : undefined) ?? bestFit(words, dynamic);
    if (best)
      return {
        intent: best.pattern.intent,
        score: 1,
        matched: true,
        sample: best.pattern.sample,
        slots: best.slots,
        closest: [],
      };
    return { intent: FALLBACK, score: 0, matched: false, slots: [], closest: closest(words) };
  }

  function fillSlot(
    intent: string,
    slotName: string,
    utterance: string,
    strict: boolean,
    context: MatchContext = {},
  ): SlotMatch | undefined {
    const slot = model.intents[intent]?.slots.find((candidate) => candidate.name === slotName);
    if (!slot) return undefined;
    const dynamic = dynamicIndex(context.entities);
    let words = toWords(utterance, language);
    // The slot samples first, the answers the model trains Alexa on, the closest fit first.
    const answers = (answerPatterns.get(`${intent}.${slotName}`) ?? [])
      .flatMap((pattern) => fits(pattern.parts, words, dynamic).map((found) => ({ pattern, value: found[0] })))
      .filter((fit): fit is { pattern: Pattern; value: SlotMatch } => fit.value !== undefined)
      .sort((a, b) => b.pattern.literals - a.pattern.literals)
      .map((fit) => fit.value);
    // Then the words people put around a value, for answers the samples do not cover.
    const leading = ANSWER_LEADING[language];
    const tries: Word[][] = [words];
    while (words.length > 1 && leading.has(words[0]?.norm ?? '')) {
      words = words.slice(1);
      tries.push(words);
    }
    if (slot.type === 'number') {
      for (const attempt of [...tries]) {
        if (attempt.length > 1 && ANSWER_TRAILING.has(attempt[attempt.length - 1]?.norm ?? ''))
          tries.push(attempt.slice(0, -1));
      }
    }
    const values = [
      ...answers,
      ...tries
        .map((attempt) => slotValue(slot, attempt, dynamic))
        .filter((value): value is SlotMatch => value !== undefined),
    ];
    const sure = values.find((value) => isBuiltInSlotKind(value.type) || value.resolvedId !== undefined);
    if (sure || strict) return sure;
    return values[0];
  }

  function alexaName(intent: string): string {
    return model.intents[intent]?.alexa[0] ?? 'AMAZON.FallbackIntent';
  }

  return { model, language, match, fillSlot, alexaName };
}
