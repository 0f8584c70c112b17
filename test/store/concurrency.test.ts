/**
 * Money moves once and PIN guesses are counted, however many confirmations arrive at
 * once, on every engine.
 */
import pino from 'pino';
import { readAudit } from '../../src/store/audit';
import { pinCredentials } from '../../src/store/pin-credentials';
import { createApplication, type Application } from '../../src/app/application';
import { TEST_PIN_COST } from '../support/app';
import { engines, type TestDatabase } from '../support/databases';
import { turn } from '../support/turns';

const JOHN_PAYS_CITY_POWER = { payee: 'city power', amount: '45', cents: '20', fromAccount: 'checking' };

async function pendingPaymentId(app: Application, slots = JOHN_PAYS_CITY_POWER): Promise<string> {
  const reply = await app.conversation.handle(turn('PayBill', { slots }));
  const payment = JSON.parse(reply?.sessionJson ?? '{}').payment as string | undefined;
  if (!payment) throw new Error(`no payment awaiting a PIN: ${reply?.speechText}`);
  return payment;
}

describe.each(engines().map((e) => [e.name, e] as const))('concurrency on %s', (_name, engine) => {
  let database: TestDatabase;
  let app: Application;

  beforeEach(async () => {
    database = await engine.fresh();
    app = await createApplication(
      { DATABASE_URL: database.url, SALDO_VERIFY_REQUESTS: 'false' },
      // Identical confirmations are not merged in process here: the store alone must hold. A
      // cheap PIN hash keeps twenty checks in a row quick on a busy machine; what is tested
      // is who may check and approve, not how long a check takes.
      { log: pino({ level: 'silent' }), coalesceConfirmations: false, pinHashCost: TEST_PIN_COST },
    );
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  it('20 concurrent confirmations of one payment make one ledger entry and one answer', async () => {
    const payment = await pendingPaymentId(app);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.conversation.handle(turn('ProvidePin', { slots: { pin: '2468' }, session: { payment } })),
      ),
    );
    const speeches = new Set(replies.map((r) => r?.speechText));
    expect(speeches.size).toBe(1);
    expect([...speeches][0]).toContain('Your available balance is now $1,189.36.');
    const entries = await app.db.query(
      "SELECT id FROM sandbox_transactions WHERE description = 'Payment to City Power'",
    );
    expect(entries).toHaveLength(1);
    const balances = await app.bank.connector.getBalances('sandbox-token-john', 'acc-john-chk');
    expect(balances.balances.find((b) => b.type === 'available')?.amount.minor).toBe(118936);
    const audit = await readAudit(app.db, 'sandbox', 'cust-john');
    expect(audit.filter((a) => a.event === 'payment.executed')).toHaveLength(1);
    expect(audit.filter((a) => a.event === 'payment.approved')).toHaveLength(1);
    const [spent] = await app.db.query<{ total_minor: number }>('SELECT total_minor FROM voice_spending');
    expect(Number(spent?.total_minor)).toBe(4520);
  });

  it('10 concurrent wrong PINs are all counted up to the limit, then voice payments lock', async () => {
    const payment = await pendingPaymentId(app);
    const replies = await Promise.all(
      // Ten different guesses, as a brute-force attempt would send them.
      Array.from({ length: 10 }, (_, i) =>
        app.conversation.handle(turn('ProvidePin', { slots: { pin: String(1110 + i) }, session: { payment } })),
      ),
    );
    const texts = replies.map((r) => r?.speechText ?? '');
    expect(texts.filter((t) => t.startsWith("That PIN didn't match. You have"))).toHaveLength(2);
    expect(texts.filter((t) => t.includes("I've locked voice payments"))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Voice payments are locked'))).toHaveLength(7);
    expect(await pinCredentials(app.db).status('sandbox', 'cust-john')).toMatchObject({
      failures: 3,
      lockedAt: expect.any(Number),
    });
    const audit = await readAudit(app.db, 'sandbox', 'cust-john');
    expect(audit.filter((a) => a.event === 'pin.failed')).toHaveLength(3);
    expect(audit.filter((a) => a.event === 'pin.locked')).toHaveLength(1);

    // Locked means locked: even the right PIN moves nothing now.
    const after = await app.conversation.handle(turn('ProvidePin', { slots: { pin: '2468' }, session: { payment } }));
    expect(after?.speechText).not.toContain('Done');
    const entries = await app.db.query(
      "SELECT id FROM sandbox_transactions WHERE description = 'Payment to City Power'",
    );
    expect(entries).toHaveLength(0);
  });
});
