/**
 * The payment state machine: every change of a pending payment's status is one function
 * here that, in one database transaction, checks the status it expects, writes the new
 * one and applies what that change entails — reserving or giving back the day's voice
 * spending, appending the audit event, recording the outcome. A change that does not win
 * (the payment was no longer where it was expected) has no effect at all, so a side effect
 * can never run for a transition that did not happen.
 *
 * Talking to the bank about an approved payment needs its lease: one holder at a time, so
 * only one caller sends it and records what the bank said. A lease that runs out (a holder
 * that died) lets the payment be claimed again; the idempotency key makes asking again safe.
 */
import { appendAudit, type AuditEvent } from './audit';
import { queryOne, type Db } from './db';
import {
  OPEN_STATUSES,
  PENDING_COLUMNS,
  findPayment,
  newPendingId,
  paymentFromRow,
  type AwaitingPin,
  type CompleteTerms,
  type PartialTerms,
  type PaymentOutcome,
  type PendingPayment,
  type PendingRow,
  type Settled,
  type Undecided,
  type UndecidedReason,
} from './pending-payments';
import { releaseSpending, reserveSpending, spentOn } from './spending';

/** Whose payment, through which channel, and when. */
export interface Actor {
  readonly bankId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly now: number;
}

/** What the bank said when asked to make an approved payment. */
export type BankAnswer =
  | { readonly kind: 'completed'; readonly outcome: Extract<PaymentOutcome, { status: 'completed' }> }
  | { readonly kind: 'rejected'; readonly outcome: Extract<PaymentOutcome, { status: 'rejected' }> }
  /** Certain that this attempt never reached the bank. */
  | { readonly kind: 'not_sent' }
  /** `error`: the name of what cut the answer off, for the audit. */
  | { readonly kind: 'undecided'; readonly reason: UndecidedReason; readonly error?: string };

export type Approval =
  | { readonly kind: 'approved'; readonly payment: Undecided }
  | { readonly kind: 'over_daily_limit'; readonly spentMinor: number }
  /** It was no longer awaiting its PIN (or had expired): nothing changed. */
  | { readonly kind: 'unchanged'; readonly payment: PendingPayment | undefined };

export type Recorded =
  | { readonly won: true; readonly payment: Settled | Extract<PendingPayment, { status: 'unknown' }> }
  | { readonly won: false; readonly payment: PendingPayment | undefined };

type Details = Readonly<Record<string, string | number | boolean | undefined>>;

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

function audit(tx: Db, actor: Actor, event: AuditEvent, details: Details): Promise<void> {
  return appendAudit(
    tx,
    { bankId: actor.bankId, customerId: actor.customerId, channel: actor.channel, event, details },
    actor.now,
  );
}

/** What the audit says of a payment: never more than six characters of its id. */
function described(payment: PartialTerms & { readonly id: string }): Details {
  return {
    payment: payment.id.slice(-6),
    kind: payment.kind,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
  };
}

async function lockedRow(tx: Db, paymentId: string, actor: Actor): Promise<PendingPayment | undefined> {
  return (await lockedWithLease(tx, paymentId, actor)).payment;
}

/** The payment, locked for this transaction, and who holds its lease. */
async function lockedWithLease(
  tx: Db,
  paymentId: string,
  actor: Actor,
): Promise<{ payment?: PendingPayment; leaseHolder?: string }> {
  const row = await queryOne<PendingRow & { lease_holder: string | null }>(
    tx,
    `SELECT ${PENDING_COLUMNS}, lease_holder FROM pending_payments
     WHERE id = ? AND bank_id = ? AND customer_id = ? FOR UPDATE`,
    [paymentId, actor.bankId, actor.customerId],
  );
  return row ? { payment: paymentFromRow(row), leaseHolder: row.lease_holder ?? undefined } : {};
}

async function setStatus(
  tx: Db,
  paymentId: string,
  status: PendingPayment['status'],
  now: number,
  extra: {
    outcome?: string | null;
    spendingDay?: string;
    attempts?: number;
    lease?: { holder: string; until: number } | null;
  } = {},
): Promise<void> {
  const columns: Record<string, string | number | null> = { status, decided_at: now };
  if (extra.outcome !== undefined) columns.outcome = extra.outcome;
  if (extra.spendingDay !== undefined) columns.spending_day = extra.spendingDay;
  if (extra.attempts !== undefined) columns.attempts = extra.attempts;
  if (extra.lease !== undefined) {
    columns.lease_holder = extra.lease?.holder ?? null;
    columns.lease_until = extra.lease?.until ?? null;
  }
  const sets = Object.keys(columns).map((column) => `${column} = ?`);
  const values = Object.values(columns);
  await tx.run(`UPDATE pending_payments SET ${sets.join(', ')} WHERE id = ?`, [...values, paymentId]);
}

/** Closes an open record (gathering terms or awaiting its PIN); false when it was not open. */
async function closeOpen(tx: Db, paymentId: string, actor: Actor, to: 'superseded' | 'refused' | 'cancelled') {
  const changed = await tx.run(
    `UPDATE pending_payments SET status = ?, decided_at = ?
     WHERE id = ? AND bank_id = ? AND customer_id = ? AND status IN (${placeholders(OPEN_STATUSES)})`,
    [to, actor.now, paymentId, actor.bankId, actor.customerId, ...OPEN_STATUSES],
  );
  return changed === 1;
}

export type Proposal =
  | { readonly status: 'collecting'; readonly terms: PartialTerms }
  /** Read back to the customer in these words: the PIN approves exactly this. */
  | { readonly status: 'awaiting_pin'; readonly terms: CompleteTerms; readonly readBack: string };

export function paymentTransitions(db: Db) {
  return {
    /**
     * A new record for the terms gathered so far, or read back, replacing the one the
     * conversation had: terms never change under a PIN.
     */
    propose(actor: Actor, proposal: Proposal, previousId: string | undefined, ttlMs: number): Promise<PendingPayment> {
      return db.transaction(async (tx) => {
        if (previousId) await closeOpen(tx, previousId, actor, 'superseded');
        const id = newPendingId();
        const t: PartialTerms = proposal.terms;
        await tx.run(
          `INSERT INTO pending_payments (id, bank_id, customer_id, kind, status, source_account_id, payee_id,
             destination_account_id, amount_minor, currency, channel, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            actor.bankId,
            actor.customerId,
            t.kind,
            proposal.status,
            t.sourceAccountId ?? null,
            t.payeeId ?? null,
            t.destinationAccountId ?? null,
            t.amountMinor ?? null,
            t.currency ?? null,
            actor.channel,
            actor.now,
            actor.now + ttlMs,
          ],
        );
        if (proposal.status === 'awaiting_pin') {
          await audit(tx, actor, 'payment.requested', { ...described({ ...t, id }), readBack: proposal.readBack });
        }
        return (await findPayment(tx, id, actor.bankId, actor.customerId)) as PendingPayment;
      });
    },

    /**
     * A payment refused before its PIN (limits, funds, an unknown payee): the conversation's
     * open record, if any, is closed as refused, and the refusal audited with it.
     */
    refuse(actor: Actor, previousId: string | undefined, details: PartialTerms & { readonly reason: string }) {
      return db.transaction(async (tx) => {
        const closed = previousId !== undefined && (await closeOpen(tx, previousId, actor, 'refused'));
        const { reason, ...terms } = details;
        await audit(tx, actor, 'payment.refused', {
          ...(closed ? described({ ...terms, id: previousId }) : { kind: terms.kind }),
          amountMinor: terms.amountMinor,
          currency: terms.currency,
          reason,
        });
      });
    },

    /** The customer said no, or voice payments locked: an open payment is dropped. */
    cancel(actor: Actor, paymentId: string, reason: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const payment = await lockedRow(tx, paymentId, actor);
        if (!payment || !(await closeOpen(tx, paymentId, actor, 'cancelled'))) return false;
        await audit(tx, actor, 'payment.cancelled', { ...described(payment), reason });
        return true;
      });
    },

    /** An open payment past its time; false when it was not open or not yet expired. */
    expire(actor: Actor, paymentId: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const payment = await lockedRow(tx, paymentId, actor);
        if (!payment || !(OPEN_STATUSES as readonly string[]).includes(payment.status)) return false;
        if (payment.expiresAt > actor.now) return false;
        await setStatus(tx, paymentId, 'expired', actor.now);
        await audit(tx, actor, 'payment.expired', described(payment));
        return true;
      });
    },

    /**
     * The right PIN for a payment awaiting it: reserves the amount against the day's limit
     * and approves it, handing its lease to `holder`; or refuses it when the limit would be
     * passed. Both, or neither.
     */
    approve(
      actor: Actor,
      paymentId: string,
      terms: { readonly day: string; readonly limitMinor: number; readonly holder: string; readonly leaseMs: number },
    ): Promise<Approval> {
      return db.transaction(async (tx): Promise<Approval> => {
        const payment = await lockedRow(tx, paymentId, actor);
        if (payment?.status !== 'awaiting_pin' || payment.expiresAt <= actor.now) return { kind: 'unchanged', payment };
        const spending = {
          bankId: actor.bankId,
          customerId: actor.customerId,
          day: terms.day,
          currency: payment.currency,
        };
        if (!(await reserveSpending(tx, spending, payment.amountMinor, terms.limitMinor))) {
          await setStatus(tx, paymentId, 'refused', actor.now);
          await audit(tx, actor, 'payment.refused', { ...described(payment), reason: 'over_daily_limit' });
          return { kind: 'over_daily_limit', spentMinor: await spentOn(tx, spending) };
        }
        await setStatus(tx, paymentId, 'approved', actor.now, {
          spendingDay: terms.day,
          attempts: 1,
          lease: { holder: terms.holder, until: actor.now + terms.leaseMs },
        });
        await audit(tx, actor, 'payment.approved', described(payment));
        return {
          kind: 'approved',
          payment: { ...(payment as AwaitingPin), status: 'approved', spendingDay: terms.day, attempts: 1 },
        };
      });
    },

    /**
     * Takes an undecided payment nobody is talking to the bank about, to ask the bank again
     * under the same key; undefined when someone else holds it or it is decided.
     */
    async claim(actor: Actor, paymentId: string, holder: string, leaseMs: number): Promise<Undecided | undefined> {
      const changed = await db.run(
        `UPDATE pending_payments SET status = 'approved', attempts = attempts + 1, outcome = NULL,
           lease_holder = ?, lease_until = ?
         WHERE id = ? AND bank_id = ? AND customer_id = ?
           AND (status = 'unknown' OR (status = 'approved' AND (lease_until IS NULL OR lease_until < ?)))`,
        [holder, actor.now + leaseMs, paymentId, actor.bankId, actor.customerId, actor.now],
      );
      if (changed !== 1) return undefined;
      return (await findPayment(db, paymentId, actor.bankId, actor.customerId)) as Undecided;
    },

    /**
     * What the bank said, recorded by the lease's holder: executed; rejected (giving the
     * reservation back to its day); or still unknown. A "not sent" proves nothing moved
     * only on the first attempt: after a lost one, the payment stays unknown.
     */
    record(actor: Actor, paymentId: string, holder: string, answer: BankAnswer): Promise<Recorded> {
      return db.transaction(async (tx): Promise<Recorded> => {
        const { payment, leaseHolder } = await lockedWithLease(tx, paymentId, actor);
        if (payment?.status !== 'approved' || leaseHolder !== holder) return { won: false, payment };
        const resolved: BankAnswer =
          answer.kind === 'not_sent'
            ? payment.attempts <= 1
              ? { kind: 'rejected', outcome: { status: 'rejected', reference: '', reason: 'not_sent' } }
              : { kind: 'undecided', reason: 'answer_lost' }
            : answer;
        const noLease = null;
        switch (resolved.kind) {
          case 'completed':
            await setStatus(tx, paymentId, 'executed', actor.now, {
              outcome: JSON.stringify(resolved.outcome),
              lease: noLease,
            });
            await audit(tx, actor, 'payment.executed', {
              ...described(payment),
              reference: resolved.outcome.reference,
            });
            return { won: true, payment: { ...payment, status: 'executed', outcome: resolved.outcome } };
          case 'rejected':
            await setStatus(tx, paymentId, 'rejected', actor.now, {
              outcome: JSON.stringify(resolved.outcome),
              lease: noLease,
            });
            await releaseSpending(
              tx,
              {
                bankId: actor.bankId,
                customerId: actor.customerId,
                day: payment.spendingDay,
                currency: payment.currency,
              },
              payment.amountMinor,
            );
            await audit(tx, actor, 'payment.rejected', {
              ...described(payment),
              reference: resolved.outcome.reference || undefined,
              reason: resolved.outcome.reason,
            });
            return { won: true, payment: { ...payment, status: 'rejected', outcome: resolved.outcome } };
          case 'undecided':
            await setStatus(tx, paymentId, 'unknown', actor.now, {
              outcome: JSON.stringify(resolved.reason),
              lease: noLease,
            });
            await audit(tx, actor, 'payment.outcome_unknown', {
              ...described(payment),
              reason: resolved.reason,
              error: resolved.error,
            });
            return { won: true, payment: { ...payment, status: 'unknown', undecided: resolved.reason } };
        }
      });
    },

    /** Every open payment of a customer, cancelled (and audited) at once. */
    cancelAllOpen(actor: Actor, reason: string): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await tx.query<PendingRow>(
          `SELECT ${PENDING_COLUMNS} FROM pending_payments
           WHERE bank_id = ? AND customer_id = ? AND status IN (${placeholders(OPEN_STATUSES)}) FOR UPDATE`,
          [actor.bankId, actor.customerId, ...OPEN_STATUSES],
        );
        for (const payment of rows.map(paymentFromRow)) {
          await closeOpen(tx, payment.id, actor, 'cancelled');
          await audit(tx, actor, 'payment.cancelled', { ...described(payment), reason });
        }
        return rows.length;
      });
    },
  };
}
