/** The pure mapping and time helpers behind the routes. */
import type { SandboxAccount } from '../../src/bank/openbanking/sandbox/bank';
import { accountScheme, toObBalances } from '../../src/bank/openbanking/sandbox/mapping';
import { queryWallClock, startOfLocalDay, zonedDateTime } from '../../src/bank/openbanking/sandbox/time';

const deposit: SandboxAccount = {
  id: 'a',
  type: 'checking',
  number: '12345678',
  currency: 'GBP',
  current: '0.00',
  available: '0.00',
};

describe('toObBalances', () => {
  it('marks a negative deposit balance as a Debit of its absolute amount', () => {
    expect(toObBalances(deposit, { availableMinor: -1050, currentMinor: -99 }, '2025-01-01T00:00:00Z')).toEqual([
      {
        AccountId: 'a',
        CreditDebitIndicator: 'Debit',
        Type: 'InterimAvailable',
        DateTime: '2025-01-01T00:00:00Z',
        Amount: { Amount: '10.50', Currency: 'GBP' },
      },
      {
        AccountId: 'a',
        CreditDebitIndicator: 'Debit',
        Type: 'InterimBooked',
        DateTime: '2025-01-01T00:00:00Z',
        Amount: { Amount: '0.99', Currency: 'GBP' },
      },
    ]);
  });

  it('gives an overpaid card a Credit', () => {
    const card: SandboxAccount = {
      id: 'c',
      type: 'credit_card',
      number: '4000001234567899',
      currency: 'EUR',
      current: '0.00',
    };
    expect(toObBalances(card, { currentMinor: -500 }, 'x')[0]).toMatchObject({
      CreditDebitIndicator: 'Credit',
      Amount: { Amount: '5.00' },
    });
  });
});

describe('accountScheme', () => {
  it.each([
    ['GB82 WEST 1234 5698 7654 32', 'checking', 'UK.OBIE.IBAN'],
    ['ES9121000418450200051332', 'savings', 'UK.OBIE.IBAN'],
    ['40-47-84 70872490', 'checking', 'UK.OBIE.SortCodeAccountNumber'],
    ['000123454217', 'checking', 'UK.OBIE.SortCodeAccountNumber'],
    ['5454545454545454', 'credit_card', 'UK.OBIE.PAN'],
  ] as const)('%s (%s) → %s', (number, type, scheme) => {
    expect(accountScheme({ ...deposit, number, type })).toBe(scheme);
  });
});

describe('time', () => {
  it('finds the start of a local day across daylight-saving changes', () => {
    expect(zonedDateTime(startOfLocalDay('2025-03-09', 'America/New_York'), 'America/New_York')).toBe(
      '2025-03-09T00:00:00-05:00',
    );
    expect(zonedDateTime(startOfLocalDay('2025-03-10', 'America/New_York'), 'America/New_York')).toBe(
      '2025-03-10T00:00:00-04:00',
    );
    expect(zonedDateTime(startOfLocalDay('2025-10-26', 'Europe/Madrid'), 'Europe/Madrid')).toBe(
      '2025-10-26T00:00:00+02:00',
    );
    expect(zonedDateTime(startOfLocalDay('2025-06-01', 'Asia/Kolkata'), 'Asia/Kolkata')).toBe(
      '2025-06-01T00:00:00+05:30',
    );
  });

  it('reads query date-times as wall clocks, ignoring any zone', () => {
    expect(queryWallClock('2025-03-09')).toBe('2025-03-09T00:00:00');
    expect(queryWallClock('2025-03-09T10:11:12.345-07:00')).toBe('2025-03-09T10:11:12');
    expect(queryWallClock('2025-03-09T10:11:12Z')).toBe('2025-03-09T10:11:12');
    expect(queryWallClock('2025-02-29')).toBeUndefined();
    expect(queryWallClock('2025-03-09T24:00:00')).toBeUndefined();
    expect(queryWallClock('March 9')).toBeUndefined();
  });
});
