/**
 * A bank that sends the payment to its own app for the customer to approve (decoupled
 * strong customer authentication): Saldo says so and keeps the payment undecided, asks the
 * bank again under the same key when the customer says they approved it, and hears the
 * outcome then; the daily spending stays reserved until the bank decides.
 */
import type { BankConnector } from '../../src/bank/connector';
import { readAudit } from '../../src/store/audit';
import { testSaldo } from '../support/app';
import { turn } from '../support/turns';

function approvedInTheAppAfter(waits: number) {
  return (_bank: string, connector: BankConnector): BankConnector => {
    let asked = 0;
    return {
      ...connector,
      makePayment: async (token, order) =>
        ++asked <= waits
          ? { status: 'pending', paymentId: `bank-${order.idempotencyKey}`, awaiting: 'customer_approval' }
          : connector.makePayment(token, order),
    };
  };
}

const PAY_CITY_POWER = { payee: 'city power', amount: '45', cents: '20', fromAccount: 'checking' };

it('tells the customer to approve it in the bank app, then pays once they have', async () => {
  const app = await testSaldo({}, { wrapConnector: approvedInTheAppAfter(1) }).application;
  const readBack = await app.conversation.handle(turn('PayBill', { slots: PAY_CITY_POWER }));
  const payment = JSON.parse(readBack?.sessionJson ?? '{}').payment as string;

  const sent = await app.conversation.handle(turn('ProvidePin', { slots: { pin: '2468' }, session: { payment } }));
  expect(sent?.speechText).toBe(
    "Sandbox Bank has sent this payment to your banking app for approval. Once you've approved it there, say yes and I'll check. Have you approved it?",
  );
  expect(sent?.endSession).toBe(false);
  expect(JSON.parse(sent?.sessionJson ?? '{}')).toEqual({ payment });
  const [reserved] = await app.db.query<{ total_minor: number }>('SELECT total_minor FROM voice_spending');
  expect(Number(reserved?.total_minor)).toBe(4520);

  const yes = await app.conversation.handle(turn('Yes', { session: { payment } }));
  expect(yes?.speechText).toContain("I've paid $45.20 to City Power from your checking ending in 4217.");
  const events = (await readAudit(app.db, 'sandbox', 'cust-john')).map((a) => a.event);
  expect(events).toEqual(['payment.requested', 'payment.approved', 'payment.outcome_unknown', 'payment.executed']);
  expect(
    await app.db.query("SELECT id FROM sandbox_transactions WHERE description = 'Payment to City Power'"),
  ).toHaveLength(1);
});

it('keeps asking, without paying twice, while the bank still waits for the approval', async () => {
  const app = await testSaldo({}, { wrapConnector: approvedInTheAppAfter(2) }).application;
  const readBack = await app.conversation.handle(turn('PayBill', { slots: PAY_CITY_POWER }));
  const payment = JSON.parse(readBack?.sessionJson ?? '{}').payment as string;
  await app.conversation.handle(turn('ProvidePin', { slots: { pin: '2468' }, session: { payment } }));
  const stillWaiting = await app.conversation.handle(turn('Yes', { session: { payment } }));
  expect(stillWaiting?.speechText).toContain('Have you approved it?');
  // A new conversation asks the bank again in the background; this time it has decided.
  await app.conversation.handle(turn('Launch', { newSession: true }));
  await app.settled();
  const [row] = await app.db.query<{ status: string }>('SELECT status FROM pending_payments WHERE id = ?', [payment]);
  expect(row?.status).toBe('executed');
  expect(
    await app.db.query("SELECT id FROM sandbox_transactions WHERE description = 'Payment to City Power'"),
  ).toHaveLength(1);
});
