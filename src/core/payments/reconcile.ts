/**
 * A payment whose bank answer was lost stays approved. The customer's next turn asks the
 * bank again under the same idempotency key (it can never pay twice), so the outcome is
 * recorded and audited without anyone having to remember it.
 */
import type { CustomerTurn } from '../context';
import { executeApproved } from '../handlers/approve';

/** Long enough that a confirmation still in flight is not raced. */
const LOST_AFTER_MS = 30_000;

export async function settleLostPayments(ctx: CustomerTurn): Promise<void> {
  const { pending, bankId } = ctx.deps.payments;
  const lost = await pending.lostBefore(bankId, ctx.customer.id, ctx.deps.now().getTime() - LOST_AFTER_MS);
  for (const payment of lost) await executeApproved(ctx, payment);
}
