/**
 * A payment whose every answer was lost is settled on the customer's next turn: asked
 * again under the same key, recorded and audited, never paid twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FIXED_NOW } from '../support/app';
import { alexaDriver } from '../support/drivers';
import { saldoOnOpenBanking } from '../support/open-banking';

const PAYMENTS = /\/domestic-payments$/;

it('settles a lost payment on the next turn, once', async () => {
  let clock = FIXED_NOW.getTime();
  const ob = await saldoOnOpenBanking(
    { callTimeoutMs: 5000, readAttempts: 1, breakerFailures: 50, breakerHalfOpenMs: 1000 },
    () => new Date(clock),
  );
  try {
    const alexa = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
    await alexa.say('PayBill', { payee: { spoken: 'city power' }, amount: { spoken: '45' }, cents: { spoken: '20' } });
    // The bank executes the payment, but every answer is lost on the way back.
    ob.bank.app.faults.set({ method: 'POST', path: PAYMENTS, afterHandling: true, resetConnection: true, times: 10 });
    const unknown = await alexa.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(unknown.speech).toContain("It won't be sent twice");
    ob.bank.app.faults.clear();

    // Half a minute later the customer asks for something else; the payment is settled meanwhile.
    clock += 31_000;
    const later = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
    await later.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } });
    const db = ob.saldo.application.db;
    let status: string | undefined;
    for (let i = 0; i < 50 && status !== 'executed'; i++) {
      status = (
        await db.query<{ status: string }>(
          "SELECT status FROM pending_payments WHERE status IN ('approved', 'executed')",
        )
      )[0]?.status;
      if (status !== 'executed') await sleep(50);
    }
    expect(status).toBe('executed');
    const events = (await db.query<{ event: string }>('SELECT event FROM audit_log ORDER BY id')).map(
      (row) => row.event,
    );
    expect(events).toEqual(['payment.requested', 'payment.approved', 'payment.outcome_unknown', 'payment.executed']);
    expect(await ob.bank.db.query('SELECT payment_id FROM ob_sandbox_payments')).toHaveLength(1);
    expect((await later.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } })).speech).toContain(
      '$1,189.36',
    );
  } finally {
    await ob.close();
  }
});
