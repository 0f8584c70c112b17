/**
 * Money moved by voice per customer and day. Reservations and releases happen only inside
 * a payment's state transitions (payment-transitions.ts), in the same transaction as the
 * change of status that justifies them; everyone else may only read.
 */
import { queryOne, type Db } from './db';

export interface SpendingDay {
  readonly bankId: string;
  readonly customerId: string;
  /** The customer's calendar day, YYYY-MM-DD. */
  readonly day: string;
  readonly currency: string;
}

export async function spentOn(db: Db, key: SpendingDay): Promise<number> {
  const row = await queryOne<{ total_minor: number }>(
    db,
    'SELECT total_minor FROM voice_spending WHERE bank_id = ? AND customer_id = ? AND day = ? AND currency = ?',
    [key.bankId, key.customerId, key.day, key.currency],
  );
  return row ? Number(row.total_minor) : 0;
}

/** Adds `amount` to the day's total unless that would pass `limit`; false when it would. */
export async function reserveSpending(tx: Db, key: SpendingDay, amount: number, limit: number): Promise<boolean> {
  if (amount > limit) return false;
  const rows = await tx.query(
    `INSERT INTO voice_spending (bank_id, customer_id, day, currency, total_minor) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (bank_id, customer_id, day, currency)
     DO UPDATE SET total_minor = voice_spending.total_minor + excluded.total_minor
     WHERE voice_spending.total_minor + excluded.total_minor <= ?
     RETURNING total_minor`,
    [key.bankId, key.customerId, key.day, key.currency, amount, limit],
  );
  return rows.length === 1;
}

/**
 * Gives back a reservation whose payment did not go through, to the day it was made on.
 * Only a transition that won calls this, once per payment; the floor at zero is a last
 * guard, never a mechanism.
 */
export async function releaseSpending(tx: Db, key: SpendingDay, amount: number): Promise<void> {
  await tx.run(
    `UPDATE voice_spending SET total_minor = CASE WHEN total_minor > ? THEN total_minor - ? ELSE 0 END
     WHERE bank_id = ? AND customer_id = ? AND day = ? AND currency = ?`,
    [amount, amount, key.bankId, key.customerId, key.day, key.currency],
  );
}
