/**
 * Beyond balances on a Berlin Group bank: spending, card information and upcoming bills
 * through the Berlin Group connector against the sandbox Berlin Group bank over real HTTP,
 * every request and response checked against the official 1.3.11 definition. Totals are
 * checked against an independent computation over the fixture files (own transfers left
 * out, refunds netted, card purchases by their merchant category code); the card's
 * statement is what 1.3.11 gives (no minimum payment, which Saldo says); bills are the
 * standing orders of the `information` report.
 */
import { addDays } from '../../src/dates';
import { catalogueFor } from '../../src/voice/locales';
import { ssmlToText } from '../../src/voice/ssml-text';
import { rawCustomer, rawUpcoming, spentOver, type RawTransaction } from '../support/raw-fixture';
import { saldoOnBerlinGroup, type BerlinGroupSaldo } from '../support/berlin-group';
import { alexaDriver, googleDriver } from '../support/drivers';
import { WARM_UP_MS } from './helpers';

const customer = rawCustomer;
type Customer = ReturnType<typeof customer>;
const JOHN = customer('cust-john');
const ANA = customer('cust-ana');

/** This file's own reading of the generator's codes, for the categories asked here. */
const BY_CODE: Record<string, string> = { '5310': 'shopping', '5651': 'shopping', '5999': 'shopping' };

/** The calendar month `back` months before today's. */
function month(c: Customer, back: number): { from: string; to: string } {
  const first = new Date(Date.UTC(Number(c.today.slice(0, 4)), Number(c.today.slice(5, 7)) - 1 - back, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

interface Question {
  readonly back: number;
  readonly account?: 'checking' | 'credit_card';
  readonly category?: string;
}

function within(c: Customer, q: Question) {
  const range = month(c, q.back);
  const accounts = c.accounts.filter((a) => !q.account || a.type === q.account).map((a) => a.id);
  return c.transactions.filter((t) => {
    const date = addDays(c.today, -t.daysAgo);
    return date >= range.from && date <= range.to && accounts.includes(t.accountId);
  });
}

/** Purchases minus refunds (a merchant's credit carries its category code), own-account transfers left out. */
function expected(c: Customer, q: Question): { minor: number; purchases: number } {
  return spentOver(
    within(c, q).filter(
      (t) =>
        !t.transferAccountId &&
        (!q.category || (t.merchantCategoryCode !== undefined && BY_CODE[t.merchantCategoryCode] === q.category)),
    ),
  );
}

function slots(c: Customer, q: Question) {
  return {
    date: { spoken: month(c, q.back).from.slice(0, 7) },
    ...(q.account ? { accountType: { spoken: q.account.replace('_', ' '), id: q.account } } : {}),
    ...(q.category ? { category: { spoken: q.category, id: q.category } } : {}),
  };
}

const heardMoney = (locale: string, minor: number, currency: string) =>
  ssmlToText(catalogueFor(locale).money({ minor, currency }).ssml);

let bg: BerlinGroupSaldo;

beforeAll(async () => {
  bg = await saldoOnBerlinGroup({ sandbox: { pageSize: 50 } });
  // The first turn of each customer links the consent and warms the bank: not what is checked here.
  await alexaDriver(bg.saldo.app, { token: JOHN.accessToken, locale: 'en-US' }).say('GetBalance');
  await alexaDriver(bg.saldo.app, { token: ANA.accessToken, locale: 'es-ES' }).say('GetBalance');
}, WARM_UP_MS);
afterAll(() => bg.close());
afterEach(() => expect(bg.bank.app.responseValidationErrors).toEqual([]));

describe('spending', () => {
  const JOHN_QUESTIONS: readonly Question[] = [
    { back: 1 },
    { back: 2 },
    { back: 3, account: 'checking' },
    { back: 4, account: 'checking' },
    { back: 1, account: 'credit_card' },
    { back: 2, account: 'credit_card', category: 'shopping' },
    { back: 3, account: 'credit_card', category: 'shopping' },
  ];

  it('the months asked hold own-account transfers and refunds on both kinds of account', () => {
    const asked = JOHN_QUESTIONS.flatMap((q) => within(JOHN, { back: q.back, account: q.account }));
    const checking = (t: RawTransaction) => t.accountId === 'acc-john-chk';
    expect(asked.some((t) => checking(t) && t.transferAccountId)).toBe(true);
    expect(asked.some((t) => checking(t) && t.creditDebit === 'credit' && t.merchantCategoryCode)).toBe(true);
    expect(asked.some((t) => !checking(t) && t.creditDebit === 'credit' && t.merchantCategoryCode)).toBe(true);
  });

  it.each(JOHN_QUESTIONS)("John's totals in English equal the fixture's: %j", async (q) => {
    const heard = await alexaDriver(bg.saldo.app, { token: JOHN.accessToken, locale: 'en-US' }).say(
      'GetSpending',
      slots(JOHN, q),
    );
    const { minor, purchases } = expected(JOHN, q);
    expect(purchases).toBeGreaterThan(0);
    expect(heard.speech).toContain(`You spent ${heardMoney('en-US', minor, 'USD')}`);
    expect(heard.speech).toContain(`${purchases} purchase`);
    expect(heard.raw).not.toContain('5454545454545454');
  });

  it.each<Question>([{ back: 1 }, { back: 2, account: 'credit_card', category: 'shopping' }, { back: 3 }])(
    "Ana's totals in Spanish equal the fixture's: %j",
    async (q) => {
      const heard = await googleDriver(bg.saldo.app, { token: ANA.accessToken, locale: 'es-ES' }).say(
        'GetSpending',
        slots(ANA, q),
      );
      const { minor, purchases } = expected(ANA, q);
      expect(purchases).toBeGreaterThan(0);
      expect(heard.speech).toContain(`Has gastado ${heardMoney('es-ES', minor, 'EUR')}`);
      expect(heard.speech).toContain(`${purchases} compra`);
    },
  );
});

describe('card information', () => {
  // John's card closed its statement on 16 November with $152.00 owed (the sandbox's
  // statement: $642.10 owed now less what was booked since), due 11 December.
  it("in English: the statement balance and due date, and that the bank doesn't share the minimum", async () => {
    const heard = await alexaDriver(bg.saldo.app, { token: JOHN.accessToken, locale: 'en-US' }).say('GetCardInfo');
    expect(heard.speech).toBe(
      "Your credit card ending in 5454 has a statement balance of $152.00 due on December 11. Berlin Bank doesn't share the minimum payment with me.",
    );
    expect(heard.raw).not.toContain('5454545454545454');
  });

  it('in Spanish', async () => {
    const heard = await alexaDriver(bg.saldo.app, { token: ANA.accessToken, locale: 'es-ES' }).say('GetCardInfo');
    expect(heard.speech).toMatch(
      /^Tu tarjeta de crédito terminada en 7899 tiene un saldo del extracto de .+ euros.* que vence el .+\. Banco Berlín no me facilita el pago mínimo\.$/,
    );
  });
});

describe('upcoming bills', () => {
  const standingOrder = (c: Customer) => rawUpcoming(c.id).find((u) => u.kind === 'standing_order')!;

  it("in English: John's standing order, on its next execution day, and what 1.3.11 does not report", async () => {
    const order = standingOrder(JOHN);
    const heard = await alexaDriver(bg.saldo.app, { token: JOHN.accessToken, locale: 'en-US' }).say('GetUpcomingBills');
    expect(addDays(JOHN.today, order.dueInDays)).toBe('2026-12-07');
    expect(heard.speech).toBe(
      `You have 1 payment coming up in the next 14 days. Mary Carter, ${heardMoney('en-US', Math.round(Number(order.amount) * 100), 'USD')}, on December 7. Berlin Bank doesn't share scheduled payments or direct debits with me.`,
    );
  });

  it("in Spanish: Ana's standing order", async () => {
    const order = standingOrder(ANA);
    const heard = await googleDriver(bg.saldo.app, { token: ANA.accessToken, locale: 'es-ES' }).say('GetUpcomingBills');
    expect(heard.speech).toContain('Tienes 1 pago en los próximos 14 días.');
    expect(heard.speech).toContain(
      `Laura Martínez, ${heardMoney('es-ES', Math.round(Number(order.amount) * 100), 'EUR')}`,
    );
    expect(heard.speech).toContain('Banco Berlín no me facilita los pagos programados ni los recibos domiciliados.');
  });
});

describe('a bank that does not report standing orders', () => {
  it(
    'is never asked for them, and Saldo says it shares no upcoming payments',
    async () => {
      const quiet = await saldoOnBerlinGroup({ connector: { standingOrders: false } });
      try {
        const heard = await alexaDriver(quiet.saldo.app, { token: JOHN.accessToken, locale: 'en-US' }).say(
          'GetUpcomingBills',
        );
        expect(heard.speech).toBe(
          "Berlin Bank doesn't share scheduled payments, standing orders or direct debits with me.",
        );
        // Its only calls listed the accounts: no report was read.
        expect(quiet.saldo.saldo.logs.text()).toContain('/v1/accounts');
        expect(quiet.saldo.saldo.logs.text()).not.toContain('/transactions');
      } finally {
        await quiet.close();
      }
    },
    WARM_UP_MS,
  );
});
