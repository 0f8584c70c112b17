/** What the payment capabilities need besides the bank. */
import type { PinChecker } from '../../security/voice-pin';
import type { AuditLog } from '../../store/audit';
import type { PendingPayments } from '../../store/pending-payments';
import type { VoiceSpending } from '../../store/spending';
import type { Draft } from '../../voice/draft';
import type { InFlight } from './in-flight';

export interface PaymentLimits {
  /** Decimal strings in the account's currency ("1000.00"). */
  readonly perPayment: string;
  readonly perDay: string;
}

export interface PaymentDeps {
  readonly bankId: string;
  readonly pending: PendingPayments;
  readonly spending: VoiceSpending;
  readonly pins: PinChecker;
  readonly audit: AuditLog;
  readonly limits: PaymentLimits;
  /** How long a read-back payment waits for its PIN. */
  readonly pendingTtlMs: number;
  /** Identical concurrent confirmations share one answer. */
  readonly confirmations: InFlight<Draft>;
}

export const PENDING_TTL_MS = 5 * 60 * 1000;
