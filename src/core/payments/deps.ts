/** What the payment capabilities need besides the bank. */
import type { PinChecker } from '../../security/voice-pin';
import type { AuditLog } from '../../store/audit';
import type { PaymentStore } from '../../store/payments';
import type { Draft } from '../../voice/draft';
import type { InFlight } from './in-flight';

interface PaymentLimits {
  /** Decimal strings in the account's currency ("1000.00"). */
  readonly perPayment: string;
  readonly perDay: string;
}

export interface PaymentDeps {
  readonly bankId: string;
  /** The payment state machine and its reads. */
  readonly store: PaymentStore;
  readonly pins: PinChecker;
  readonly audit: AuditLog;
  readonly limits: PaymentLimits;
  /** How long a read-back payment waits for its PIN. */
  readonly pendingTtlMs: number;
  /** How long whoever sends an approved payment holds it before another may ask the bank again. */
  readonly leaseMs: number;
  /** Identical concurrent confirmations share one answer (an optimisation: nothing depends on it). */
  readonly confirmations: InFlight<Draft>;
}

export const PENDING_TTL_MS = 5 * 60 * 1000;
/** Far longer than any bank call of a payment (a consent, the payment, one more ask). */
export const PAYMENT_LEASE_MS = 60 * 1000;
