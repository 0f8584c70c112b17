/**
 * The payment requests a connector sent to a bank that has no idempotency key (Berlin
 * Group), one per Saldo payment: claimed before the request leaves, with the request id
 * derived from the payment, and completed with the bank's payment id once it answers. A
 * claim without a payment id is a request whose answer was lost.
 */
import { queryOne, type Db } from './db';

export interface PaymentRequest {
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly requestId: string;
  readonly product: string;
  readonly paymentId?: string;
  readonly authorisationId?: string;
  readonly createdAt: number;
}

interface Row {
  [key: string]: unknown;
  idempotency_key: string;
  customer_id: string;
  request_id: string;
  payment_product: string;
  payment_id: string | null;
  authorisation_id: string | null;
  created_at: number;
}

function fromRow(row: Row): PaymentRequest {
  return {
    idempotencyKey: row.idempotency_key,
    customerId: row.customer_id,
    requestId: row.request_id,
    product: row.payment_product,
    paymentId: row.payment_id ?? undefined,
    authorisationId: row.authorisation_id ?? undefined,
    createdAt: Number(row.created_at),
  };
}

export function bankPaymentRequests(db: Db, bankId: string) {
  const find = async (idempotencyKey: string): Promise<PaymentRequest | undefined> => {
    const row = await queryOne<Row>(
      db,
      `SELECT idempotency_key, customer_id, request_id, payment_product, payment_id, authorisation_id, created_at
       FROM bank_payment_requests WHERE bank_id = ? AND idempotency_key = ?`,
      [bankId, idempotencyKey],
    );
    return row && fromRow(row);
  };

  return {
    find,

    /** Records the request about to be sent; the earlier one when this payment was already requested. */
    async claim(request: Omit<PaymentRequest, 'paymentId' | 'authorisationId'>): Promise<PaymentRequest> {
      await db.run(
        `INSERT INTO bank_payment_requests (bank_id, idempotency_key, customer_id, request_id, payment_product, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bank_id, idempotency_key) DO NOTHING`,
        [bankId, request.idempotencyKey, request.customerId, request.requestId, request.product, request.createdAt],
      );
      const claimed = await find(request.idempotencyKey);
      if (!claimed) throw new Error('payment request claim vanished');
      return claimed;
    },

    async answered(idempotencyKey: string, paymentId: string, authorisationId: string | undefined): Promise<void> {
      await db.run(
        `UPDATE bank_payment_requests SET payment_id = ?, authorisation_id = COALESCE(?, authorisation_id)
         WHERE bank_id = ? AND idempotency_key = ?`,
        [paymentId, authorisationId ?? null, bankId, idempotencyKey],
      );
    },

    /** The bank answered that it did not create the payment: the claim goes, a new request may follow. */
    async refused(idempotencyKey: string): Promise<void> {
      await db.run(
        'DELETE FROM bank_payment_requests WHERE bank_id = ? AND idempotency_key = ? AND payment_id IS NULL',
        [bankId, idempotencyKey],
      );
    },
  };
}

export type BankPaymentRequests = ReturnType<typeof bankPaymentRequests>;
