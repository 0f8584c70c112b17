/**
 * Voice-PIN credentials and their failure counters. Every change is one atomic
 * statement, so counts and lockouts hold across requests, processes and engines.
 */
import { queryOne, type Db } from './db';

export interface PinStatus {
  readonly enrolled: boolean;
  readonly failures: number;
  readonly lockedAt?: number;
}

interface CredentialRow extends Record<string, unknown> {
  pin_hash: string;
  failures: number;
  locked_at: number | null;
}

export function pinCredentials(db: Db) {
  return {
    /** Enrols a PIN unless the customer already has one (a changed PIN survives restarts). */
    async enrolIfAbsent(bankId: string, customerId: string, pinHash: string, now: number): Promise<boolean> {
      const changed = await db.run(
        `INSERT INTO pin_credentials (bank_id, customer_id, pin_hash, failures, updated_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (bank_id, customer_id) DO NOTHING`,
        [bankId, customerId, pinHash, now],
      );
      return changed === 1;
    },

    /** Sets (or replaces) the PIN and clears failures and any lockout. */
    async set(bankId: string, customerId: string, pinHash: string, now: number): Promise<void> {
      await db.run(
        `INSERT INTO pin_credentials (bank_id, customer_id, pin_hash, failures, updated_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (bank_id, customer_id) DO UPDATE SET pin_hash = excluded.pin_hash, failures = 0, locked_at = NULL,
           check_lease_until = NULL, updated_at = excluded.updated_at`,
        [bankId, customerId, pinHash, now],
      );
    },

    /** Clears failures and lockout; false when the customer has no PIN. */
    async reset(bankId: string, customerId: string, now: number): Promise<boolean> {
      const changed = await db.run(
        'UPDATE pin_credentials SET failures = 0, locked_at = NULL, check_lease_until = NULL, updated_at = ? WHERE bank_id = ? AND customer_id = ?',
        [now, bankId, customerId],
      );
      return changed === 1;
    },

    async status(bankId: string, customerId: string): Promise<PinStatus> {
      const row = await queryOne<CredentialRow>(
        db,
        'SELECT pin_hash, failures, locked_at FROM pin_credentials WHERE bank_id = ? AND customer_id = ?',
        [bankId, customerId],
      );
      if (!row) return { enrolled: false, failures: 0 };
      return {
        enrolled: true,
        failures: Number(row.failures),
        lockedAt: row.locked_at === null ? undefined : Number(row.locked_at),
      };
    },

    async hash(bankId: string, customerId: string): Promise<string | undefined> {
      const row = await queryOne<CredentialRow>(
        db,
        'SELECT pin_hash FROM pin_credentials WHERE bank_id = ? AND customer_id = ?',
        [bankId, customerId],
      );
      return row?.pin_hash;
    },

    /**
     * Takes the customer's PIN-check lease for `holder`: one check at a time per customer,
     * on every instance, so concurrent guesses cannot outrun the failure counter.
     */
    async tryLease(bankId: string, customerId: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
      const changed = await db.run(
        `UPDATE pin_credentials SET check_lease_until = ?, check_lease_holder = ?
         WHERE bank_id = ? AND customer_id = ? AND (check_lease_until IS NULL OR check_lease_until < ?)`,
        [now + leaseMs, holder, bankId, customerId, now],
      );
      return changed === 1;
    },

    /** Gives the lease back, only if `holder` still holds it (a check slower than its lease has lost it). */
    async releaseLease(bankId: string, customerId: string, holder: string): Promise<void> {
      await db.run(
        `UPDATE pin_credentials SET check_lease_until = NULL, check_lease_holder = NULL
         WHERE bank_id = ? AND customer_id = ? AND check_lease_holder = ?`,
        [bankId, customerId, holder],
      );
    },

    /** Counts a wrong PIN; locks once `maxAttempts` consecutive failures are reached. */
    async recordFailure(bankId: string, customerId: string, maxAttempts: number, now: number): Promise<PinStatus> {
      const rows = await db.query<CredentialRow>(
        `UPDATE pin_credentials SET failures = failures + 1,
           locked_at = CASE WHEN locked_at IS NULL AND failures + 1 >= ? THEN ? ELSE locked_at END,
           updated_at = ?
         WHERE bank_id = ? AND customer_id = ?
         RETURNING failures, locked_at, pin_hash`,
        [maxAttempts, now, now, bankId, customerId],
      );
      const row = rows[0];
      if (!row) return { enrolled: false, failures: 0 };
      return {
        enrolled: true,
        failures: Number(row.failures),
        lockedAt: row.locked_at === null ? undefined : Number(row.locked_at),
      };
    },

    async recordSuccess(bankId: string, customerId: string, now: number): Promise<void> {
      await db.run(
        'UPDATE pin_credentials SET failures = 0, updated_at = ? WHERE bank_id = ? AND customer_id = ? AND locked_at IS NULL',
        [now, bankId, customerId],
      );
    },
  };
}

export type PinCredentials = ReturnType<typeof pinCredentials>;
