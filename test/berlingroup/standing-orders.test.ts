/**
 * A Berlin Group standing order's next execution, from what 1.3.11's standingOrderDetails
 * carry: start date, frequency (with multiplicator), day of execution, end date.
 */
import { nextExecution, standingOrderFrom } from '../../src/bank/berlingroup/mapping';

const TODAY = '2026-11-29';

describe('nextExecution', () => {
  it('steps monthly from the start date to the first day of execution on or after today', () => {
    expect(nextExecution({ startDate: '2026-06-07', frequency: 'Monthly', dayOfExecution: '7' }, TODAY)).toBe(
      '2026-12-07',
    );
    // Today itself is still to come.
    expect(nextExecution({ startDate: '2026-01-29', frequency: 'Monthly', dayOfExecution: '29' }, TODAY)).toBe(TODAY);
  });

  it('takes 31 (and any day a month lacks) as the last day of the month', () => {
    expect(nextExecution({ startDate: '2026-01-31', frequency: 'Monthly', dayOfExecution: '31' }, TODAY)).toBe(
      '2026-11-30',
    );
    expect(nextExecution({ startDate: '2027-01-31', frequency: 'Monthly', dayOfExecution: '31' }, '2027-02-01')).toBe(
      '2027-02-28',
    );
  });

  it('defaults the day of execution to the start date’s and waits for a start in the future', () => {
    expect(nextExecution({ startDate: '2027-01-15', frequency: 'Quarterly' }, TODAY)).toBe('2027-01-15');
    expect(nextExecution({ startDate: '2026-02-15', frequency: 'Quarterly' }, TODAY)).toBe('2027-02-15');
  });

  it('multiplies the frequency, and steps days for daily and weekly ones', () => {
    expect(nextExecution({ startDate: '2026-11-02', frequency: 'Weekly', multiplicator: 3 }, TODAY)).toBe('2026-12-14');
    expect(nextExecution({ startDate: '2026-11-16', frequency: 'EveryTwoWeeks' }, TODAY)).toBe('2026-11-30');
    expect(nextExecution({ startDate: '2026-06-10', frequency: 'Monthly', multiplicator: 2 }, TODAY)).toBe(
      '2026-12-10',
    );
  });

  it('keeps to the listed months of a MonthlyVariable order', () => {
    expect(
      nextExecution(
        {
          startDate: '2026-01-05',
          frequency: 'MonthlyVariable',
          monthsOfExecution: ['1', '4', '10'],
          dayOfExecution: '5',
        },
        TODAY,
      ),
    ).toBe('2027-01-05');
  });

  it('gives nothing after the end date or for a frequency the spec does not define', () => {
    expect(
      nextExecution(
        { startDate: '2026-01-07', frequency: 'Monthly', dayOfExecution: '7', endDate: '2026-12-01' },
        TODAY,
      ),
    ).toBeUndefined();
    expect(nextExecution({ startDate: '2026-01-07', frequency: 'Fortnightly' }, TODAY)).toBeUndefined();
    expect(nextExecution({ startDate: 'soon', frequency: 'Monthly' }, TODAY)).toBeUndefined();
  });
});

describe('standingOrderFrom', () => {
  it('names the creditor and the unsigned amount; one that has run out is left out', () => {
    const entry = {
      transactionId: 'so-1',
      creditorName: 'Laura Martínez',
      transactionAmount: { currency: 'EUR', amount: '-120.00' },
      additionalInformationStructured: {
        standingOrderDetails: { startDate: '2026-06-07', frequency: 'Monthly', dayOfExecution: '7' },
      },
    };
    expect(standingOrderFrom(entry, 'acc-1', 0, TODAY)).toEqual({
      id: 'so-1',
      accountId: 'acc-1',
      kind: 'standing_order',
      payee: 'Laura Martínez',
      dueDate: '2026-12-07',
      amount: { minor: 12000, currency: 'EUR' },
    });
    const ended = {
      ...entry,
      additionalInformationStructured: {
        standingOrderDetails: { ...entry.additionalInformationStructured.standingOrderDetails, endDate: '2026-11-07' },
      },
    };
    expect(standingOrderFrom(ended, 'acc-1', 0, TODAY)).toBeUndefined();
  });
});
