/**
 * The sandbox bank's money, kept in Saldo's store so every instance sees the same
 * balances and a restart keeps them: balances seeded from the fixture once, the
 * transactions payments add, and payments by idempotency key.
 */
import { queryOne, type Db } from '../../store/db';
import { parseDecimal } from '../../money';
import type { PaymentResult } from '../connector';
import type { SandboxFixture } from './fixture';

export interface LedgerBalance {
  readonly availableMinor?: number;
  readonly currentMinor: number;
}

export interface LedgerTransaction {
  readonly id: string;
  readonly accountId: string;
  readonly bookedAt: number;
  readonly description: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly creditDebit: 'credit' | 'debit';
  /** A transfer between the customer's own accounts: the account of its other leg. */
  readonly transferAccountId?: string;
}

export interface LedgerEntry {
  readonly accountId: string;
  readonly description: string;
  readonly creditDebit: 'credit' | 'debit';
  /** How the balance moves: a card's owed balance goes down when it is paid. */
  readonly availableDelta?: number;
  readonly currentDelta: number;
}

type LedgerAccount = Pick<SandboxFixture['customers'][number]['accounts'][number], 'id' | 'type' | 'nickname'>;

/** A bill payment: the money leaves the source account. */
export function billEntries(source: LedgerAccount, payeeName: string, amountMinor: number): LedgerEntry[] {
  return [
    { accountId: source.id, description: `Payment to ${payeeName}`, creditDebit: 'debit', currentDelta: -amountMinor },
  ];
}

/** A transfer between own accounts: paying a card lowers what is owed; a deposit account gains the money. */
export function transferEntries(source: LedgerAccount, destination: LedgerAccount, amountMinor: number): LedgerEntry[] {
  const isCard = destination.type === 'credit_card';
  return [
    {
      accountId: source.id,
      description: `Transfer to ${destination.nickname ?? destination.type}`,
      creditDebit: 'debit',
      currentDelta: -amountMinor,
    },
    {
      accountId: destination.id,
      description: isCard ? 'Payment Thank You' : `Transfer from ${source.nickname ?? source.type}`,
      creditDebit: 'credit',
      availableDelta: isCard ? 0 : amountMinor,
      currentDelta: isCard ? -amountMinor : amountMinor,
    },
  ];
}

/** Seeds each account's balance once; safe to run from several processes at once. */
export async function seedLedger(db: Db, fixture: SandboxFixture, bankId: string = fixture.bank.id): Promise<void> {
  await db.transaction(async (tx) => {
    for (const customer of fixture.customers) {
      for (const account of customer.accounts) {
        await tx.run(
          `INSERT INTO sandbox_balances (bank_id, account_id, customer_id, currency, available_minor, current_minor)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bank_id, account_id) DO NOTHING`,
          [
            bankId,
            account.id,
            customer.id,
            account.currency,
            account.available === undefined ? null : parseDecimal(account.available, account.currency).minor,
            parseDecimal(account.current, account.currency).minor,
          ],
        );
      }
    }
  });
}

export function sandboxLedger(db: Db, bankId: string) {
  return {
    async balance(accountId: string): Promise<LedgerBalance | undefined> {
      const row = await queryOne<{ available_minor: number | null; current_minor: number }>(
        db,
        'SELECT available_minor, current_minor FROM sandbox_balances WHERE bank_id = ? AND account_id = ?',
        [bankId, accountId],
      );
      if (!row) return undefined;
      return {
        availableMinor: row.available_minor === null ? undefined : Number(row.available_minor),
        currentMinor: Number(row.current_minor),
      };
    },

    async transactions(accountId: string): Promise<LedgerTransaction[]> {
      const rows = await db.query<{
        id: string;
        account_id: string;
        booked_at: number;
        description: string;
        amount_minor: number;
        currency: string;
        credit_debit: 'credit' | 'debit';
        other_leg_account: string | null;
      }>(
        // A payment's rows are "<paymentId>-<leg>"; only a transfer between own accounts has two legs.
        `SELECT t.id, t.account_id, t.booked_at, t.description, t.amount_minor, t.currency, t.credit_debit,
                (SELECT o.account_id FROM sandbox_transactions o
                  WHERE o.bank_id = t.bank_id AND o.id <> t.id
                    AND o.id IN (substr(t.id, 1, length(t.id) - 2) || '-0', substr(t.id, 1, length(t.id) - 2) || '-1')
                ) AS other_leg_account
         FROM sandbox_transactions t WHERE t.bank_id = ? AND t.account_id = ? ORDER BY t.booked_at DESC, t.id DESC`,
        [bankId, accountId],
      );
      return rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        bookedAt: Number(r.booked_at),
        description: r.description,
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        creditDebit: r.credit_debit,
        transferAccountId: r.other_leg_account ?? undefined,
      }));
    },

    /**
     * Executes a payment exactly once per idempotency key. The key is claimed first:
     * a concurrent duplicate waits on it (PostgreSQL's unique index, SQLite's write
     * lock) and then reads the first one's result.
     */
    async execute(
      p: {
        idempotencyKey: string;
        customerId: string;
        paymentId: string;
        sourceAccountId: string;
        amountMinor: number;
        currency: string;
        at: number;
      },
      entries: readonly LedgerEntry[],
    ): Promise<PaymentResult> {
      return db.transaction(async (tx) => {
        const claimed = await tx.run(
          `INSERT INTO sandbox_payments (bank_id, idempotency_key, customer_id, payment_id, status, result, created_at)
           VALUES (?, ?, ?, ?, 'processing', '', ?) ON CONFLICT (bank_id, idempotency_key) DO NOTHING`,
          [bankId, p.idempotencyKey, p.customerId, p.paymentId, p.at],
        );
        if (claimed === 0) {
          const existing = await queryOne<{ result: string; customer_id: string }>(
            tx,
            'SELECT result, customer_id FROM sandbox_payments WHERE bank_id = ? AND idempotency_key = ?',
            [bankId, p.idempotencyKey],
          );
          if (!existing || existing.customer_id !== p.customerId)
            throw new Error('idempotency key belongs to another payment');
          return JSON.parse(existing.result) as PaymentResult;
        }
        const debited = await tx.run(
          `UPDATE sandbox_balances SET available_minor = available_minor - ?, current_minor = current_minor - ?
           WHERE bank_id = ? AND account_id = ? AND currency = ? AND available_minor >= ?`,
          [p.amountMinor, p.amountMinor, bankId, p.sourceAccountId, p.currency, p.amountMinor],
        );
        let result: PaymentResult;
        if (debited === 0) {
          result = { status: 'rejected', paymentId: p.paymentId, reason: 'insufficient_funds' };
        } else {
          for (const [i, entry] of entries.entries()) {
            if (entry.accountId !== p.sourceAccountId) {
              await tx.run(
                `UPDATE sandbox_balances SET available_minor = available_minor + ?, current_minor = current_minor + ?
                 WHERE bank_id = ? AND account_id = ?`,
                [entry.availableDelta ?? 0, entry.currentDelta, bankId, entry.accountId],
              );
            }
            await tx.run(
              `INSERT INTO sandbox_transactions (id, bank_id, account_id, booked_at, description, amount_minor, currency, credit_debit, status)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked')`,
              [
                `${p.paymentId}-${i}`,
                bankId,
                entry.accountId,
                p.at,
                entry.description,
                p.amountMinor,
                p.currency,
                entry.creditDebit,
              ],
            );
          }
          result = { status: 'completed', paymentId: p.paymentId };
        }
        await tx.run(`UPDATE sandbox_payments SET status = ?, result = ? WHERE bank_id = ? AND idempotency_key = ?`, [
          result.status,
          JSON.stringify(result),
          bankId,
          p.idempotencyKey,
        ]);
        return result;
      });
    },
  };
}

export type SandboxLedger = ReturnType<typeof sandboxLedger>;
