/** Merchant names, categories and what counts as spending, on hand-picked cases. */
import type { Transaction } from '../../src/bank/connector';
import { transactionFrom } from '../../src/bank/openbanking/mapping';
import { categoryOf, categoryOfCode, categoryOfDescription } from '../../src/core/spending/categories';
import { matchMerchants, merchantName } from '../../src/core/spending/merchants';
import { spendingTotals } from '../../src/core/spending/totals';
import { previousPeriod } from '../../src/core/handlers/spending';

const named = (description: string, merchant?: string) => merchantName({ description, merchantName: merchant });

describe('merchant names', () => {
  it.each([
    ['SQ *BLUE BOTTLE COFFEE', 'Blue Bottle Coffee'],
    ['STARBUCKS #1234', 'Starbucks'],
    ['STARBUCKS 0456', 'Starbucks'],
    ['MERCADONA 0456', 'Mercadona'],
    ['AMZN MKTP US*2K4L50956', 'Amazon'],
    ['AMAZON.ES*MK81234', 'Amazon'],
    ['NETFLIX.COM', 'Netflix'],
    ['UBER *TRIP HELP.UBER.COM', 'Uber'],
    ['TST* SHAKE SHACK 123', 'Shake Shack'],
    ['POS 5454545454545454 SHELL OIL 5731', 'Shell Oil'],
    ['TARGET 0002280', 'Target'],
    ['Whole Foods Market', 'Whole Foods Market'],
    ['CVS/PHARMACY #01234', 'Cvs Pharmacy'],
    // Name, store number, city and state, as card networks write them: the place is not the merchant.
    ["TRADER JOE'S 932 NEW YORK NY", "Trader Joe's"],
    ['STARBUCKS 2350 SEATTLE WA', 'Starbucks'],
  ])('%s is %s', (description, name) => {
    expect(named(description)).toBe(name);
  });

  it("prefers the bank's merchant name to the description", () => {
    expect(named('CARD 1234 REF 99812', 'Blue Bottle Coffee')).toBe('Blue Bottle Coffee');
  });

  it('never keeps a card number, a store number or a reference', () => {
    for (const description of ['POS 5454545454545454 SHELL OIL 5731', 'AMZN MKTP US*2K4L50956', 'ZARA 4412'])
      expect(named(description)).not.toMatch(/\d/);
  });
});

describe('matching what the customer said', () => {
  const names = ['Starbucks', 'Starbucks Coffee', 'Blue Bottle Coffee', 'Amazon', 'Mercadona', 'Shell Oil'];
  it.each([
    ['starbucks', ['Starbucks', 'Starbucks Coffee']],
    ['the blue bottle', ['Blue Bottle Coffee']],
    ['star bucks', ['Starbucks']],
    ['mercadonna', ['Mercadona']],
    ['el mercadona', ['Mercadona']],
    ['Shell', ['Shell Oil']],
    ['costco', []],
  ])('"%s" → %j', (said, expected) => {
    expect(matchMerchants(said, names)).toEqual(expected);
  });
});

describe('categories', () => {
  it.each([
    ['5411', 'groceries'],
    ['5814', 'eating_out'],
    ['4121', 'transport'],
    ['3058', 'transport'],
    ['4900', 'utilities'],
    ['5310', 'shopping'],
    ['7832', 'entertainment'],
    ['5912', 'health'],
    ['6011', 'cash'],
    ['7011', undefined],
  ])('code %s is %s', (code, category) => {
    expect(categoryOfCode(code)).toBe(category);
  });

  it.each([
    ['Whole Foods Market', 'groceries'],
    ["Trader Joe's", 'groceries'],
    ['Chipotle', 'eating_out'],
    ['POS 5454545454545454 SHELL OIL 5731', 'transport'],
    ['Payment to City Power', 'utilities'],
    ['El Corte Inglés', 'shopping'],
    ['Farmacia Ldo García', 'health'],
    ['Oak Street Apartments Rent', undefined],
  ])('without a code, "%s" is %s', (description, category) => {
    expect(categoryOfDescription(description)).toBe(category);
  });

  it("takes the bank's code over the words", () => {
    const t = { description: 'STARBUCKS RESERVE', merchantCategoryCode: '5411' } as Transaction;
    expect(categoryOf(t)).toBe('groceries');
  });
});

const tx = (over: Partial<Transaction>): Transaction => ({
  id: Math.random().toString(36),
  accountId: 'a',
  bookingDate: '2026-11-10',
  status: 'booked',
  amount: { minor: 1000, currency: 'USD' },
  creditDebit: 'debit',
  description: 'STARBUCKS 1234',
  merchantCategoryCode: '5814',
  ...over,
});

describe('what counts', () => {
  const november = { from: '2026-11-01', to: '2026-11-30' };

  it('nets refunds, leaves out own-account transfers, and counts purchases only', () => {
    const totals = spendingTotals(
      [
        tx({}),
        tx({ amount: { minor: 2500, currency: 'USD' } }),
        tx({ creditDebit: 'credit', amount: { minor: 500, currency: 'USD' } }),
        tx({ description: 'TRANSFER TO SAVINGS', merchantCategoryCode: undefined, ownAccountTransfer: true }),
        tx({ description: 'PAYROLL', merchantCategoryCode: undefined, creditDebit: 'credit' }),
        tx({ bookingDate: '2026-10-31' }),
      ],
      { range: november },
    );
    expect(totals).toEqual([{ currency: 'USD', minor: 3000, purchases: 2 }]);
  });

  it('keeps currencies apart', () => {
    const totals = spendingTotals([tx({}), tx({ amount: { minor: 700, currency: 'EUR' } })], { range: november });
    expect(totals).toEqual([
      { currency: 'USD', minor: 1000, purchases: 1 },
      { currency: 'EUR', minor: 700, purchases: 1 },
    ]);
  });

  it('puts a purchase in the month of the customer’s own clock, not UTC', () => {
    const ob = (at: string) =>
      transactionFrom(
        {
          AccountId: 'a',
          TransactionId: at,
          Status: 'Booked',
          BookingDateTime: at,
          CreditDebitIndicator: 'Debit',
          Amount: { Amount: '10.00', Currency: 'USD' },
          TransactionInformation: 'STARBUCKS 1234',
        },
        'America/New_York',
      )!;
    // 23:30 on 31 October in New York is already 1 November in UTC; an hour later it is November in both.
    const late = ob('2026-11-01T03:30:00Z');
    const early = ob('2026-11-01T04:30:00Z');
    expect(late.bookingDate).toBe('2026-10-31');
    expect(spendingTotals([late, early], { range: { from: '2026-10-01', to: '2026-10-31' } })).toEqual([
      { currency: 'USD', minor: 1000, purchases: 1 },
    ]);
    expect(spendingTotals([late, early], { range: november })).toEqual([
      { currency: 'USD', minor: 1000, purchases: 1 },
    ]);
  });

  it('compares a month with the month before, and other periods with as many days before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-11-23', to: '2026-11-29' })).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });
});
