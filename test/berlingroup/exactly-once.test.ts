/**
 * Exactly once without an idempotency header: the connector against the sandbox Berlin
 * Group bank, with a bank that does not replay X-Request-IDs. A payment id once recorded
 * is read back, never paid again; a lost answer is found in the account report by its
 * endToEndId, or stays unknown without a second request; a bank's refusal frees the key.
 */
import pino from 'pino';
import type { PaymentOrder } from '../../src/bank/connector';
import { createBerlinGroupConnector } from '../../src/bank/berlingroup/connector';
import { requestIdFor } from '../../src/bank/berlingroup/payments';
import { bankPaymentRequests } from '../../src/store/bank-payment-requests';
import { enrolledPayees } from '../../src/store/enrolled-payees';
import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/open';
import { FIXED_NOW } from '../support/app';
import { ANA, JOHN, startBerlinGroup, WARM_UP_MS, type RunningBerlinGroup } from './helpers';

let bank: RunningBerlinGroup;
let db: Db;
let connector: ReturnType<typeof createBerlinGroupConnector>;

const order = (key: string, minor = 1500): PaymentOrder => ({
  idempotencyKey: key,
  sourceAccountId: 'acc-ana-chk',
  destination: { kind: 'payee', payeeId: 'iberdrola' },
  amount: { minor, currency: 'EUR' },
  reference: 'Saldo voice payment',
});
const posts = () => bank.app.payments().length;

beforeAll(async () => {
  bank = await startBerlinGroup({ sca: 'exempted' });
  db = await openStore('sqlite::memory:');
  const payees = enrolledPayees(db);
  connector = createBerlinGroupConnector({
    id: 'banco-berlin',
    baseUrl: bank.baseUrl,
    locale: 'es-ES',
    timeZone: 'Europe/Madrid',
    consentValidityDays: 30,
    frequencyPerDay: 100,
    sca: 'decoupled',
    paymentProduct: 'sepa-credit-transfers',
    tppIpAddress: '192.0.2.10',
    requestIdReplay: false,
    standingOrders: false,
    approvalWaitMs: 200,
    pollIntervalMs: 50,
    payees: [{ id: 'iberdrola', name: 'Iberdrola', iban: 'ES6000491500051234567892', aliases: [], kind: 'biller' }],
    enrolledPayees: (customerId) => payees.list('banco-berlin', customerId),
    requests: bankPaymentRequests(db, 'banco-berlin'),
    resilience: { callTimeoutMs: 5000, readAttempts: 1, breakerFailures: 50, breakerHalfOpenMs: 1000 },
    log: pino({ level: 'silent' }),
    now: () => FIXED_NOW,
  });
}, WARM_UP_MS);
afterAll(async () => {
  await bank.close();
  await db.close();
});
afterEach(() => {
  bank.app.faults.clear();
  expect(bank.app.responseValidationErrors).toEqual([]);
});

it('derives one X-Request-ID per payment and bank', () => {
  expect(requestIdFor('banco-berlin', 'saldo-a')).toBe(requestIdFor('banco-berlin', 'saldo-a'));
  expect(requestIdFor('banco-berlin', 'saldo-a')).not.toBe(requestIdFor('banco-berlin', 'saldo-b'));
  expect(requestIdFor('other-bank', 'saldo-a')).not.toBe(requestIdFor('banco-berlin', 'saldo-a'));
  expect(requestIdFor('banco-berlin', 'saldo-a')).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});

it('reads a recorded payment back instead of paying it again', async () => {
  const before = posts();
  const first = await connector.makePayment(ANA, order('saldo-recorded'));
  const again = await connector.makePayment(ANA, order('saldo-recorded'));
  expect(first.status).toBe('completed');
  expect(again).toEqual(first);
  expect(posts()).toBe(before + 1);
  const [sent] = bank.app.payments().slice(-1);
  expect(sent?.requestId).toBe(requestIdFor('banco-berlin', 'saldo-recorded'));
  expect(sent?.body.endToEndIdentification).toBe('saldo-recorded');
});

it("finds a payment whose answer was lost in the account's report by its endToEndId", async () => {
  bank.app.faults.set({ method: 'POST', path: /\/payments\//, afterHandling: true, resetConnection: true, times: 1 });
  const before = posts();
  await expect(connector.makePayment(ANA, order('saldo-lost-answer', 1700))).rejects.toThrow();
  expect(posts()).toBe(before + 1);
  const settled = await connector.makePayment(ANA, order('saldo-lost-answer', 1700));
  expect(settled.status).toBe('completed');
  expect(posts()).toBe(before + 1);
});

it('never sends a second request while a lost one is not in the report', async () => {
  bank.app.faults.set({ method: 'POST', path: /\/payments\//, resetConnection: true, times: 1 });
  const before = posts();
  await expect(connector.makePayment(ANA, order('saldo-never-arrived', 1900))).rejects.toThrow();
  await expect(connector.makePayment(ANA, order('saldo-never-arrived', 1900))).rejects.toThrow(/not known yet/);
  expect(posts()).toBe(before);
});

it("frees the key when the bank's answer proves it created nothing", async () => {
  bank.app.faults.set({ method: 'POST', path: /\/payments\//, status: 400, times: 1 });
  const before = posts();
  const refused = await connector.makePayment(ANA, order('saldo-refused', 2100));
  expect(refused).toMatchObject({ status: 'rejected', reason: 'rejected_by_bank' });
  expect(await db.query('SELECT 1 FROM bank_payment_requests WHERE idempotency_key = ?', ['saldo-refused'])).toEqual(
    [],
  );
  expect(posts()).toBe(before);
});

it('pays a payee the customer enrolled in Saldo, whose enrolment is audited by name only', async () => {
  await enrolledPayees(db).enrol(
    'banco-berlin',
    'acc-john-chk',
    { id: 'mary', name: 'Mary Carter', kind: 'person', aliases: ['mom'], account: 'DE89370400440532013000' },
    FIXED_NOW.getTime(),
  );
  const payees = await connector.listPayees(JOHN);
  expect(payees.map((p) => p.name)).toEqual(['Iberdrola', 'Mary Carter']);
  const paid = await connector.makePayment(JOHN, {
    ...order('saldo-to-mom', 2500),
    sourceAccountId: 'acc-john-chk',
    destination: { kind: 'payee', payeeId: 'mary' },
    amount: { minor: 2500, currency: 'USD' },
  });
  expect(paid.status).toBe('completed');
  expect(bank.app.payments().slice(-1)[0]?.body).toMatchObject({
    creditorName: 'Mary Carter',
    creditorAccount: { iban: 'DE89370400440532013000' },
    debtorAccount: { bban: '000123454217' },
  });
  const audit = await db.query<{ event: string; details: string }>('SELECT event, details FROM audit_log');
  expect(audit).toEqual([{ event: 'payee.enrolled', details: JSON.stringify({ payee: 'Mary Carter' }) }]);
  expect(JSON.stringify(audit)).not.toContain('DE89370400440532013000');
});
