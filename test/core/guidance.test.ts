/**
 * Launch, help and fallback say what the skill does (balances, recent transactions, paying a
 * saved payee, moving money between the customer's accounts), in more than one way, briefly;
 * with a payment waiting for its PIN, help and fallback say how to approve or cancel it; and
 * a reprompt never repeats a long answer.
 */
import { fallback, help, welcome } from '../../src/core/handlers/guidance';
import { catalogueFor } from '../../src/voice/locales';
import { withVariety } from '../../src/voice/locales/variety';
import type { Draft } from '../../src/voice/draft';

/** Words that name each capability, per language (any one will do). */
const CAPABILITIES = {
  en: { balance: /balance/i, transactions: /transactions|spend/i, pay: /pay/i, transfer: /transfer|move/i },
  es: {
    balance: /saldo/i,
    transactions: /movimientos|transacciones|gast/i,
    pay: /pag/i,
    transfer: /traspaso|transferencia|pasa/i,
  },
} as const;
const APPROVE_OR_CANCEL = { en: /PIN[\s\S]*cancel/i, es: /PIN[\s\S]*cancela/i } as const;
const PAYMENT = 'AAAAAAAAAAAAAAAAAAAAAA';
const MAX_WORDS = 45;
const MAX_REPROMPT_WORDS = 15;

const text = (draft: Draft) => draft.speech.text;
const reprompt = (draft: Draft) => (draft.endSession ? '' : draft.reprompt.text);
const wordCount = (value: string) => value.split(/\s+/).length;

describe.each(['en-US', 'en-GB', 'es-ES', 'es-US'])('%s guidance', (locale) => {
  const base = catalogueFor(locale);
  const language = locale.startsWith('es') ? 'es' : 'en';
  const each = <T>(count: number, make: (variant: number) => T) => Array.from({ length: count }, (_, i) => make(i));
  const said = (variant: number) => withVariety(base, () => variant);

  it('names every capability in each welcome, help and fallback, in a few words', () => {
    const heard = [
      ...each(base.variants.welcome, (v) => text(welcome(said(v), 'Sandbox Bank'))),
      ...each(base.variants.help, (v) => text(help(said(v), {}))),
      ...each(base.variants.fallback, (v) => text(fallback(said(v), {}))),
    ];
    for (const speech of heard) {
      for (const [capability, words] of Object.entries(CAPABILITIES[language]))
        expect({ speech, capability, named: words.test(speech) }).toEqual({ speech, capability, named: true });
      expect(wordCount(speech)).toBeLessThanOrEqual(MAX_WORDS);
    }
  });

  it('is said in more than one way', () => {
    for (const key of ['welcome', 'help', 'fallback'] as const) expect(base.variants[key]).toBeGreaterThan(1);
    expect(new Set(each(base.variants.help, (v) => text(help(said(v), {})))).size).toBe(base.variants.help);
  });

  it('with a payment waiting, says how to approve it or cancel it, keeps it, and asks for the PIN', () => {
    for (const draft of [help(base, { payment: PAYMENT }), fallback(base, { payment: PAYMENT })]) {
      expect(text(draft)).toMatch(APPROVE_OR_CANCEL[language]);
      expect(draft.session.payment).toBe(PAYMENT);
      expect(reprompt(draft)).toBe(base.pinPrompt().text);
    }
  });

  it('reprompts briefly, never with the whole answer again', () => {
    for (const draft of [welcome(base, 'Sandbox Bank'), help(base, {}), fallback(base, {})]) {
      expect(reprompt(draft)).not.toBe(text(draft));
      expect(wordCount(reprompt(draft))).toBeLessThanOrEqual(MAX_REPROMPT_WORDS);
      expect(wordCount(reprompt(draft))).toBeLessThan(wordCount(text(draft)));
    }
  });
});
