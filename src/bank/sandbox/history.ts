/**
 * Months of card and account history for the sandbox customers, generated
 * deterministically (a seeded generator per customer) so that tests can compute every
 * total independently: merchants as card terminals write them ("SQ *BLUE BOTTLE COFFEE",
 * "STARBUCKS #1234", "MERCADONA 0456"), with ISO 18245 merchant category codes, refunds
 * and transfers between the customer's own accounts. The history starts where the
 * hand-written fixture ends (32 days ago), so "recent transactions" keep their answers.
 * `npm run fixtures:history` writes it to fixtures/sandbox-history.json.
 */
import { toDecimal } from '../../money';
import type { SandboxFixture } from './fixture';

/** The hand-written fixture covers the last 31 days; the history is older. */
export const HISTORY_FIRST_DAYS_AGO = 32;
const HISTORY_DAYS = 184;

interface Merchant {
  /** How the terminal writes it; `#` is replaced by a store number of that many digits. */
  readonly description: string;
  readonly mcc: string;
  /** Purchases per 30 days, on average. */
  readonly perMonth: number;
  /** Amount range in minor units. */
  readonly min: number;
  readonly max: number;
  readonly account: 'checking' | 'credit_card';
  /** Some purchases come back as refunds. */
  readonly refunds?: boolean;
}

const m = (
  description: string,
  mcc: string,
  perMonth: number,
  min: number,
  max: number,
  account: Merchant['account'] = 'checking',
  refunds = false,
): Merchant => ({ description, mcc, perMonth, min, max, account, refunds });

const MERCHANTS: Readonly<Record<string, readonly Merchant[]>> = {
  USD: [
    m('STARBUCKS ####', '5814', 6, 425, 925),
    m('SQ *BLUE BOTTLE COFFEE', '5814', 3, 450, 850),
    m('WHOLE FOODS MARKET #####', '5411', 4, 3500, 14000),
    m("TRADER JOE'S ### NEW YORK NY", '5411', 2, 2500, 9000, 'credit_card'),
    m('CHIPOTLE ####', '5814', 2, 1050, 1800),
    m('TST* SHAKE SHACK ###', '5812', 1, 1500, 4200, 'credit_card'),
    m('POS 5454545454545454 SHELL OIL ####', '5541', 2, 3000, 6000),
    m('UBER *TRIP HELP.UBER.COM', '4121', 3, 1100, 3600, 'credit_card'),
    m('MTA*NYCT PAYGO', '4111', 4, 290, 290),
    m('AMZN MKTP US*2K4L5####', '5999', 3, 1299, 8999, 'credit_card', true),
    m('TARGET 000####', '5310', 2, 1800, 9500, 'checking', true),
    m('CVS/PHARMACY #####', '5912', 1, 650, 4200),
    m('NETFLIX.COM', '4899', 1, 1549, 1549),
    m('AMC THEATRES ####', '7832', 1, 1400, 4000, 'credit_card'),
    m('CON ED OF NY BILL PAYMT', '4900', 1, 7800, 14500),
    m('ATM WITHDRAWAL ####', '6011', 1, 4000, 20000),
  ],
  EUR: [
    m('MERCADONA ####', '5411', 5, 1800, 9500),
    m('CARREFOUR MARKET ####', '5411', 2, 1200, 6000, 'credit_card'),
    m('STARBUCKS COFFEE ####', '5814', 3, 350, 780),
    m('SQ *LA CAFETERA', '5814', 2, 180, 450),
    m('TELEPIZZA ####', '5812', 1, 1400, 3200, 'credit_card'),
    m('REPSOL E.S. #####', '5541', 2, 3500, 6500),
    m('CABIFY*VIAJE', '4121', 2, 850, 2400, 'credit_card'),
    m('METRO DE MADRID', '4111', 4, 170, 170),
    m('ZARA ####', '5651', 1, 2595, 8990, 'credit_card', true),
    m('AMAZON.ES*MK8####', '5999', 2, 999, 6499, 'credit_card', true),
    m('FARMACIA LDO GARCIA', '5912', 1, 450, 3200),
    m('IBERDROLA CLIENTES', '4900', 1, 5200, 9800),
    m('CINES YELMO ####', '7832', 1, 900, 2600, 'credit_card'),
    m('SPOTIFY P####', '5815', 1, 1099, 1099),
    m('CAJERO ####', '6011', 1, 5000, 20000),
  ],
  GBP: [
    m('TESCO STORES ####', '5411', 4, 1500, 8500),
    m("SAINSBURY'S S/MKTS", '5411', 2, 1200, 6000, 'credit_card'),
    m('PRET A MANGER ####', '5814', 5, 350, 950),
    m('COSTA COFFEE #####', '5814', 3, 280, 650),
    m('TFL TRAVEL CH', '4111', 6, 175, 820),
    m('UBER *TRIP', '4121', 2, 800, 2600, 'credit_card'),
    m('BOOTS ####', '5912', 1, 450, 2800),
    m('AMAZON.CO.UK*RT5####', '5999', 2, 899, 5999, 'credit_card', true),
    m('NEXT RETAIL LTD', '5651', 1, 1800, 7500, 'credit_card', true),
    m('BRITISH GAS', '4900', 1, 6500, 11000),
    m('ODEON CINEMAS ####', '7832', 1, 1100, 3000, 'credit_card'),
    m('CASH WITHDRAWAL ####', '6011', 1, 2000, 10000),
  ],
};

/** Salary words per currency (credits are not spending; they make the history realistic). */
const PAYROLL: Readonly<Record<string, string>> = {
  USD: 'PAYROLL ACME CORP',
  EUR: 'NOMINA EMPRESA SL',
  GBP: 'SALARY ACME LTD',
};

interface HistoryTransaction {
  readonly accountId: string;
  readonly daysAgo: number;
  readonly description: string;
  readonly amount: string;
  readonly creditDebit: 'credit' | 'debit';
  readonly status: 'booked';
  readonly merchantCategoryCode?: string;
  /** The customer's own account on the other side of a transfer. */
  readonly transferAccountId?: string;
}

interface UpcomingBill {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'scheduled' | 'standing_order' | 'direct_debit';
  readonly payee: string;
  readonly dueInDays: number;
  readonly amount?: string;
}

export interface SandboxHistory {
  readonly about: string;
  readonly customers: Readonly<
    Record<string, { readonly transactions: readonly HistoryTransaction[]; readonly upcoming: readonly UpcomingBill[] }>
  >;
}

/** mulberry32: small, fast and the same on every machine. */
function seededRandom(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Customer = SandboxFixture['customers'][number];

function historyOf(customer: Customer): HistoryTransaction[] {
  const random = seededRandom(customer.id);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const byType = (type: string) => customer.accounts.find((a) => a.type === type);
  const checking = byType('checking');
  if (!checking) return [];
  const savings = byType('savings');
  const card = byType('credit_card');
  const currency = checking.currency;
  const merchants = MERCHANTS[currency] ?? [];
  const amount = (minor: number) => toDecimal({ minor, currency });
  const storeNumbers = new Map<Merchant, string>();
  const describe = (merchant: Merchant) => {
    let number = storeNumbers.get(merchant);
    if (number === undefined) {
      number = String(between(1, 99999)).padStart(5, '0');
      storeNumbers.set(merchant, number);
    }
    let digit = 0;
    return merchant.description.replace(/#/g, () => number[digit++ % number.length] ?? '0');
  };
  const result: HistoryTransaction[] = [];
  const last = HISTORY_FIRST_DAYS_AGO + HISTORY_DAYS - 1;
  for (let daysAgo = last; daysAgo >= HISTORY_FIRST_DAYS_AGO; daysAgo--) {
    for (const merchant of merchants) {
      if (random() >= merchant.perMonth / 30) continue;
      const account = merchant.account === 'credit_card' && card ? card : checking;
      const minor = between(merchant.min, merchant.max);
      const description = describe(merchant);
      const purchase = {
        accountId: account.id,
        description,
        merchantCategoryCode: merchant.mcc,
        status: 'booked' as const,
      };
      result.push({ ...purchase, daysAgo, amount: amount(minor), creditDebit: 'debit' });
      // About one purchase in four comes back, whole or in part, within two weeks.
      if (merchant.refunds && random() < 0.25) {
        const back = random() < 0.5 ? minor : between(Math.ceil(minor / 4), minor - 1);
        const refundedDaysAgo = daysAgo - between(2, 14);
        if (refundedDaysAgo >= HISTORY_FIRST_DAYS_AGO)
          result.push({ ...purchase, daysAgo: refundedDaysAgo, amount: amount(back), creditDebit: 'credit' });
      }
    }
    const dayOfCycle = daysAgo % 30;
    if (dayOfCycle === 0 || dayOfCycle === 15) {
      const payroll = PAYROLL[currency] ?? 'PAYROLL';
      result.push({
        accountId: checking.id,
        daysAgo,
        description: payroll,
        amount: amount(between(180000, 260000)),
        creditDebit: 'credit',
        status: 'booked',
      });
    }
    // Each month: some savings put away, and the card paid from checking (both legs).
    if (dayOfCycle === 3 && savings) {
      const minor = between(10, 40) * 1000;
      const name = savings.nickname ?? 'Savings';
      result.push({
        accountId: checking.id,
        daysAgo,
        description: `TRANSFER TO ${name.toUpperCase()}`,
        amount: amount(minor),
        creditDebit: 'debit',
        status: 'booked',
        transferAccountId: savings.id,
      });
      result.push({
        accountId: savings.id,
        daysAgo,
        description: `TRANSFER FROM ${(checking.nickname ?? 'Checking').toUpperCase()}`,
        amount: amount(minor),
        creditDebit: 'credit',
        status: 'booked',
        transferAccountId: checking.id,
      });
    }
    if (dayOfCycle === 20 && card) {
      const minor = between(150, 600) * 100;
      result.push({
        accountId: checking.id,
        daysAgo,
        description: 'CARD PAYMENT ONLINE',
        amount: amount(minor),
        creditDebit: 'debit',
        status: 'booked',
        transferAccountId: card.id,
      });
      result.push({
        accountId: card.id,
        daysAgo,
        description: 'PAYMENT THANK YOU',
        amount: amount(minor),
        creditDebit: 'credit',
        status: 'booked',
        transferAccountId: checking.id,
      });
    }
  }
  return result;
}

/**
 * What will leave the checking account in the next weeks: each saved biller as a monthly
 * direct debit (the amount of its last collection), each saved person as a
 * monthly standing order, and the rent, paid last month, as a scheduled payment.
 */
function upcomingOf(customer: Customer): UpcomingBill[] {
  const random = seededRandom(`${customer.id}-upcoming`);
  const checking = customer.accounts.find((a) => a.type === 'checking');
  if (!checking) return [];
  const amount = (minor: number) => toDecimal({ minor, currency: checking.currency });
  const bills: UpcomingBill[] = [];
  customer.payees.forEach((payee, i) => {
    const base = { id: `${customer.id}-up-${i}`, accountId: checking.id, payee: payee.name, dueInDays: 2 + i * 3 };
    if (payee.kind === 'person')
      bills.push({ ...base, kind: 'standing_order', amount: amount((5 + Math.floor(random() * 20)) * 1000) });
    else bills.push({ ...base, kind: 'direct_debit', amount: amount(2000 + Math.floor(random() * 10000)) });
  });
  const rent = customer.transactions.find((t) => /\b(rent|alquiler)\b/i.test(t.description));
  if (rent)
    bills.push({
      id: `${customer.id}-up-rent`,
      accountId: rent.accountId,
      kind: 'scheduled',
      payee: rent.description,
      dueInDays: Math.max(30 - rent.daysAgo, 1),
      amount: rent.amount,
    });
  return bills.sort((a, b) => a.dueInDays - b.dueInDays);
}

/** The same fixture always gives the same history. */
export function generateHistory(fixture: SandboxFixture): SandboxHistory {
  return {
    about:
      "Generated by `npm run fixtures:history` (src/bank/sandbox/history.ts) from fixtures/sandbox-bank.json; do not edit by hand. Older history for each customer, 32 to 215 days ago, loaded alongside sandbox-bank.json. merchantCategoryCode is the ISO 18245 code; transferAccountId names the customer's own account on the other side of a transfer.",
    customers: Object.fromEntries(
      fixture.customers.map((customer) => [
        customer.id,
        { transactions: historyOf(customer), upcoming: upcomingOf(customer) },
      ]),
    ),
  };
}

/** One transaction a line: diffs stay readable and the file small. */
export function historyJson(history: SandboxHistory): string {
  const lines = (items: readonly object[]) => items.map((item) => `        ${JSON.stringify(item)}`).join(',\n');
  const customers = Object.entries(history.customers).map(
    ([id, { transactions, upcoming }]) =>
      `    ${JSON.stringify(id)}: {\n      "transactions": [\n${lines(transactions)}\n      ],\n      "upcoming": [\n${lines(upcoming)}\n      ]\n    }`,
  );
  return `{\n  "about": ${JSON.stringify(history.about)},\n  "customers": {\n${customers.join(',\n')}\n  }\n}\n`;
}
