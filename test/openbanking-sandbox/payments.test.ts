/**
 * Domestic payment consents and payments: authorised at once, executed exactly once per
 * x-idempotency-key through the shared ledger, refused when they do not add up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/open';
import {
  AIS,
  ANA,
  JOHN,
  PIS,
  balancesOf,
  consentBody,
  expectObError,
  johnInitiation,
  pay,
  paymentBody,
  startSandbox,
  type RunningSandbox,
} from './helpers';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => expect(sandbox.app.responseValidationErrors).toEqual([]));

async function ledgerRows(paymentId: string): Promise<number> {
  const rows = await sandbox.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sandbox_transactions WHERE id LIKE ?', [
    `${paymentId}-%`,
  ]);
  return Number(rows[0]?.n);
}

async function paymentsUnderKey(key: string): Promise<number> {
  const rows = await sandbox.db.query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM sandbox_payments WHERE idempotency_key = ?',
    [`ob:cust-john:${key}`],
  );
  return Number(rows[0]?.n);
}

describe('POST /domestic-payment-consents', () => {
  it('authorises the consent at once and echoes the initiation', async () => {
    const initiation = johnInitiation({ id: 'consent-1' });
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'consent-key-1')
      .expect(201);
    expect(response.body).toEqual({
      Data: {
        ConsentId: expect.stringMatching(/^pdc-/),
        CreationDateTime: '2025-03-12T11:00:00-04:00',
        Status: 'Authorised',
        StatusUpdateDateTime: '2025-03-12T11:00:00-04:00',
        Initiation: initiation,
      },
      Risk: {},
      Links: { Self: `${sandbox.baseUrl}${PIS}/domestic-payment-consents/${response.body.Data.ConsentId}` },
      Meta: {},
    });
    expect(response.headers['x-jws-signature']).toBe('eyJhbGciOiJub25lIn0..');
    const read = await sandbox
      .get(JOHN, `${PIS}/domestic-payment-consents/${response.body.Data.ConsentId}`)
      .expect(200);
    expect(read.body.Data).toEqual(response.body.Data);
  });

  it('answers a replay with the same consent, and a reused key with a different body with 400', async () => {
    const body = consentBody(johnInitiation({ id: 'consent-2' }));
    const first = await sandbox.post(JOHN, `${PIS}/domestic-payment-consents`, body, 'consent-key-2').expect(201);
    const again = await sandbox.post(JOHN, `${PIS}/domestic-payment-consents`, body, 'consent-key-2').expect(201);
    expect(again.body).toEqual(first.body);
    const other = await sandbox
      .post(
        JOHN,
        `${PIS}/domestic-payment-consents`,
        consentBody(johnInitiation({ id: 'consent-2', amount: '99.00' })),
        'consent-key-2',
      )
      .expect(400);
    expectObError(other.body, 'UK.OBIE.Header.Invalid');
  });

  it('accepts a transfer to one of the customer’s own accounts', async () => {
    const initiation = johnInitiation({
      creditor: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '000987650088', Name: 'John Carter' },
    });
    await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'consent-transfer')
      .expect(201);
  });

  it.each([
    [
      'a creditor that is not a saved beneficiary',
      johnInitiation({
        creditor: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '12345678', Name: 'Stranger' },
      }),
      'UK.OBIE.Field.Invalid',
    ],
    [
      "another customer's payee",
      johnInitiation({
        creditor: { SchemeName: 'UK.OBIE.IBAN', Identification: 'ES6000491500051234567892', Name: 'Iberdrola' },
      }),
      'UK.OBIE.Field.Invalid',
    ],
    [
      "another customer's debtor account",
      johnInitiation({ debtor: { SchemeName: 'UK.OBIE.IBAN', Identification: 'ES9121000418450200051332' } }),
      'UK.OBIE.Field.Invalid',
    ],
    [
      'a credit card as the debtor',
      johnInitiation({ debtor: { SchemeName: 'UK.OBIE.PAN', Identification: '5454545454545454' } }),
      'UK.OBIE.Unsupported.AccountIdentifier',
    ],
    ['no debtor account', johnInitiation({ debtor: null }), 'UK.OBIE.Field.Missing'],
    ['a currency the debtor does not hold', johnInitiation({ currency: 'EUR' }), 'UK.OBIE.Unsupported.Currency'],
    ['a zero amount', johnInitiation({ amount: '0.00' }), 'UK.OBIE.Field.Invalid'],
    ['more decimals than the currency has', johnInitiation({ amount: '1.005' }), 'UK.OBIE.Field.Invalid'],
    [
      'the wrong scheme for the payee',
      johnInitiation({ creditor: { SchemeName: 'UK.OBIE.IBAN', Identification: '88001234', Name: 'City Power' } }),
      'UK.OBIE.Unsupported.Scheme',
    ],
    [
      'the debtor as its own creditor',
      johnInitiation({
        creditor: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '000123454217', Name: 'John Carter' },
      }),
      'UK.OBIE.Field.Invalid',
    ],
  ])('refuses %s with 400', async (_name, initiation, errorCode) => {
    const response = await sandbox
      .post(
        JOHN,
        `${PIS}/domestic-payment-consents`,
        consentBody(initiation),
        `bad-${errorCode}-${Math.random()}`.slice(0, 40),
      )
      .expect(400);
    expectObError(response.body, errorCode);
  });

  it('does not show a consent to another customer', async () => {
    const created = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(johnInitiation({ id: 'private' })), 'consent-private')
      .expect(201);
    const response = await sandbox
      .get(ANA, `${PIS}/domestic-payment-consents/${created.body.Data.ConsentId}`)
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Resource.NotFound');
  });
});

describe('POST /domestic-payments', () => {
  it('executes the payment, moves the money and consumes the consent', async () => {
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    const initiation = johnInitiation({ amount: '25.50', id: 'pay-1' });
    const { consent, payment } = await pay(sandbox, JOHN, initiation, 'pay-key-1');
    expect(payment.status).toBe(201);
    expect(payment.body).toEqual({
      Data: {
        DomesticPaymentId: expect.stringMatching(/^dp-[0-9a-f]{32}$/),
        ConsentId: consent.body.Data.ConsentId,
        CreationDateTime: '2025-03-12T11:00:00-04:00',
        Status: 'AcceptedSettlementCompleted',
        StatusUpdateDateTime: '2025-03-12T11:00:00-04:00',
        Initiation: initiation,
      },
      Links: { Self: `${sandbox.baseUrl}${PIS}/domestic-payments/${payment.body.Data.DomesticPaymentId}` },
      Meta: {},
    });
    const after = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    expect(Number(before.InterimAvailable?.amount) - Number(after.InterimAvailable?.amount)).toBeCloseTo(25.5, 2);
    expect(Number(before.InterimBooked?.amount) - Number(after.InterimBooked?.amount)).toBeCloseTo(25.5, 2);

    const consentNow = await sandbox
      .get(JOHN, `${PIS}/domestic-payment-consents/${consent.body.Data.ConsentId}`)
      .expect(200);
    expect(consentNow.body.Data.Status).toBe('Consumed');
    const read = await sandbox.get(JOHN, `${PIS}/domestic-payments/${payment.body.Data.DomesticPaymentId}`).expect(200);
    expect(read.body.Data).toEqual(payment.body.Data);
    expect(read.headers['x-jws-signature']).toBeDefined();
  });

  it('answers a replay with the same payment and moves the money once', async () => {
    const initiation = johnInitiation({ amount: '10.00', id: 'replay' });
    const { consent, payment } = await pay(sandbox, JOHN, initiation, 'replay-key');
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    const replay = await sandbox
      .post(JOHN, `${PIS}/domestic-payments`, paymentBody(consent.body.Data.ConsentId, initiation), 'replay-key')
      .expect(201);
    expect(replay.body).toEqual(payment.body);
    expect(await balancesOf(sandbox, JOHN, 'acc-john-chk')).toEqual(before);
    expect(await ledgerRows(payment.body.Data.DomesticPaymentId)).toBe(1);
  });

  it('moves the money once for 10 concurrent identical requests', async () => {
    const initiation = johnInitiation({ amount: '7.77', id: 'concurrent' });
    const consent = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'concurrent-c')
      .expect(201);
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        sandbox.post(
          JOHN,
          `${PIS}/domestic-payments`,
          paymentBody(consent.body.Data.ConsentId, initiation),
          'concurrent-key',
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.body.Data.DomesticPaymentId as string));
    expect(ids.size).toBe(1);
    for (const r of responses) expect(r.body).toEqual(responses[0]?.body);
    const [paymentId] = [...ids];
    expect(await ledgerRows(paymentId ?? '')).toBe(1);
    expect(await paymentsUnderKey('concurrent-key')).toBe(1);
    const after = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    expect(Number(before.InterimAvailable?.amount) - Number(after.InterimAvailable?.amount)).toBeCloseTo(7.77, 2);
  });

  it('refuses an initiation that differs from the consent, moving nothing', async () => {
    const initiation = johnInitiation({ amount: '5.00', id: 'mismatch' });
    const consent = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'mismatch-c')
      .expect(201);
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    const tampered = { ...initiation, InstructedAmount: { Amount: '500.00', Currency: 'USD' } };
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payments`, paymentBody(consent.body.Data.ConsentId, tampered), 'mismatch-key')
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Resource.ConsentMismatch');
    const otherRisk = await sandbox
      .post(
        JOHN,
        `${PIS}/domestic-payments`,
        { ...paymentBody(consent.body.Data.ConsentId, initiation), Risk: { PaymentContextCode: 'BillPayment' } },
        'mismatch-key-2',
      )
      .expect(400);
    expectObError(otherRisk.body, 'UK.OBIE.Resource.ConsentMismatch');
    expect(await balancesOf(sandbox, JOHN, 'acc-john-chk')).toEqual(before);
    expect(
      (await sandbox.get(JOHN, `${PIS}/domestic-payment-consents/${consent.body.Data.ConsentId}`)).body.Data.Status,
    ).toBe('Authorised');
  });

  it('refuses a second payment on a consumed consent', async () => {
    const initiation = johnInitiation({ amount: '1.00', id: 'twice' });
    const { consent } = await pay(sandbox, JOHN, initiation, 'twice-key');
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payments`, paymentBody(consent.body.Data.ConsentId, initiation), 'twice-key-2')
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Resource.InvalidConsentStatus');
  });

  it('answers a reused key with a different body with 400', async () => {
    const initiation = johnInitiation({ amount: '2.00', id: 'reuse' });
    await pay(sandbox, JOHN, initiation, 'reuse-key');
    const second = await sandbox
      .post(
        JOHN,
        `${PIS}/domestic-payment-consents`,
        consentBody(johnInitiation({ amount: '3.00', id: 'reuse' })),
        'reuse-key-c2',
      )
      .expect(201);
    const response = await sandbox
      .post(
        JOHN,
        `${PIS}/domestic-payments`,
        paymentBody(second.body.Data.ConsentId, johnInitiation({ amount: '3.00', id: 'reuse' })),
        'reuse-key',
      )
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Header.Invalid');
  });

  it('rejects a payment the account cannot fund, moving nothing', async () => {
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    const { payment } = await pay(
      sandbox,
      JOHN,
      johnInitiation({ amount: '999999.00', id: 'too-much' }),
      'too-much-key',
    );
    expect(payment.status).toBe(201);
    expect(payment.body.Data.Status).toBe('Rejected');
    expect(await balancesOf(sandbox, JOHN, 'acc-john-chk')).toEqual(before);
    expect(await ledgerRows(payment.body.Data.DomesticPaymentId)).toBe(0);
  });

  it('transfers between own accounts: savings gains, a card owes less', async () => {
    const savingsBefore = await balancesOf(sandbox, JOHN, 'acc-john-sav');
    const cardBefore = await balancesOf(sandbox, JOHN, 'acc-john-cc');
    const toSavings = johnInitiation({
      amount: '100.00',
      id: 'to-savings',
      creditor: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '000987650088', Name: 'John Carter' },
    });
    const toCard = johnInitiation({
      amount: '42.10',
      id: 'to-card',
      creditor: { SchemeName: 'UK.OBIE.PAN', Identification: '5454545454545454', Name: 'John Carter' },
    });
    expect((await pay(sandbox, JOHN, toSavings, 'to-savings-key')).payment.body.Data.Status).toBe(
      'AcceptedSettlementCompleted',
    );
    expect((await pay(sandbox, JOHN, toCard, 'to-card-key')).payment.body.Data.Status).toBe(
      'AcceptedSettlementCompleted',
    );
    const savingsAfter = await balancesOf(sandbox, JOHN, 'acc-john-sav');
    expect(Number(savingsAfter.InterimAvailable?.amount) - Number(savingsBefore.InterimAvailable?.amount)).toBeCloseTo(
      100,
      2,
    );
    const cardAfter = await balancesOf(sandbox, JOHN, 'acc-john-cc');
    expect(Number(cardBefore.InterimBooked?.amount) - Number(cardAfter.InterimBooked?.amount)).toBeCloseTo(42.1, 2);
    expect(cardAfter.InterimBooked?.indicator).toBe('Debit');
    const savings = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-sav/transactions`).expect(200);
    expect(savings.body.Data.Transaction[0]).toMatchObject({
      CreditDebitIndicator: 'Credit',
      TransactionInformation: 'Transfer from Everyday Checking',
      Amount: { Amount: '100.00' },
    });
    const card = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-cc/transactions`).expect(200);
    expect(card.body.Data.Transaction[0]).toMatchObject({
      CreditDebitIndicator: 'Credit',
      TransactionInformation: 'Payment Thank You',
      Amount: { Amount: '42.10' },
    });
  });

  it("refuses another customer's consent and hides their payments", async () => {
    const { consent, payment } = await pay(sandbox, JOHN, johnInitiation({ amount: '1.50', id: 'johns' }), 'johns-key');
    const response = await sandbox
      .post(
        ANA,
        `${PIS}/domestic-payments`,
        paymentBody(consent.body.Data.ConsentId, johnInitiation({ amount: '1.50', id: 'johns' })),
        'anas-key',
      )
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Resource.NotFound');
    const read = await sandbox.get(ANA, `${PIS}/domestic-payments/${payment.body.Data.DomesticPaymentId}`).expect(400);
    expectObError(read.body, 'UK.OBIE.Resource.NotFound');
  });

  it('pays an IBAN beneficiary in euros', async () => {
    const initiation = {
      InstructionIdentification: 'ana-luz',
      EndToEndIdentification: 'ana-luz',
      InstructedAmount: { Amount: '78.45', Currency: 'EUR' },
      DebtorAccount: { SchemeName: 'UK.OBIE.IBAN', Identification: 'ES9121000418450200051332', Name: 'Ana García' },
      CreditorAccount: { SchemeName: 'UK.OBIE.IBAN', Identification: 'ES6000491500051234567892', Name: 'Iberdrola' },
    };
    const before = await balancesOf(sandbox, ANA, 'acc-ana-chk');
    const { payment } = await pay(sandbox, ANA, initiation, 'ana-luz-key');
    expect(payment.body.Data).toMatchObject({
      Status: 'AcceptedSettlementCompleted',
      CreationDateTime: '2025-03-12T16:00:00+01:00',
    });
    const after = await balancesOf(sandbox, ANA, 'acc-ana-chk');
    expect(Number(before.InterimBooked?.amount) - Number(after.InterimBooked?.amount)).toBeCloseTo(78.45, 2);
  });
});

describe('request validation', () => {
  const initiation = johnInitiation({ id: 'validation' });

  it('requires x-idempotency-key', async () => {
    const response = await sandbox.post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation)).expect(400);
    expectObError(response.body, 'UK.OBIE.Header.Missing');
    expect(response.body.Errors[0].Path).toBe('x-idempotency-key');
  });

  it('requires x-jws-signature (present; the sandbox does not verify it)', async () => {
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'no-jws')
      .unset('x-jws-signature')
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Header.Missing');
  });

  it('refuses an over-long idempotency key', async () => {
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'k'.repeat(41))
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Header.Invalid');
  });

  it.each([
    ['no Risk', { Data: { Initiation: initiation } }, 'UK.OBIE.Field.Missing'],
    [
      'no CreditorAccount.Name',
      consentBody({
        ...initiation,
        CreditorAccount: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '88001234' },
      }),
      'UK.OBIE.Field.Missing',
    ],
    [
      'a numeric Amount',
      consentBody({ ...initiation, InstructedAmount: { Amount: 25.5, Currency: 'USD' } }),
      'UK.OBIE.Field.Invalid',
    ],
    ['an unknown field', consentBody({ ...initiation, Memo: 'hi' }), 'UK.OBIE.Field.Invalid'],
  ])('refuses a body with %s', async (_name, body, errorCode) => {
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, body, `invalid-${errorCode}`.slice(0, 40))
      .expect(400);
    expectObError(response.body, errorCode);
  });

  it('answers a body that is not JSON at all with 415 and no body', async () => {
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, undefined, 'text-body')
      .set('content-type', 'text/plain')
      .send('pay City Power 25 dollars')
      .expect(415);
    expect(response.text).toBe('');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await sandbox
      .post(JOHN, `${PIS}/domestic-payment-consents`, undefined, 'not-json')
      .set('content-type', 'application/json')
      .send('{"Data": {')
      .expect(400);
    expectObError(response.body, 'UK.OBIE.Field.Invalid');
  });
});

describe('instances sharing one store', () => {
  it('see the same money, consents and payments', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ob-sandbox-'));
    const db = await openStore(`sqlite:${path.join(dir, 'bank.db')}`);
    const first = await startSandbox({ db });
    const second = await startSandbox({ db });
    try {
      const before = await balancesOf(second, JOHN, 'acc-john-chk');
      const initiation = johnInitiation({ amount: '20.00', id: 'shared' });
      const paid = await pay(first, JOHN, initiation, 'shared-key');
      const after = await balancesOf(second, JOHN, 'acc-john-chk');
      expect(Number(before.InterimBooked?.amount) - Number(after.InterimBooked?.amount)).toBeCloseTo(20, 2);
      // A retry that lands on the other instance gets the same consent and payment.
      const replay = await pay(second, JOHN, initiation, 'shared-key');
      expect(replay.consent.body.Data.ConsentId).toBe(paid.consent.body.Data.ConsentId);
      expect(replay.payment.body.Data).toEqual(paid.payment.body.Data);
      expect(await balancesOf(first, JOHN, 'acc-john-chk')).toEqual(after);
    } finally {
      await first.close();
      await second.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(first.app.responseValidationErrors).toEqual([]);
    expect(second.app.responseValidationErrors).toEqual([]);
  });
});
