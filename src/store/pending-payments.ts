/**
 * Payments waiting for the customer: what was read back, and what became of it. A
 * record's terms never change once read back; a change makes a new record, so a PIN
 * approves exactly the payment the customer heard.
 */
import { randomBytes } from 'node:crypto';
import { queryOne, type Db } from './db';

export type PaymentKind = 'bill' | 'transfer';
export type PendingStatus =
  | 'collecting'
  | 'awaiting_pin'
  | 'approved'
  | 'executed'
  | 'rejected'
  | 'refused'
  | 'cancelled'
  | 'expired'
  | 'superseded';

export interface PaymentTerms {
  readonly kind: PaymentKind;
  readonly sourceAccountId?: string;
  readonly payeeId?: string;
  readonly destinationAccountId?: string;
  readonly amountMinor?: number;
  readonly currency?: string;
}

export interface PendingPayment extends PaymentTerms {
  readonly id: string;
  readonly bankId: string;
  readonly customerId: string;
  readonly status: PendingStatus;
  readonly channel: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly outcome?: string;
}

interface PendingRow extends Record<string, unknown> {
  id: string;
  bank_id: string;
  customer_id: string;
  kind: PaymentKind;
  status: PendingStatus;
  source_account_id: string | null;
  payee_id: string | null;
  destination_account_id: string | null;
  amount_minor: number | null;
  currency: string | null;
  channel: string;
  created_at: number;
  expires_at: number;
  outcome: string | null;
}

const COLUMNS =
  'id, bank_id, customer_id, kind, status, source_account_id, payee_id, destination_account_id, amount_minor, currency, channel, created_at, expires_at, outcome';

function fromRow(row: PendingRow): PendingPayment {
  return {
    id: row.id,
    bankId: row.bank_id,
    customerId: row.customer_id,
    kind: row.kind,
    status: row.status,
    sourceAccountId: row.source_account_id ?? undefined,
    payeeId: row.payee_id ?? undefined,
    destinationAccountId: row.destination_account_id ?? undefined,
    amountMinor: row.amount_minor === null ? undefined : Number(row.amount_minor),
    currency: row.currency ?? undefined,
    channel: row.channel,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    outcome: row.outcome ?? undefined,
  };
}

/** 128 random bits, URL-safe: the only thing about a payment a session may carry. */
export function newPendingId(): string {
  return randomBytes(16).toString('base64url');
}

export function pendingPayments(db: Db) {
  return {
    async create(p: Omit<PendingPayment, 'id' | 'outcome'>): Promise<PendingPayment> {
      const id = newPendingId();
      await db.run(`INSERT INTO pending_payments (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`, [
        id,
        p.bankId,
        p.customerId,
        p.kind,
        p.status,
        p.sourceAccountId ?? null,
        p.payeeId ?? null,
        p.destinationAccountId ?? null,
        p.amountMinor ?? null,
        p.currency ?? null,
        p.channel,
        p.createdAt,
        p.expiresAt,
      ]);
      return { ...p, id };
    },

    /** Only the customer's own record: a forged id of someone else's finds nothing. */
    async find(id: string, bankId: string, customerId: string): Promise<PendingPayment | undefined> {
      const row = await queryOne<PendingRow>(
        db,
        `SELECT ${COLUMNS} FROM pending_payments WHERE id = ? AND bank_id = ? AND customer_id = ?`,
        [id, bankId, customerId],
      );
      return row && fromRow(row);
    },

    /** Approved payments whose bank answer was lost: approved before `before`, never settled. */
    async lostBefore(bankId: string, customerId: string, before: number): Promise<PendingPayment[]> {
      const rows = await db.query<PendingRow>(
        `SELECT ${COLUMNS} FROM pending_payments WHERE bank_id = ? AND customer_id = ? AND status = 'approved' AND decided_at < ? ORDER BY created_at LIMIT 3`,
        [bankId, customerId, before],
      );
      return rows.map(fromRow);
    },

    /** Moves a record from one status to another; false if it was no longer in `from`. */
    async transition(
      id: string,
      from: readonly PendingStatus[],
      to: PendingStatus,
      now: number,
      outcome?: string,
    ): Promise<boolean> {
      const placeholders = from.map(() => '?').join(', ');
      const changed = await db.run(
        `UPDATE pending_payments SET status = ?, decided_at = ?, outcome = COALESCE(?, outcome) WHERE id = ? AND status IN (${placeholders})`,
        [to, now, outcome ?? null, id, ...from],
      );
      return changed === 1;
    },
  };
}

export type PendingPayments = ReturnType<typeof pendingPayments>;
