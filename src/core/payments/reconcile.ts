/**
 * A payment whose bank answer was lost (or that the bank had not decided) is asked about
 * again when the customer next talks to Saldo: each one is claimed first, so however many
 * conversations start at once only one asks the bank, under the same idempotency key (it
 * can never pay twice), and the state machine records and audits what it said.
 */
import { randomUUID } from 'node:crypto';
import { actorOf, sendAndRecord, type SettlingTurn } from '../handlers/approve';

export async function settleLostPayments(ctx: SettlingTurn): Promise<void> {
  const { store, bankId, leaseMs } = ctx.deps.payments;
  const unsettled = await store.unsettled(bankId, ctx.customer.id, ctx.deps.now().getTime());
  for (const payment of unsettled) {
    const holder = randomUUID();
    const claimed = await store.claim(actorOf(ctx), payment.id, holder, leaseMs);
    if (claimed) await sendAndRecord(ctx, claimed, holder);
  }
}
