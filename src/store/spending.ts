/** Money moved by voice per customer and day: the daily limit is enforced atomically here. */
import { queryOne, type Db } from './db';

export function voiceSpending(db: Db) {
  return {
    async spentOn(bankId: string, customerId: string, day: string, currency: string): Promise<number> {
      const row = await queryOne<{ total_minor: number }>(
        db,
        'SELECT total_minor FROM voice_spending WHERE bank_id = ? AND customer_id = ? AND day = ? AND currency = ?',
        [bankId, customerId, day, currency],
      );
      return row ? Number(row.total_minor) : 0;
    },

    /** Adds `amount` to the day's total unless that would pass `limit`; false when it would. */
    async reserve(
      bankId: string,
      customerId: string,
      day: string,
      currency: string,
      amount: number,
      limit: number,
    ): Promise<boolean> {
      if (amount > limit) return false;
      const rows = await db.query(
        `INSERT INTO voice_spending (bank_id, customer_id, day, currency, total_minor) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (bank_id, customer_id, day, currency)
         DO UPDATE SET total_minor = voice_spending.total_minor + excluded.total_minor
         WHERE voice_spending.total_minor + excluded.total_minor <= ?
         RETURNING total_minor`,
        [bankId, customerId, day, currency, amount, limit],
      );
      return rows.length === 1;
    },

    /** Gives back a reservation whose payment did not go through. */
    async release(bankId: string, customerId: string, day: string, currency: string, amount: number): Promise<void> {
      await db.run(
        'UPDATE voice_spending SET total_minor = total_minor - ? WHERE bank_id = ? AND customer_id = ? AND day = ? AND currency = ?',
        [amount, bankId, customerId, day, currency],
      );
    },
  };
}

export type VoiceSpending = ReturnType<typeof voiceSpending>;
