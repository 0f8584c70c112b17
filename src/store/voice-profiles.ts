/**
 * The Alexa voice profiles (person ids) a customer enrolled together with their voice
 * PIN. A bank that requires a recognised speaker serves payments (and, in privacy mode,
 * reads) only to one of them.
 */
import { queryOne, type Db } from './db';

export function voiceProfiles(db: Db) {
  return {
    async enrol(bankId: string, customerId: string, personId: string, now: number): Promise<void> {
      await db.run(
        `INSERT INTO voice_profiles (bank_id, customer_id, person_id, enrolled_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (bank_id, customer_id, person_id) DO NOTHING`,
        [bankId, customerId, personId, now],
      );
    },

    async isEnrolled(bankId: string, customerId: string, personId: string): Promise<boolean> {
      const row = await queryOne(
        db,
        'SELECT 1 AS found FROM voice_profiles WHERE bank_id = ? AND customer_id = ? AND person_id = ?',
        [bankId, customerId, personId],
      );
      return row !== undefined;
    },

    async count(bankId: string, customerId: string): Promise<number> {
      const row = await queryOne<{ n: number }>(
        db,
        'SELECT COUNT(*) AS n FROM voice_profiles WHERE bank_id = ? AND customer_id = ?',
        [bankId, customerId],
      );
      return Number(row?.n ?? 0);
    },
  };
}

export type VoiceProfiles = ReturnType<typeof voiceProfiles>;
