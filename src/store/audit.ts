/** The append-only audit log: who did what, with masked details only. */
import type { Db } from './db';

export type AuditEvent =
  | 'payment.requested'
  | 'payment.refused'
  | 'payment.cancelled'
  | 'payment.expired'
  | 'pin.failed'
  | 'pin.locked'
  | 'pin.reset'
  | 'pin.set'
  | 'payment.approved'
  | 'payment.executed'
  | 'payment.rejected'
  /** The bank's answer was lost: the payment stays approved and is asked again with the same key. */
  | 'payment.outcome_unknown'
  | 'security.redaction'
  /** A bank that requires a recognised speaker refused a voice it has no enrolled profile for. */
  | 'speaker.unrecognised'
  /** Alexa's skill lifecycle: the customer enabled, disabled or linked the skill. */
  | 'skill.enabled'
  | 'skill.disabled'
  | 'skill.account_linked'
  /** A customer's privacy-mode approvals were withdrawn (the skill was disabled). */
  | 'privacy.revoked'
  /** Everything Saldo kept about a customer, but the audit log, was erased. */
  | 'customer.forgotten'
  /** A customer enrolled (or removed) a payee in Saldo, for a bank without a beneficiaries list. */
  | 'payee.enrolled'
  | 'payee.removed';

export interface AuditEntry {
  readonly bankId: string;
  readonly customerId?: string;
  readonly channel?: string;
  readonly event: AuditEvent;
  /** Masked values only: amounts, payee names, "checking ending in 4217", reasons. */
  readonly details: Readonly<Record<string, string | number | boolean | undefined>>;
}

export type AuditLog = (entry: AuditEntry, at?: number) => Promise<void>;

/** Appends one entry; inside a transaction, the entry stands or falls with the change it records. */
export async function appendAudit(db: Db, entry: AuditEntry, at: number): Promise<void> {
  await db.run('INSERT INTO audit_log (at, bank_id, customer_id, channel, event, details) VALUES (?, ?, ?, ?, ?, ?)', [
    at,
    entry.bankId,
    entry.customerId ?? null,
    entry.channel ?? null,
    entry.event,
    JSON.stringify(entry.details),
  ]);
}

export function auditLog(db: Db, now: () => Date): AuditLog {
  return (entry, at = now().getTime()) => appendAudit(db, entry, at);
}

export interface AuditRow {
  readonly id: number;
  readonly at: number;
  readonly bank_id: string;
  readonly customer_id: string | null;
  readonly channel: string | null;
  readonly event: AuditEvent;
  readonly details: string;
}

export function readAudit(db: Db, bankId: string, customerId: string): Promise<AuditRow[]> {
  return db.query<AuditRow & Record<string, unknown>>(
    'SELECT id, at, bank_id, customer_id, channel, event, details FROM audit_log WHERE bank_id = ? AND customer_id = ? ORDER BY id',
    [bankId, customerId],
  );
}
