/**
 * The two ways the first release's guarantees broke under probing, replayed as they were
 * found: the daily voice limit bypassed through a lost payment settled by many sessions at
 * once, and a balance spoken in privacy mode before the voice PIN.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAudit } from '../../src/store/audit';
import { engines, type TestDatabase } from '../support/databases';
import { alexaDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { saldoOnOpenBanking, type OpenBankingSaldo } from '../support/open-banking';
import { FIXED_NOW } from '../support/app';

const PAYMENTS = /\/domestic-payments$/;
const CHECKING = { spoken: 'checking', id: 'checking' };
const SAVINGS = { spoken: 'savings', id: 'savings' };

describe.each(engines().map((e) => [e.name, e] as const))('the daily voice limit on %s', (_name, engine) => {
  let database: TestDatabase;
  let ob: OpenBankingSaldo;
  let clock: number;

  beforeEach(async () => {
    database = await engine.fresh();
    clock = FIXED_NOW.getTime();
    ob = await saldoOnOpenBanking(
      { callTimeoutMs: 5000, readAttempts: 1, breakerFailures: 50, breakerHalfOpenMs: 1000 },
      () => new Date(clock),
      { DATABASE_URL: database.url },
    );
  });

  afterEach(async () => {
    await ob.saldo.application.close();
    await ob.close();
    await database.drop();
  });

  it('holds when a lost payment the bank later rejects is settled by 20 sessions at once', async () => {
    const john = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
    await john.say('PayBill', { payee: { spoken: 'city power' }, amount: { spoken: '900' }, fromAccount: CHECKING });
    // The bank never hears the payment: the connection is reset, and again when asked once more.
    ob.bank.app.faults.set({ method: 'POST', path: PAYMENTS, resetConnection: true, times: 2 });
    const lost = await john.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(lost.speech).toContain("It won't be sent twice");
    ob.bank.app.faults.clear();

    // The next conversation asks the bank about it again, and again the bank never hears.
    ob.bank.app.faults.set({ method: 'POST', path: PAYMENTS, resetConnection: true, times: 2 });
    const transfer = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
    await transfer.say('Launch');
    await ob.saldo.application.settled();
    ob.bank.app.faults.clear();
    await transfer.say('TransferMoney', { amount: { spoken: '400' }, fromAccount: CHECKING, toAccount: SAVINGS });
    expect((await transfer.say('ProvidePin', { pin: { spoken: '2468' } })).speech).toContain("I've moved $400.00");

    // 35 s later, 20 sessions start at once; each may try to settle the lost $900, which
    // the bank now rejects (checking has $834.56 left).
    clock += 35_000;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' }).say('Launch'),
      ),
    );
    await ob.saldo.application.settled();

    const db = ob.saldo.application.db;
    const [spent] = await db.query<{ total_minor: number }>('SELECT total_minor FROM voice_spending');
    expect(Number(spent?.total_minor)).toBe(40_000);
    const audit = await readAudit(db, 'open-sandbox', 'cust-john');
    expect(audit.filter((a) => a.event === 'payment.rejected')).toHaveLength(1);
  });
});

describe('privacy mode before the voice PIN', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-privacy-'));
  const file = path.join(dir, 'banks.json');
  writeFileSync(
    file,
    JSON.stringify({
      banks: [
        {
          id: 'shared-speaker-bank',
          names: { 'en-US': 'Careful Bank', 'es-ES': 'Banco Prudente' },
          connector: { type: 'sandbox' },
          limits: { perPayment: '10000.00', perDay: '20000.00' },
          privacyMode: true,
        },
      ],
    }),
  );

  it.each([
    ['en-US', 'sandbox-token-john', 'city power', ['1,234.56', '1,302.11', '1234.56']],
    ['es-ES', 'sandbox-token-ana', 'iberdrola', ['2540,18', '2.540,18', '2540 euros con 18']],
  ])('a payment over the balance does not tell the balance (%s)', async (locale, token, payee, balances) => {
    const { app } = await testHttpApp({ env: { SALDO_CONFIG: file } });
    const customer = alexaDriver(app, { token, locale });
    const bill = await customer.say('PayBill', { payee: { spoken: payee }, amount: { spoken: '5000' } });
    const transfer = await alexaDriver(app, { token, locale }).say('TransferMoney', {
      amount: { spoken: '5000' },
      fromAccount: CHECKING,
      toAccount: SAVINGS,
    });
    for (const heard of [bill, transfer]) {
      for (const balance of balances) expect(heard.raw).not.toContain(balance);
    }
  });
});
