/**
 * The simulator's matcher against the real language models. The first block is a
 * regression test of the models themselves: every sample, with its slots filled by the
 * slot's own examples, must come back as its own intent with those values.
 */
import { isBuiltInSlotKind, loadModel, LOCALES, slotReferences, type Locale } from '../../src/language/model';
import { createMatcher, type Match } from '../../src/simulator/nlu';

/** Sunday 29 November 2026, as in the other suites. */
const TODAY = '2026-11-29';

const matchers = new Map(LOCALES.map((locale) => [locale, createMatcher(loadModel(locale), { today: () => TODAY })]));
const matcherFor = (locale: Locale) => matchers.get(locale)!;

function slotsOf(match: Match): Record<string, string> {
  return Object.fromEntries(match.slots.map((slot) => [slot.name, slot.resolvedId ?? slot.value]));
}

interface SampleCase {
  readonly intent: string;
  readonly sample: string;
  readonly utterance: string;
  /** slot → the example put in it. */
  readonly filled: Readonly<Record<string, string>>;
}

/** Each sample with its slots filled by examples, rotating over them like the Google generator. */
function sampleCases(locale: Locale): SampleCase[] {
  const model = loadModel(locale);
  const cases: SampleCase[] = [];
  for (const [intent, definition] of Object.entries(model.intents)) {
    definition.samples.forEach((sample, i) => {
      const filled: Record<string, string> = {};
      for (const name of slotReferences(sample)) {
        const slot = definition.slots.find((candidate) => candidate.name === name)!;
        filled[name] = slot.examples[i % slot.examples.length]!;
      }
      const utterance = sample.replace(/\{([^{}]*)\}/g, (_, name: string) => filled[name]!);
      cases.push({ intent, sample, utterance, filled });
    });
  }
  return cases;
}

describe.each(LOCALES)('every %s sample matches its own intent', (locale) => {
  const model = loadModel(locale);
  const matcher = matcherFor(locale);

  it.each(sampleCases(locale).map((c) => [c.intent, c.utterance, c]))('%s: "%s"', (intent, _utterance, c) => {
    const match = matcher.match(c.utterance);
    expect({ intent: match.intent, matched: match.matched }).toEqual({ intent, matched: true });
    // Each example reaches its slot: custom examples resolve to a value of their type.
    const got = Object.fromEntries(match.slots.map((slot) => [slot.name, slot]));
    for (const [name, example] of Object.entries(c.filled)) {
      const slot = got[name];
      expect(slot).toBeDefined();
      const type = model.intents[intent]!.slots.find((candidate) => candidate.name === name)!.type;
      if (!isBuiltInSlotKind(type))
        expect({ name, example, resolvedId: slot!.resolvedId }).toEqual({
          name,
          example,
          resolvedId: expect.any(String),
        });
    }
  });
});

describe('typical phrases', () => {
  it.each<[Locale, string, string, Record<string, string>]>([
    ['en-US', "what's my checking balance", 'GetBalance', { accountType: 'checking' }],
    ['en-US', 'whats my checking balance', 'GetBalance', { accountType: 'checking' }],
    ['en-US', 'pay forty five dollars to the power company', 'PayBill', { amount: '45', payee: 'payee-john-power' }],
    [
      'en-US',
      'pay forty five dollars and twenty cents to City Power from checking',
      'PayBill',
      { amount: '45', cents: '20', payee: 'payee-john-power', fromAccount: 'checking' },
    ],
    ['en-US', 'pay $45.20 to city power', 'PayBill', { amount: '45.20', payee: 'payee-john-power' }],
    ['en-US', 'two four six eight', 'ProvidePin', { pin: '2468' }],
    ['en-US', 'my pin is zero four two seven', 'ProvidePin', { pin: '0427' }],
    ['en-US', 'read my last five transactions', 'GetTransactions', { count: '5' }],
    ['en-US', 'what did I spend yesterday', 'GetTransactions', { date: '2026-11-28' }],
    ['en-US', 'what did I spend on Friday', 'GetTransactions', { date: '2026-11-27' }],
    ['en-US', 'what did I spend last Sunday', 'GetTransactions', { date: '2026-11-22' }],
    ['en-US', 'what did I spend on June 3rd', 'GetTransactions', { date: '2026-06-03' }],
    ['en-US', 'what did I spend on December twenty fifth', 'GetTransactions', { date: '2025-12-25' }],
    ['en-US', 'what did I spend last week', 'GetTransactions', { date: '2026-W47' }],
    ['en-US', 'what did I spend on 2026-11-20', 'GetTransactions', { date: '2026-11-20' }],
    [
      'en-US',
      'transfer two hundred dollars from checking to savings',
      'TransferMoney',
      { amount: '200', fromAccount: 'checking', toAccount: 'savings' },
    ],
    ['en-US', 'next', 'More', {}],
    ['en-US', 'one more time', 'Repeat', {}],
    ['en-US', 'yes', 'Yes', {}],
    ['en-US', 'stop', 'Cancel', {}],
    ['en-GB', "what's my current account balance", 'GetBalance', { accountType: 'checking' }],
    ['en-GB', 'pay fifty pounds to my mum', 'PayBill', { amount: '50', payee: 'payee-john-mom' }],
    ['es-ES', 'cuál es mi saldo', 'GetBalance', {}],
    ['es-ES', 'cual es mi saldo', 'GetBalance', {}],
    ['es-ES', 'cuánto tengo en la cuenta de ahorro', 'GetBalance', { accountType: 'savings' }],
    ['es-ES', 'paga cuarenta y cinco euros a la luz', 'PayBill', { amount: '45', payee: 'payee-ana-luz' }],
    [
      'es-ES',
      'paga ciento veinte euros con cincuenta a Laura',
      'PayBill',
      { amount: '120', cents: '50', payee: 'payee-ana-laura' },
    ],
    ['es-ES', 'dos cuatro seis ocho', 'ProvidePin', { pin: '2468' }],
    ['es-ES', 'mi pin es cuatro ocho tres uno', 'ProvidePin', { pin: '4831' }],
    ['es-ES', 'qué gasté ayer', 'GetTransactions', { date: '2026-11-28' }],
    ['es-ES', 'qué gasté el lunes pasado', 'GetTransactions', { date: '2026-11-23' }],
    ['es-ES', 'qué gasté el 3 de junio', 'GetTransactions', { date: '2026-06-03' }],
    [
      'es-ES',
      'transfiere mil doscientos euros de la cuenta corriente a la cuenta de ahorro',
      'TransferMoney',
      { amount: '1200', fromAccount: 'checking', toAccount: 'savings' },
    ],
    ['es-ES', 'más', 'More', {}],
    ['es-US', 'cuánto tengo en la cuenta de cheques', 'GetBalance', { accountType: 'checking' }],
  ])('%s "%s" → %s %j', (locale, utterance, intent, slots) => {
    const match = matcherFor(locale).match(utterance);
    expect({ intent: match.intent, score: match.score, slots: slotsOf(match) }).toEqual({ intent, score: 1, slots });
  });

  it('keeps an unknown custom value unresolved, as an Alexa custom slot does', () => {
    const match = matcherFor('en-US').match('pay fifty dollars to british gas');
    expect(match.intent).toBe('PayBill');
    expect(match.slots.find((slot) => slot.name === 'payee')).toEqual({
      name: 'payee',
      type: 'PAYEE',
      spoken: 'british gas',
      value: 'british gas',
    });
  });

  it('prefers the sample with more literal words, and resolved values', () => {
    const match = matcherFor('en-US').match('pay the power company');
    expect(match.sample).toBe('pay the {payee}');
    expect(slotsOf(match)).toEqual({ payee: 'payee-john-power' });
  });

  it('refuses a capture its type refuses', () => {
    // Three digits are not a PIN, and not a sample of anything else either.
    expect(matcherFor('en-US').match('one two three').intent).toBe('Fallback');
    expect(matcherFor('en-US').match('read my last lots of transactions').intent).toBe('Fallback');
  });
});

describe('no sample matched', () => {
  it('goes to Fallback with the closest intents and their scores, best first', () => {
    const match = matcherFor('en-US').match('what is the balance of my checking account please');
    expect(match).toMatchObject({ intent: 'Fallback', matched: false, score: 0, slots: [] });
    expect(match.closest.length).toBeGreaterThan(0);
    expect(match.closest[0]!.intent).toBe('GetBalance');
    const scores = match.closest.map((entry) => entry.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((score) => score > 0 && score < 1)).toBe(true);
  });

  it('in Spanish too', () => {
    const match = matcherFor('es-ES').match('dime cuánto dinero hay en todas mis cuentas por favor');
    expect(match.matched).toBe(false);
    expect(match.closest[0]!.intent).toBe('GetBalance');
  });
});

describe('answers to an elicited slot', () => {
  const matcher = matcherFor('en-US');

  it('takes a value with the words people put around it', () => {
    expect(matcher.fillSlot('PayBill', 'payee', 'to City Power', true)).toMatchObject({
      resolvedId: 'payee-john-power',
    });
    expect(matcher.fillSlot('PayBill', 'amount', 'forty five dollars', true)).toMatchObject({ value: '45' });
    expect(matcher.fillSlot('PayBill', 'fromAccount', 'from my savings', true)).toMatchObject({
      resolvedId: 'savings',
    });
  });

  it('only guesses an unresolved value when asked to', () => {
    expect(matcher.fillSlot('PayBill', 'payee', 'cancel', true)).toBeUndefined();
    expect(matcher.fillSlot('PayBill', 'payee', 'british gas', false)).toMatchObject({ value: 'british gas' });
    expect(matcher.fillSlot('PayBill', 'amount', 'cancel', false)).toBeUndefined();
  });
});
