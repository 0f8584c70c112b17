/**
 * Payees a customer enrolled in Saldo, for banks whose API has no beneficiaries list
 * (Berlin Group): a name to say, the aliases the customer uses, and the account (an IBAN)
 * the payment goes to, which is never spoken or logged. Each enrolment and removal is
 * audited in the same transaction, by name only.
 */
import { appendAudit } from './audit';
import type { Db } from './db';

export interface EnrolledPayee {
  readonly id: string;
  readonly name: string;
  readonly kind: 'biller' | 'person';
  readonly aliases: readonly string[];
  /** The payee's IBAN (or other account identification). */
  readonly account: string;
}

export function enrolledPayees(db: Db) {
  return {
    async list(bankId: string, customerId: string): Promise<EnrolledPayee[]> {
      const rows = await db.query<{ payee_id: string; name: string; kind: string; aliases: string; account: string }>(
        `SELECT payee_id, name, kind, aliases, account FROM enrolled_payees
         WHERE bank_id = ? AND customer_id = ? ORDER BY payee_id`,
        [bankId, customerId],
      );
      return rows.map((r) => ({
        id: r.payee_id,
        name: r.name,
        kind: r.kind === 'person' ? 'person' : 'biller',
        aliases: JSON.parse(r.aliases) as string[],
        account: r.account,
      }));
    },

    /** Adds or replaces the customer's payee with this id. */
    enrol(bankId: string, customerId: string, payee: EnrolledPayee, at: number): Promise<void> {
      return db.transaction(async (tx) => {
        await tx.run('DELETE FROM enrolled_payees WHERE bank_id = ? AND customer_id = ? AND payee_id = ?', [
          bankId,
          customerId,
          payee.id,
        ]);
        await tx.run(
          `INSERT INTO enrolled_payees (bank_id, customer_id, payee_id, name, kind, aliases, account, enrolled_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [bankId, customerId, payee.id, payee.name, payee.kind, JSON.stringify(payee.aliases), payee.account, at],
        );
        await appendAudit(tx, { bankId, customerId, event: 'payee.enrolled', details: { payee: payee.name } }, at);
      });
    },

    remove(bankId: string, customerId: string, payeeId: string, at: number): Promise<boolean> {
      return db.transaction(async (tx) => {
        const removed = await tx.run(
          'DELETE FROM enrolled_payees WHERE bank_id = ? AND customer_id = ? AND payee_id = ?',
          [bankId, customerId, payeeId],
        );
        if (removed > 0)
          await appendAudit(tx, { bankId, customerId, event: 'payee.removed', details: { payee: payeeId } }, at);
        return removed > 0;
      });
    },
  };
}
