/** GET /accounts/{AccountId}/transactions: shape, order, date filters and paging. */
import {
  AIS,
  ANA,
  JOHN,
  expectObError,
  johnInitiation,
  pay,
  startSandbox,
  walkTransactions,
  type RunningSandbox,
} from './helpers';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';

const HAND_WRITTEN = loadSandboxFixture(undefined, { withHistory: false });
let sandbox: RunningSandbox;

beforeAll(async () => {
  // Pages and counts of the hand-written month; the generated history is tested in test/insights.
  sandbox = await startSandbox({ fixture: HAND_WRITTEN });
});
afterAll(() => sandbox.close());
afterEach(() => expect(sandbox.app.responseValidationErrors).toEqual([]));

const CHECKING = `${AIS}/accounts/acc-john-chk/transactions`;

describe('a page of transactions', () => {
  it('gives five, newest first, as OBTransaction6 records', async () => {
    const response = await sandbox.get(JOHN, CHECKING).expect(200);
    expect(response.body.Data.Transaction).toEqual([
      {
        AccountId: 'acc-john-chk',
        TransactionId: 'cust-john-tx-0',
        CreditDebitIndicator: 'Debit',
        Status: 'Pending',
        BookingDateTime: '2025-03-12T00:00:00-04:00',
        TransactionInformation: 'Starbucks',
        Amount: { Amount: '5.75', Currency: 'USD' },
      },
      {
        AccountId: 'acc-john-chk',
        TransactionId: 'cust-john-tx-1',
        CreditDebitIndicator: 'Debit',
        Status: 'Booked',
        BookingDateTime: '2025-03-11T00:00:00-04:00',
        TransactionInformation: 'Whole Foods Market',
        Amount: { Amount: '82.14', Currency: 'USD' },
      },
      {
        AccountId: 'acc-john-chk',
        TransactionId: 'cust-john-tx-2',
        CreditDebitIndicator: 'Credit',
        Status: 'Booked',
        BookingDateTime: '2025-03-10T00:00:00-04:00',
        TransactionInformation: 'Payroll Acme Corp',
        Amount: { Amount: '2450.00', Currency: 'USD' },
      },
      {
        AccountId: 'acc-john-chk',
        TransactionId: 'cust-john-tx-3',
        CreditDebitIndicator: 'Debit',
        Status: 'Booked',
        // New York's clocks went forward at 02:00 that day: midnight was still EST.
        BookingDateTime: '2025-03-09T00:00:00-05:00',
        TransactionInformation: 'POS 5454545454545454 SHELL OIL 5731',
        Amount: { Amount: '41.20', Currency: 'USD' },
      },
      {
        AccountId: 'acc-john-chk',
        TransactionId: 'cust-john-tx-4',
        CreditDebitIndicator: 'Debit',
        Status: 'Booked',
        BookingDateTime: '2025-03-07T00:00:00-05:00',
        TransactionInformation: 'Netflix',
        Amount: { Amount: '15.49', Currency: 'USD' },
      },
    ]);
    expect(response.body.Meta).toEqual({ TotalPages: 3 });
    expect(response.body.Links).toEqual({
      Self: `${sandbox.baseUrl}${CHECKING}?page=1`,
      First: `${sandbox.baseUrl}${CHECKING}?page=1`,
      Next: `${sandbox.baseUrl}${CHECKING}?page=2`,
      Last: `${sandbox.baseUrl}${CHECKING}?page=3`,
    });
  });

  it("uses the customer's offset for every booking date-time", async () => {
    const response = await sandbox.get(ANA, `${AIS}/accounts/acc-ana-chk/transactions`).expect(200);
    expect(response.body.Data.Transaction[0]).toMatchObject({
      TransactionInformation: 'Mercadona',
      BookingDateTime: '2025-03-11T00:00:00+01:00',
    });
  });

  it('has Prev and no Next on the last page', async () => {
    const response = await sandbox.get(JOHN, `${CHECKING}?page=3`).expect(200);
    expect(response.body.Data.Transaction.map((t: { TransactionId: string }) => t.TransactionId)).toEqual([
      'cust-john-tx-10',
      'cust-john-tx-11',
    ]);
    expect(response.body.Links.Prev).toBe(`${sandbox.baseUrl}${CHECKING}?page=2`);
    expect(response.body.Links.Next).toBeUndefined();
  });
});

describe('paging', () => {
  it('gives every transaction exactly once when Links.Next is followed', async () => {
    const { transactions, pages } = await walkTransactions(sandbox, JOHN, CHECKING);
    expect(pages).toBe(3);
    const ids = transactions.map((t) => t.TransactionId);
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `cust-john-tx-${i}`));
    expect(new Set(ids).size).toBe(12);
    const times = transactions.map((t) => Date.parse(t.BookingDateTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('keeps TransactionIds stable between calls', async () => {
    const first = await walkTransactions(sandbox, JOHN, CHECKING);
    const second = await walkTransactions(sandbox, JOHN, CHECKING);
    expect(second.transactions).toEqual(first.transactions);
  });

  it('takes a configurable page size', async () => {
    const small = await startSandbox({ pageSize: 2, fixture: HAND_WRITTEN });
    try {
      const response = await small.get(JOHN, CHECKING).expect(200);
      expect(response.body.Data.Transaction).toHaveLength(2);
      expect(response.body.Meta.TotalPages).toBe(6);
      const { transactions, pages } = await walkTransactions(small, JOHN, CHECKING);
      expect(pages).toBe(6);
      expect(transactions).toHaveLength(12);
    } finally {
      await small.close();
    }
    expect(small.app.responseValidationErrors).toEqual([]);
  });

  it('refuses a page past the end, or one that is not a positive integer', async () => {
    expectObError((await sandbox.get(JOHN, `${CHECKING}?page=4`).expect(400)).body, 'UK.OBIE.Field.Invalid');
    expectObError((await sandbox.get(JOHN, `${CHECKING}?page=0`).expect(400)).body, 'UK.OBIE.Field.Invalid');
    expectObError((await sandbox.get(JOHN, `${CHECKING}?page=two`).expect(400)).body, 'UK.OBIE.Field.Invalid');
  });

  it('gives an empty list one empty page', async () => {
    const query = new URLSearchParams({ fromBookingDateTime: '2030-01-01T00:00:00Z' });
    const response = await sandbox.get(JOHN, `${CHECKING}?${query}`).expect(200);
    expect(response.body.Data.Transaction).toEqual([]);
    expect(response.body.Meta.TotalPages).toBe(1);
    expect(response.body.Links.Next).toBeUndefined();
  });
});

describe('booking date-time filters', () => {
  it("filters inclusively on the customer's wall clock, as the connector asks", async () => {
    const query = new URLSearchParams({
      fromBookingDateTime: '2025-03-09T00:00:00',
      toBookingDateTime: '2025-03-11T23:59:59',
    });
    const { transactions } = await walkTransactions(sandbox, JOHN, `${CHECKING}?${query}`);
    expect(transactions.map((t) => t.TransactionInformation)).toEqual([
      'Whole Foods Market',
      'Payroll Acme Corp',
      'POS 5454545454545454 SHELL OIL 5731',
    ]);
  });

  it('ignores a time zone in the parameter, as the spec says, and accepts a bare date', async () => {
    const withZone = new URLSearchParams({
      fromBookingDateTime: '2025-03-09T00:00:00+09:00',
      toBookingDateTime: '2025-03-11T23:59:59Z',
    });
    const bare = new URLSearchParams({
      fromBookingDateTime: '2025-03-09',
      toBookingDateTime: '2025-03-11T23:59:59.000',
    });
    const a = await walkTransactions(sandbox, JOHN, `${CHECKING}?${withZone}`);
    const b = await walkTransactions(sandbox, JOHN, `${CHECKING}?${bare}`);
    expect(a.transactions).toHaveLength(3);
    expect(b.transactions).toEqual(a.transactions);
  });

  it('keeps the filters in Links.Next', async () => {
    const query = new URLSearchParams({ fromBookingDateTime: '2025-02-01T00:00:00' });
    const response = await sandbox.get(JOHN, `${CHECKING}?${query}`).expect(200);
    const next = new URL(response.body.Links.Next as string);
    expect(next.searchParams.get('fromBookingDateTime')).toBe('2025-02-01T00:00:00');
    expect(next.searchParams.get('page')).toBe('2');
  });

  it('rejects a date-time that is not one', async () => {
    for (const value of ['yesterday', '2025-02-30T00:00:00', '2025-03-01T25:00:00']) {
      const response = await sandbox
        .get(JOHN, `${CHECKING}?${new URLSearchParams({ fromBookingDateTime: value })}`)
        .expect(400);
      expectObError(response.body, 'UK.OBIE.Field.InvalidDate');
    }
  });

  it('rejects query parameters the spec does not have', async () => {
    const response = await sandbox.get(JOHN, `${CHECKING}?limit=3`).expect(400);
    expectObError(response.body, 'UK.OBIE.Field.Invalid');
  });
});

describe('executed payments', () => {
  it('appear first, booked now, with their ledger description', async () => {
    const { payment } = await pay(sandbox, JOHN, johnInitiation({ amount: '12.34', id: 'tx-list' }), 'tx-list-key');
    expect(payment.status).toBe(201);
    const response = await sandbox.get(JOHN, CHECKING).expect(200);
    expect(response.body.Data.Transaction[0]).toEqual({
      AccountId: 'acc-john-chk',
      TransactionId: `${payment.body.Data.DomesticPaymentId}-0`,
      CreditDebitIndicator: 'Debit',
      Status: 'Booked',
      BookingDateTime: '2025-03-12T11:00:00-04:00',
      TransactionInformation: 'Payment to City Power',
      Amount: { Amount: '12.34', Currency: 'USD' },
    });
    expect(response.body.Meta.TotalPages).toBe(3);
    const { transactions } = await walkTransactions(sandbox, JOHN, CHECKING);
    expect(transactions).toHaveLength(13);
  });
});
