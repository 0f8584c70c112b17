/**
 * Consents and payment orders of the Open Banking sandbox, kept in the same store as the
 * ledger so every instance sharing the database sees them (tables from migration 4).
 */
import { queryOne, type Db } from '../../../store/db';
import { ObError } from './errors';
import type { ConsentStatus, DomesticPaymentStatus } from './ob-types';

export interface StoredConsent {
  readonly consentId: string;
  readonly customerId: string;
  /** The consent request (Data + Risk) as canonical JSON. */
  readonly requestJson: string;
  readonly status: ConsentStatus;
  readonly createdAt: number;
  readonly statusUpdatedAt: number;
}

export interface StoredPayment {
  readonly paymentId: string;
  readonly consentId: string;
  readonly customerId: string;
  readonly idempotencyKey: string;
  /** The payment request (Data + Risk) as canonical JSON. */
  readonly requestJson: string;
  readonly status: DomesticPaymentStatus;
  readonly createdAt: number;
  readonly statusUpdatedAt: number;
}

interface ConsentRow {
  [column: string]: unknown;
  consent_id: string;
  customer_id: string;
  request_json: string;
  status: string;
  created_at: number | string;
  status_updated_at: number | string;
}

interface PaymentRow extends ConsentRow {
  payment_id: string;
  idempotency_key: string;
}

function consentFrom(row: ConsentRow): StoredConsent {
  return {
    consentId: row.consent_id,
    customerId: row.customer_id,
    requestJson: row.request_json,
    status: row.status === 'Consumed' ? 'Consumed' : 'Authorised',
    createdAt: Number(row.created_at),
    statusUpdatedAt: Number(row.status_updated_at),
  };
}

const PAYMENT_STATUSES: readonly DomesticPaymentStatus[] = ['Pending', 'AcceptedSettlementCompleted', 'Rejected'];

function paymentFrom(row: PaymentRow): StoredPayment {
  const status = PAYMENT_STATUSES.find((s) => s === row.status);
  if (!status) throw new Error(`unknown payment status ${row.status}`);
  return {
    paymentId: row.payment_id,
    consentId: row.consent_id,
    customerId: row.customer_id,
    idempotencyKey: row.idempotency_key,
    requestJson: row.request_json,
    status,
    createdAt: Number(row.created_at),
    statusUpdatedAt: Number(row.status_updated_at),
  };
}

const CONSENT_COLUMNS = 'consent_id, customer_id, request_json, status, created_at, status_updated_at';
const PAYMENT_COLUMNS = `payment_id, idempotency_key, ${CONSENT_COLUMNS}`;

export interface NewPayment {
  readonly paymentId: string;
  readonly customerId: string;
  readonly idempotencyKey: string;
  readonly consentId: string;
  readonly requestJson: string;
  readonly at: number;
}

export function paymentStore(db: Db, bankId: string) {
  const paymentByKey = (tx: Db, customerId: string, key: string) =>
    queryOne<PaymentRow>(
      tx,
      `SELECT ${PAYMENT_COLUMNS} FROM ob_sandbox_payments WHERE bank_id = ? AND customer_id = ? AND idempotency_key = ?`,
      [bankId, customerId, key],
    );

  return {
    /** The consent stored under this idempotency key: a new one, or the first one's. */
    async createConsent(c: {
      consentId: string;
      customerId: string;
      idempotencyKey: string;
      requestJson: string;
      at: number;
    }): Promise<StoredConsent> {
      return db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO ob_sandbox_consents (bank_id, consent_id, customer_id, idempotency_key, request_json, status, created_at, status_updated_at)
           VALUES (?, ?, ?, ?, ?, 'Authorised', ?, ?) ON CONFLICT DO NOTHING`,
          [bankId, c.consentId, c.customerId, c.idempotencyKey, c.requestJson, c.at, c.at],
        );
        const row = await queryOne<ConsentRow>(
          tx,
          `SELECT ${CONSENT_COLUMNS} FROM ob_sandbox_consents WHERE bank_id = ? AND customer_id = ? AND idempotency_key = ?`,
          [bankId, c.customerId, c.idempotencyKey],
        );
        if (!row) throw new Error('consent vanished after insert');
        return consentFrom(row);
      });
    },

    async consent(customerId: string, consentId: string): Promise<StoredConsent | undefined> {
      const row = await queryOne<ConsentRow>(
        db,
        `SELECT ${CONSENT_COLUMNS} FROM ob_sandbox_consents WHERE bank_id = ? AND consent_id = ? AND customer_id = ?`,
        [bankId, consentId, customerId],
      );
      return row && consentFrom(row);
    },

    /**
     * The payment order under this idempotency key. The first request claims the key and
     * consumes the consent in one transaction; a replay (or a concurrent duplicate, which
     * waits on the key) gets the first one's order. Consent checks raise 400s.
     */
    async claimPayment(p: NewPayment, consentMatches: (consent: StoredConsent) => boolean): Promise<StoredPayment> {
      return db.transaction(async (tx) => {
        const existing = await paymentByKey(tx, p.customerId, p.idempotencyKey);
        if (existing) return paymentFrom(existing);
        const consentRow = await queryOne<ConsentRow>(
          tx,
          `SELECT ${CONSENT_COLUMNS} FROM ob_sandbox_consents WHERE bank_id = ? AND consent_id = ? AND customer_id = ? FOR UPDATE`,
          [bankId, p.consentId, p.customerId],
        );
        if (!consentRow)
          throw new ObError(400, 'UK.OBIE.Resource.NotFound', 'no such consent for this customer', 'Data.ConsentId');
        if (!consentMatches(consentFrom(consentRow))) {
          throw new ObError(
            400,
            'UK.OBIE.Resource.ConsentMismatch',
            "the payment's Initiation and Risk must equal the consent's",
            'Data.Initiation',
          );
        }
        const claimed = await tx.run(
          `INSERT INTO ob_sandbox_payments (bank_id, payment_id, consent_id, customer_id, idempotency_key, request_json, status, created_at, status_updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'Pending', ?, ?) ON CONFLICT DO NOTHING`,
          [bankId, p.paymentId, p.consentId, p.customerId, p.idempotencyKey, p.requestJson, p.at, p.at],
        );
        if (claimed === 0) {
          const raced = await paymentByKey(tx, p.customerId, p.idempotencyKey);
          if (raced) return paymentFrom(raced);
          throw new Error('payment id collision');
        }
        const consumed = await tx.run(
          `UPDATE ob_sandbox_consents SET status = 'Consumed', status_updated_at = ? WHERE bank_id = ? AND consent_id = ? AND status = 'Authorised'`,
          [p.at, bankId, p.consentId],
        );
        if (consumed === 0)
          throw new ObError(
            400,
            'UK.OBIE.Resource.InvalidConsentStatus',
            'the consent has already been used for a payment',
            'Data.ConsentId',
          );
        const row = await paymentByKey(tx, p.customerId, p.idempotencyKey);
        if (!row) throw new Error('payment vanished after insert');
        return paymentFrom(row);
      });
    },

    /** Records the ledger's outcome once; later calls keep the first status. */
    async settle(
      paymentId: string,
      status: Exclude<DomesticPaymentStatus, 'Pending'>,
      at: number,
    ): Promise<StoredPayment> {
      await db.run(
        `UPDATE ob_sandbox_payments SET status = ?, status_updated_at = ? WHERE bank_id = ? AND payment_id = ? AND status = 'Pending'`,
        [status, at, bankId, paymentId],
      );
      const row = await queryOne<PaymentRow>(
        db,
        `SELECT ${PAYMENT_COLUMNS} FROM ob_sandbox_payments WHERE bank_id = ? AND payment_id = ?`,
        [bankId, paymentId],
      );
      if (!row) throw new Error('payment vanished');
      return paymentFrom(row);
    },

    async payment(customerId: string, paymentId: string): Promise<StoredPayment | undefined> {
      const row = await queryOne<PaymentRow>(
        db,
        `SELECT ${PAYMENT_COLUMNS} FROM ob_sandbox_payments WHERE bank_id = ? AND payment_id = ? AND customer_id = ?`,
        [bankId, paymentId, customerId],
      );
      return row && paymentFrom(row);
    },
  };
}

export type PaymentStore = ReturnType<typeof paymentStore>;
