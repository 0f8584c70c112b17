import type { AccountKind } from '../shared/accounts';
/**
 * Words customers use for their account types, per language, for when the platform
 * gives no entity-resolution id (Google free text, or an Alexa synonym miss).
 */

const ACCOUNT_KIND_WORDS: Readonly<Record<string, Readonly<Record<Exclude<AccountKind, 'other'>, readonly string[]>>>> =
  {
    en: {
      checking: ['checking', 'current account', 'current', 'main account', 'everyday', 'debit account'],
      savings: ['savings', 'saving', 'saver', 'savings pot', 'rainy day'],
      credit_card: ['credit card', 'credit', 'card', 'visa', 'mastercard'],
    },
    es: {
      checking: [
        'cuenta corriente',
        'corriente',
        'nómina',
        'nomina',
        'cuenta principal',
        'cuenta de cheques',
        'cheques',
      ],
      savings: ['ahorro', 'ahorros'],
      credit_card: ['tarjeta', 'crédito', 'credito', 'visa'],
    },
  };

export const ACCOUNT_KIND_IDS: readonly AccountKind[] = ['checking', 'savings', 'credit_card'];

export function normaliseSpoken(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The account kind a spoken phrase names, if any: the longest matching word wins. */
export function accountKindFromWords(spoken: string, locale: string): AccountKind | undefined {
  const words = ACCOUNT_KIND_WORDS[locale.slice(0, 2)] ?? ACCOUNT_KIND_WORDS.en;
  const phrase = ` ${normaliseSpoken(spoken)} `;
  let best: { kind: AccountKind; length: number } | undefined;
  for (const [kind, synonyms] of Object.entries(words ?? {}) as Array<[AccountKind, readonly string[]]>) {
    for (const synonym of synonyms) {
      const normal = normaliseSpoken(synonym);
      if (phrase.includes(` ${normal} `) && (!best || normal.length > best.length)) {
        best = { kind, length: normal.length };
      }
    }
  }
  return best?.kind;
}
