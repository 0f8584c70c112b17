/**
 * Spending questions end to end: totals said on both platforms checked against an
 * independent computation over the fixture files (their own JSON, read here, with this
 * file's own merchant and category tables), for random merchants, categories, periods
 * and accounts; the follow-up comparison; privacy mode; four locales; and the Open
 * Banking connector against the sandbox Open Banking server.
 */
import fc from 'fast-check';
import { addDays } from '../../src/dates';
import { catalogueFor } from '../../src/voice/locales';
import { ssmlToText } from '../../src/voice/ssml-text';
import { alexaDriver, googleDriver, type Driver, type Slots } from '../support/drivers';
import { rawCustomer, spentOver, type RawTransaction } from '../support/raw-fixture';
import { testHttpApp } from '../support/http';
import { saldoOnOpenBanking, type OpenBankingSaldo } from '../support/open-banking';
import { privacyModeConfig } from '../support/privacy-bank';

const customer = rawCustomer;
type Customer = ReturnType<typeof customer>;
const JOHN = customer('cust-john');
const ANA = customer('cust-ana');

/** This file's own reading of the merchants: what a customer says, and the descriptions it means. */
const MERCHANTS: Record<string, Record<string, RegExp>> = {
  'cust-john': {
    starbucks: /^starbucks/i,
    'blue bottle': /blue bottle/i,
    'whole foods': /^whole foods/i,
    amazon: /^(amzn|amazon)/i,
    target: /^target/i,
    uber: /^uber/i,
    chipotle: /^chipotle/i,
    netflix: /^netflix/i,
    "trader joe's": /^trader joe/i,
    costco: /^costco/i,
  },
  'cust-ana': {
    mercadona: /^mercadona/i,
    zara: /^zara/i,
    amazon: /^amazon/i,
    starbucks: /^starbucks/i,
    spotify: /^spotify/i,
    renfe: /^renfe/i,
    iberdrola: /^iberdrola/i,
  },
};

/** This file's own reading of the categories: the generator's codes, and the hand-written descriptions. */
const BY_CODE: Record<string, string> = {
  '5411': 'groceries',
  '5812': 'eating_out',
  '5814': 'eating_out',
  '5541': 'transport',
  '4121': 'transport',
  '4111': 'transport',
  '4900': 'utilities',
  '5310': 'shopping',
  '5651': 'shopping',
  '5999': 'shopping',
  '4899': 'entertainment',
  '5815': 'entertainment',
  '7832': 'entertainment',
  '5912': 'health',
  '6011': 'cash',
};
const BY_DESCRIPTION: Record<string, string> = {
  Starbucks: 'eating_out',
  'Whole Foods Market': 'groceries',
  'POS 5454545454545454 SHELL OIL 5731': 'transport',
  Netflix: 'entertainment',
  Target: 'shopping',
  'City Power': 'utilities',
  Chipotle: 'eating_out',
  'Amazon Marketplace': 'shopping',
  Uber: 'transport',
  'Delta Air Lines': 'transport',
  "Trader Joe's": 'groceries',
  Mercadona: 'groceries',
  Repsol: 'transport',
  Spotify: 'entertainment',
  Iberdrola: 'utilities',
  'El Corte Inglés': 'shopping',
  Zara: 'shopping',
  Renfe: 'transport',
};
const CATEGORIES = ['groceries', 'eating_out', 'transport', 'utilities', 'shopping', 'entertainment', 'health', 'cash'];

interface Question {
  readonly what: { merchant: string } | { category: string } | { all: true };
  readonly period: { month: number } | { sinceDaysAgo: number } | { day: number } | { thisMonth: true };
  readonly account?: 'checking' | 'credit_card';
}

function rangeOf(c: { today: string }, period: Question['period']): { from: string; to: string } {
  const today = c.today;
  if ('sinceDaysAgo' in period) return { from: addDays(today, -period.sinceDaysAgo), to: today };
  if ('day' in period) return { from: addDays(today, -period.day), to: addDays(today, -period.day) };
  const back = 'month' in period ? period.month : 0;
  const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Purchases minus refunds (credits from a merchant), own-account transfers left out. */
function expected(c: Customer, q: Question): { minor: number; purchases: number } {
  const range = rangeOf(c, q.period);
  const accounts = c.accounts.filter((a) => !q.account || a.type === q.account).map((a) => a.id);
  const category = (t: RawTransaction) =>
    t.merchantCategoryCode ? BY_CODE[t.merchantCategoryCode] : BY_DESCRIPTION[t.description];
  return spentOver(
    c.transactions.filter((t) => {
      const date = addDays(c.today, -t.daysAgo);
      if (date < range.from || date > range.to || !accounts.includes(t.accountId) || t.transferAccountId) return false;
      if ('merchant' in q.what && !MERCHANTS[c.id]![q.what.merchant]!.test(t.description)) return false;
      return !('category' in q.what) || category(t) === q.what.category;
    }),
  );
}

function slotsFor(c: { today: string }, q: Question): Slots {
  const slots: Record<string, { spoken: string; id?: string }> = {};
  if ('merchant' in q.what) slots.merchant = { spoken: q.what.merchant };
  if ('category' in q.what) slots.category = { spoken: q.what.category.replace('_', ' '), id: q.what.category };
  const p = q.period;
  if ('sinceDaysAgo' in p) slots.since = { spoken: addDays(c.today, -p.sinceDaysAgo) };
  if ('day' in p) slots.date = { spoken: addDays(c.today, -p.day) };
  if ('month' in p) slots.date = { spoken: rangeOf(c, p).from.slice(0, 7) };
  if (q.account) slots.accountType = { spoken: q.account.replace('_', ' '), id: q.account };
  return slots;
}

function question(customerId: string): fc.Arbitrary<Question> {
  return fc.record(
    {
      what: fc.oneof(
        fc.constantFrom(...Object.keys(MERCHANTS[customerId]!)).map((merchant) => ({ merchant })),
        fc.constantFrom(...CATEGORIES).map((category) => ({ category })),
        fc.constant({ all: true as const }),
      ),
      period: fc.oneof(
        fc.integer({ min: 0, max: 7 }).map((month) => ({ month })),
        fc.integer({ min: 1, max: 60 }).map((sinceDaysAgo) => ({ sinceDaysAgo })),
        fc.integer({ min: 1, max: 200 }).map((day) => ({ day })),
        fc.constant({ thisMonth: true as const }),
      ),
      account: fc.constantFrom(undefined, 'checking' as const, 'credit_card' as const),
    },
    { requiredKeys: ['what', 'period'] },
  );
}

function heardMoney(locale: string, minor: number, currency: string): string {
  return ssmlToText(catalogueFor(locale).money({ minor, currency }).ssml);
}

const app = testHttpApp();
const drivers = async (token: string, locale: string): Promise<Driver[]> => {
  const { app: express } = await app;
  return [alexaDriver(express, { token, locale }), googleDriver(express, { token, locale })];
};

describe.each([
  ['John', JOHN, 'en-US', 'USD', 'purchase'],
  ['Ana', ANA, 'es-ES', 'EUR', 'compra'],
] as const)('%s: totals against the fixture', (_name, c, locale, currency, purchaseWord) => {
  it('says what an independent computation gives, on both platforms', async () => {
    const [alexa, google] = await drivers(c.accessToken, locale);
    await fc.assert(
      fc.asyncProperty(question(c.id), fc.boolean(), async (q, onGoogle) => {
        const heard = await (onGoogle ? google! : alexa!).say('GetSpending', slotsFor(c, q));
        const { minor, purchases } = expected(c, q);
        if (purchases === 0) {
          expect(heard.speech).toMatch(/didn't spend anything|No has gastado nada/);
        } else {
          expect(heard.speech).toContain(heardMoney(locale, minor, currency));
          expect(heard.speech).toContain(`${purchases} ${purchaseWord}${purchases === 1 ? '' : 's'}`);
        }
        expect(heard.raw).not.toMatch(/5454545454545454|2K4L5\d{4}/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the answer', () => {
  it('names the merchant, the period and the purchases, and compares with the month before', async () => {
    const [alexa] = await drivers(JOHN.accessToken, 'en-US');
    await alexa!.say('Launch');
    const q: Question = { what: { merchant: 'starbucks' }, period: { month: 1 } };
    const october = expected(JOHN, q);
    const september = expected(JOHN, { ...q, period: { month: 2 } });
    const heard = await alexa!.say('GetSpending', slotsFor(JOHN, q));
    expect(heard.speech).toContain(
      `You spent ${heardMoney('en-US', october.minor, 'USD')} at Starbucks in October, over ${october.purchases} purchases.`,
    );
    expect(heard.card).toContain('at Starbucks in October');
    const compared = await alexa!.say('CompareSpending');
    const difference = october.minor - september.minor;
    expect(compared.speech).toContain(
      `That's ${heardMoney('en-US', Math.abs(difference), 'USD')} ${difference > 0 ? 'more' : 'less'} than in September, when you spent ${heardMoney('en-US', september.minor, 'USD')}.`,
    );
  });

  it('leaves out the transfer to savings and the card payment from the month', async () => {
    const [alexa] = await drivers(JOHN.accessToken, 'en-US');
    const all = expected(JOHN, { what: { all: true }, period: { thisMonth: true }, account: 'checking' });
    const heard = await alexa!.say('GetSpending', { accountType: { spoken: 'checking', id: 'checking' } });
    expect(heard.speech).toContain(`You spent ${heardMoney('en-US', all.minor, 'USD')} in November on your checking`);
    // The hand-written month holds a $200.00 transfer to savings: with it, the total would be that much more.
    const withTransfer = all.minor + 20000;
    expect(heard.speech).not.toContain(heardMoney('en-US', withTransfer, 'USD'));
  });

  it('asks to compare only after a spending question', async () => {
    const [, google] = await drivers(JOHN.accessToken, 'en-US');
    await google!.say('Launch');
    const heard = await google!.say('CompareSpending');
    expect(heard.speech).toContain('I can compare once');
    expect(heard.ended).toBe(false);
  });

  it.each([
    ['en-GB', JOHN, 'US$', 'You spent', 'on eating out'],
    ['es-US', ANA, 'euros', 'Has gastado', 'en restaurantes y cafeterías'],
    ['es-ES', ANA, 'euros', 'Has gastado', 'en restaurantes y cafeterías'],
    ['en-US', JOHN, '$', 'You spent', 'on eating out'],
  ] as const)('in %s', async (locale, c, money, spent, where) => {
    const [alexa, google] = await drivers(c.accessToken, locale);
    const slots = {
      category: { spoken: 'eating out', id: 'eating_out' },
      date: { spoken: rangeOf(c, { month: 1 }).from.slice(0, 7) },
    };
    const heard = await alexa!.say('GetSpending', slots);
    expect(heard.speech).toContain(spent);
    expect(heard.speech).toContain(where);
    expect(heard.speech).toContain(money);
    expect((await google!.say('GetSpending', slots)).speech).toBe(heard.speech);
  });
});

describe('privacy mode', () => {
  it('tells no amount before the PIN, then answers the question that waited', async () => {
    const { app: express } = await testHttpApp({ env: { SALDO_CONFIG: privacyModeConfig() } });
    const alexa = alexaDriver(express, { token: JOHN.accessToken, locale: 'en-US' });
    await alexa.say('Launch');
    const asked = await alexa.say('GetSpending', { merchant: { spoken: 'starbucks' } });
    expect(asked.speech).toContain('voice PIN');
    expect(asked.raw).not.toMatch(/\$\d/);
    const answered = await alexa.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(answered.speech).toContain('at Starbucks in November');
  });
});

describe('through the Open Banking connector', () => {
  let ob: OpenBankingSaldo;
  beforeAll(async () => {
    ob = await saldoOnOpenBanking();
    // The first request compiles the bank's spec validators: not part of what is measured here.
    await alexaDriver(ob.saldo.app, { token: JOHN.accessToken, locale: 'en-US' }).say('GetBalance');
  });
  afterAll(() => ob.close());

  it.each<Question>([
    { what: { merchant: 'starbucks' }, period: { month: 1 } },
    { what: { category: 'groceries' }, period: { month: 2 } },
    { what: { all: true }, period: { month: 3 } },
    { what: { merchant: 'amazon' }, period: { sinceDaysAgo: 60 }, account: 'credit_card' },
  ])('%j says the same totals', async (q) => {
    const alexa = alexaDriver(ob.saldo.app, { token: JOHN.accessToken, locale: 'en-US' });
    const heard = await alexa.say('GetSpending', slotsFor(JOHN, q));
    const { minor, purchases } = expected(JOHN, q);
    expect(heard.speech).toContain(heardMoney('en-US', minor, 'USD'));
    expect(heard.speech).toContain(`${purchases} purchase`);
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
  });
});
