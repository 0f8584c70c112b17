/**
 * More than one way to say what people hear every day (the welcome, "anything else?",
 * goodbye, a payment done). Which phrasing is said is the core's choice, passed in.
 */
import type { Catalogue, VariedKey } from './catalogue';

/** The variant-th phrasing, wrapping around; 0 is the plain one. */
export function variantOf<T>(phrasings: readonly T[], variant: number): T {
  const index = Number.isInteger(variant) && variant >= 0 ? variant % phrasings.length : 0;
  return phrasings[index] as T;
}

export type PhrasingChooser = (key: VariedKey, count: number) => number;

/** The catalogue with the varied messages' phrasing chosen by `choose`. */
export function withVariety(catalogue: Catalogue, choose: PhrasingChooser): Catalogue {
  const pick = (key: VariedKey) => (catalogue.variants[key] > 1 ? choose(key, catalogue.variants[key]) : 0);
  const varied: Partial<Catalogue> = {
    welcome: (bank) => catalogue.welcome(bank, pick('welcome')),
    anythingElse: () => catalogue.anythingElse(pick('anythingElse')),
    help: () => catalogue.help(pick('help')),
    fallback: () => catalogue.fallback(pick('fallback')),
    goodbye: () => catalogue.goodbye(pick('goodbye')),
    paidBill: (p) => catalogue.paidBill({ ...p, variant: pick('done') }),
    transferred: (p) => catalogue.transferred({ ...p, variant: pick('done') }),
  };
  // Every turn makes one: the other seventy messages are inherited, not copied.
  return Object.assign(Object.create(catalogue) as Catalogue, varied);
}

/**
 * The default choice: the same phrasing all day for one customer (so a repeated request
 * hears the same words), another on another day.
 */
export function dailyPhrasing(seed: string): PhrasingChooser {
  return (key, count) => {
    let hash = 0x811c9dc5;
    for (const char of `${seed}|${key}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return hash % count;
  };
}
