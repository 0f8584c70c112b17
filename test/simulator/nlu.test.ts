/**
 * The simulator's matcher against the real language models. The first block is a
 * regression test of the models themselves: every sample, with its slots filled by the
 * slot's own examples, must come back as its own intent with those values.
 */
import { isBuiltInSlotKind, loadModel, LOCALES, slotReferences, type Locale } from '../../src/language/model';
import { evaluationCustomer } from '../../src/simulator/evaluation';
import { createMatcher, type Match } from '../../src/simulator/nlu';

/** Sunday 29 November 2026, as in the other suites. */
const TODAY = '2026-11-29';

const matchers = new Map(LOCALES.map((locale) => [locale, createMatcher(loadModel(locale), { today: () => TODAY })]));
const matcherFor = (locale: Locale) => matchers.get(locale)!;

/** A customer's payee resolves to an opaque dynamic id: its name is what a reader checks. */
function slotsOf(match: Match): Record<string, string> {
  return Object.fromEntries(
    match.slots.map((slot) => [
      slot.name,
      slot.resolvedBy === 'dynamic' ? (slot.resolvedName ?? '') : (slot.resolvedId ?? slot.value),
    ]),
  );
}

/** The dynamic entities the skill sends John and Ana on their first turn. */
const entities = {
  john: evaluationCustomer('sandbox-token-john').entities,
  ana: evaluationCustomer('sandbox-token-ana').entities,
};
const customerOf = (locale: Locale) => (locale.startsWith('es') ? entities.ana : entities.john);

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

  // One test per intent (the generated samples run into the thousands), listing every miss.
  it.each(Object.keys(model.intents))('%s', (intent) => {
    const problems: string[] = [];
    for (const c of sampleCases(locale).filter((candidate) => candidate.intent === intent)) {
      const match = matcher.match(c.utterance);
      if (match.intent !== intent || !match.matched) {
        problems.push(`"${c.utterance}" → ${match.intent}`);
        continue;
      }
      // Each example reaches its slot: custom examples resolve to a value of their type.
      const got = Object.fromEntries(match.slots.map((slot) => [slot.name, slot]));
      for (const name of Object.keys(c.filled)) {
        const slot = got[name];
        const type = model.intents[intent]!.slots.find((candidate) => candidate.name === name)!.type;
        if (!slot) problems.push(`"${c.utterance}": no ${name}`);
        else if (!isBuiltInSlotKind(type) && slot.resolvedId === undefined)
          problems.push(`"${c.utterance}": ${name} "${slot.value}" unresolved`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('typical phrases', () => {
  it.each<[Locale, string, string, Record<string, string>]>([
    ['en-US', "what's my checking balance", 'GetBalance', { accountType: 'checking' }],
    ['en-US', 'whats my checking balance', 'GetBalance', { accountType: 'checking' }],
    ['en-US', 'pay forty five dollars to the power company', 'PayBill', { amount: '45', payee: 'City Power' }],
    [
      'en-US',
      'pay forty five dollars and twenty cents to City Power from checking',
      'PayBill',
      { amount: '45', cents: '20', payee: 'City Power', fromAccount: 'checking' },
    ],
    ['en-US', 'pay $45.20 to city power', 'PayBill', { amount: '45.20', payee: 'City Power' }],
    ['en-US', 'my pin is two four six eight', 'ProvidePin', { pin: '2468' }],
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
    ['en-GB', 'pay fifty pounds to my mum', 'PayBill', { amount: '50', payee: 'Mary Carter' }],
    ['es-ES', 'cuál es mi saldo', 'GetBalance', {}],
    ['es-ES', 'cual es mi saldo', 'GetBalance', {}],
    ['es-ES', 'cuánto tengo en la cuenta de ahorro', 'GetBalance', { accountType: 'savings' }],
    ['es-ES', 'paga cuarenta y cinco euros a la luz', 'PayBill', { amount: '45', payee: 'Iberdrola' }],
    [
      'es-ES',
      'paga ciento veinte euros con cincuenta a Laura',
      'PayBill',
      { amount: '120', cents: '50', payee: 'Laura Martínez' },
    ],
    ['es-ES', 'el pin es dos cuatro seis ocho', 'ProvidePin', { pin: '2468' }],
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
    const match = matcherFor(locale).match(utterance, { entities: customerOf(locale) });
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
    const match = matcherFor('en-US').match('pay my electric bill');
    expect(match.sample).toBe('pay {payee} bill');
    expect(matcherFor('en-US').match('what is the balance on my credit card').slots[0]?.resolvedId).toBe('credit_card');
  });

  it('resolves a customer payee only with the dynamic entities the skill sent, preferring them', () => {
    expect(slotsOf(matcherFor('en-US').match('pay city power'))).toEqual({ payee: 'city power' });
    const match = matcherFor('en-US').match('pay city power', { entities: entities.john });
    expect(match.slots[0]).toMatchObject({ resolvedBy: 'dynamic', resolvedName: 'City Power' });
    expect(match.slots[0]?.resolvedId).toMatch(/^p-/);
  });

  it('refuses a capture its type refuses, and never lets a name swallow an amount', () => {
    // Three digits are not a PIN, and not a sample of anything else either.
    expect(matcherFor('en-US').match('one two three').intent).toBe('Fallback');
    expect(matcherFor('en-US').match('tell me about lots of things and more things').intent).toBe('Fallback');
    const pay = matcherFor('en-US').match('pay mary fifty dollars', { entities: entities.john });
    expect(slotsOf(pay)).toEqual({ payee: 'Mary Carter', amount: '50' });
    const paga = matcherFor('es-ES').match('paga a laura veinte euros', { entities: entities.ana });
    expect(slotsOf(paga)).toEqual({ payee: 'Laura Martínez', amount: '20' });
    // Even a payee nobody saved: the amount stays out of the name.
    expect(slotsOf(matcherFor('en-US').match('pay bob fifty dollars'))).toEqual({ payee: 'bob', amount: '50' });
  });

  it('never lets a merchant swallow the date after it, on either platform', () => {
    for (const platform of ['alexa', 'google'] as const) {
      const matcher = createMatcher(loadModel('en-US'), { today: () => TODAY, platform });
      expect(slotsOf(matcher.match('what did I spend at starbucks last month.'))).toEqual({
        merchant: 'starbucks',
        date: '2026-10',
      });
    }
    // A merchant no type knows: the name ends where the date begins.
    expect(slotsOf(matcherFor('en-US').match('how much did I spend at joes pizza in october'))).toEqual({
      merchant: 'joes pizza',
      date: '2026-10',
    });
    expect(slotsOf(matcherFor('en-US').match('what did I spend at joes pizza yesterday'))).toEqual({
      merchant: 'joes pizza',
      date: '2026-11-28',
    });
    expect(slotsOf(matcherFor('es-ES').match('mis gastos en la cafetera en octubre'))).toEqual({
      merchant: 'la cafetera',
      date: '2026-10',
    });
  });

  it("hears a customer's own merchant on Google only from the session's entities", () => {
    const google = createMatcher(loadModel('en-US'), { today: () => TODAY, platform: 'google' });
    const said = 'how much did I spend at joes pizza last month';
    expect(google.match(said).intent).toBe('Fallback');
    const mine = [
      {
        name: 'MERCHANT',
        values: [{ id: 'm-aaaaaaaaaaaaaaaa', value: "Joe's Pizza", synonyms: [] }],
        extendsModel: true,
      },
    ];
    const match = google.match(said, { entities: mine });
    expect({ intent: match.intent, slots: slotsOf(match) }).toEqual({
      intent: 'GetSpending',
      slots: { merchant: "Joe's Pizza", date: '2026-10' },
    });
  });

  it.each<[Locale, string, string]>([
    ['en-US', 'is that more than October?', '2026-10'],
    ['en-US', 'how does it compare with december', '2025-12'],
    ['en-US', 'what about last month', '2026-10'],
    ['en-GB', 'and in september', '2026-09'],
    ['es-ES', '¿y en octubre?', '2026-10'],
    ['es-ES', 'compáralo con octubre de 2025', '2025-10'],
    ['es-US', '¿y el mes pasado?', '2026-10'],
  ])('%s "%s" compares with %s: a month on its own is the latest one', (locale, utterance, date) => {
    const match = matcherFor(locale).match(utterance);
    expect({ intent: match.intent, slots: slotsOf(match) }).toEqual({ intent: 'CompareSpending', slots: { date } });
  });

  it('tries the request without fillers around it, and only then', () => {
    expect(matcherFor('en-US').match('um could you tell me my balance please').intent).toBe('GetBalance');
    expect(matcherFor('es-ES').match('oye me dices el saldo por favor').intent).toBe('GetBalance');
    expect(matcherFor('en-US').match('tell me more').intent).toBe('More');
  });

  it('hears a bare PIN only as an answer to the PIN question, never as a request', () => {
    expect(matcherFor('en-US').match('two four six eight').intent).toBe('Fallback');
    expect(matcherFor('en-US').fillSlot('ProvidePin', 'pin', 'two four six eight', true)?.value).toBe('2468');
    const google = createMatcher(loadModel('en-US'), { today: () => TODAY, platform: 'google' });
    expect(google.match('two four six eight').intent).toBe('ProvidePin');
  });
});

describe('no sample matched', () => {
  it('goes to Fallback with the closest intents and their scores, best first', () => {
    const match = matcherFor('en-US').match('what is the interest rate of my checking account');
    expect(match).toMatchObject({ intent: 'Fallback', matched: false, score: 0, slots: [] });
    expect(match.closest.length).toBeGreaterThan(0);
    expect(match.closest[0]!.intent).toBe('GetBalance');
    const scores = match.closest.map((entry) => entry.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((score) => score > 0 && score < 1)).toBe(true);
  });

  it('in Spanish too', () => {
    const match = matcherFor('es-ES').match('cuál es el interés de mi cuenta de ahorro por favor');
    expect(match.matched).toBe(false);
    expect(match.closest.map((entry) => entry.intent)).toContain('GetBalance');
  });
});

describe('answers to an elicited slot', () => {
  const matcher = matcherFor('en-US');

  it('takes a value with the words people put around it', () => {
    expect(matcher.fillSlot('PayBill', 'payee', 'to City Power', true, { entities: entities.john })).toMatchObject({
      resolvedName: 'City Power',
      resolvedBy: 'dynamic',
    });
    expect(matcher.fillSlot('PayBill', 'payee', 'the gas company', true)).toMatchObject({ resolvedBy: 'static' });
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
