/**
 * Erasing what Saldo keeps about one customer of one bank, as the bank asks. The audit
 * log stays (it is the bank's legal record of what happened); everything else about
 * the person is deleted, in one transaction with the audit entry that says so.
 */
import { appendAudit } from './audit';
import type { Db } from './db';
import type { Actor } from './payment-transitions';

/** The tables that hold a customer's data, apart from the audit log. */
const CUSTOMER_TABLES = [
  'pin_credentials',
  'voice_profiles',
  'read_approvals',
  'pending_payments',
  'voice_spending',
  'enrolled_payees',
  'bank_payment_requests',
];

export type Erasure =
  | { readonly kind: 'erased'; readonly rows: Readonly<Record<string, number>> }
  /** Payments whose outcome Saldo does not know yet: erasing them would lose track of money. */
  | { readonly kind: 'undecided_payments'; readonly count: number };

/** Erases the customer's PIN, voice profiles, approvals, payments and spending; keeps the audit log. */
export function forgetCustomer(db: Db, actor: Actor): Promise<Erasure> {
  return db.transaction(async (tx): Promise<Erasure> => {
    const [undecided] = await tx.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM pending_payments
       WHERE bank_id = ? AND customer_id = ? AND status IN ('approved', 'unknown')`,
      [actor.bankId, actor.customerId],
    );
    if (Number(undecided?.n) > 0) return { kind: 'undecided_payments', count: Number(undecided?.n) };
    const rows: Record<string, number> = {};
    for (const table of CUSTOMER_TABLES) {
      rows[table] = await tx.run(`DELETE FROM ${table} WHERE bank_id = ? AND customer_id = ?`, [
        actor.bankId,
        actor.customerId,
      ]);
    }
    await appendAudit(tx, { ...actor, event: 'customer.forgotten', details: rows }, actor.now);
    return { kind: 'erased', rows };
  });
}
