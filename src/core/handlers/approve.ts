/**
 * The answer to a read-back: the voice PIN approves exactly the payment that was read,
 * once; "no" or cancel drops it; anything else asks again. Execution uses an
 * idempotency key derived from the pending payment, so retries, replays and concurrent
 * confirmations move money once and all hear the same outcome.
 */
import {
  PaymentNotSentError,
  type PaymentOrder,
  type PaymentRejection,
  type PaymentResult,
} from '../../bank/connector';
import { parseDecimal } from '../../money';
import { PIN_PATTERN } from '../../security/pin-hash';
import { PinCheckBusyError } from '../../security/voice-pin';
import type { PendingPayment, PendingStatus } from '../../store/pending-payments';
import { characters, plain, type Spoken } from '../../voice/spoken';
import { accountName, answer, ask } from '../answers';
import type { CustomerTurn } from '../context';
import type { Draft } from '../../voice/draft';
import { lockedDraft, readBack } from './pay';

/** At most 40 characters, as Open Banking allows: "saldo-" and the 22-character pending id. */
export function idempotencyKeyFor(payment: PendingPayment): string {
  return `saldo-${payment.id}`;
}

interface Outcome {
  readonly status: 'completed' | 'rejected';
  /** The last four characters of the bank's payment id. */
  readonly reference: string;
  readonly availableMinor?: number;
  readonly reason?: PaymentRejection;
}

async function currentPayment(ctx: CustomerTurn): Promise<PendingPayment | undefined> {
  const id = ctx.turn.session.payment;
  if (!id) return undefined;
  const { pending, bankId } = ctx.deps.payments;
  return pending.find(id, bankId, ctx.customer.id);
}

function audit(
  ctx: CustomerTurn,
  event: Parameters<CustomerTurn['deps']['payments']['audit']>[0]['event'],
  payment: PendingPayment,
  details: Record<string, string | number | undefined> = {},
) {
  return ctx.deps.payments.audit({
    bankId: ctx.deps.payments.bankId,
    customerId: ctx.customer.id,
    channel: ctx.turn.platform,
    event,
    details: {
      payment: payment.id.slice(-6),
      kind: payment.kind,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      ...details,
    },
  });
}

async function expire(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft> {
  if (
    await ctx.deps.payments.pending.transition(
      payment.id,
      ['collecting', 'awaiting_pin'],
      'expired',
      ctx.deps.now().getTime(),
    )
  ) {
    await audit(ctx, 'payment.expired', payment);
  }
  return answer(ctx, ctx.say.paymentExpired(), {});
}

function isExpired(ctx: CustomerTurn, payment: PendingPayment): boolean {
  return payment.expiresAt <= ctx.deps.now().getTime();
}

async function outcomeDraft(ctx: CustomerTurn, payment: PendingPayment, outcome: Outcome): Promise<Draft> {
  const { say } = ctx;
  if (outcome.status === 'rejected') {
    const speech =
      outcome.reason === 'not_sent'
        ? say.paymentNotSent(ctx.bankName)
        : say.paymentRejected(outcome.reason === 'insufficient_funds');
    return answer(ctx, speech, {});
  }
  const accounts = await ctx.accounts();
  const source = accounts.find((a) => a.id === payment.sourceAccountId);
  const currency = payment.currency as string;
  const amount = say.money({ minor: payment.amountMinor as number, currency });
  const available =
    outcome.availableMinor === undefined ? undefined : say.money({ minor: outcome.availableMinor, currency });
  const reference = characters(outcome.reference);
  const from = source ? accountName(say, source) : plain(say.kindNames.other);
  let speech: Spoken;
  if (payment.kind === 'bill') {
    const payee = (await ctx.deps.connector.listPayees(ctx.accessToken)).find((p) => p.id === payment.payeeId);
    speech = say.paidBill({ amount, payee: payee?.name ?? '', account: from, reference, available });
  } else {
    const destination = accounts.find((a) => a.id === payment.destinationAccountId);
    const to = destination ? accountName(say, destination) : from;
    speech = say.transferred({ amount, from, to, reference, available });
  }
  return answer(ctx, speech, {}, { title: say.paymentCardTitle(), lines: [speech] });
}

function parseOutcome(payment: PendingPayment): Outcome | undefined {
  if (!payment.outcome) return undefined;
  try {
    return JSON.parse(payment.outcome) as Outcome;
  } catch {
    return undefined;
  }
}

/** Reserves the day's spending and marks the payment approved; undefined when approved. */
async function approve(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft | undefined> {
  const { spending, limits, pending, bankId } = ctx.deps.payments;
  const { say } = ctx;
  const currency = payment.currency as string;
  const amountMinor = payment.amountMinor as number;
  const perDay = parseDecimal(limits.perDay, currency);
  if (!(await spending.reserve(bankId, ctx.customer.id, ctx.today, currency, amountMinor, perDay.minor))) {
    await pending.transition(payment.id, ['awaiting_pin'], 'refused', ctx.deps.now().getTime());
    await audit(ctx, 'payment.refused', payment, { reason: 'over_daily_limit' });
    const spent = await spending.spentOn(bankId, ctx.customer.id, ctx.today, currency);
    const remaining = { minor: Math.max(0, perDay.minor - spent), currency };
    return answer(ctx, say.overDailyLimit({ limit: say.money(perDay), remaining: say.money(remaining) }), {});
  }
  if (!(await pending.transition(payment.id, ['awaiting_pin'], 'approved', ctx.deps.now().getTime()))) {
    await spending.release(bankId, ctx.customer.id, ctx.today, currency, amountMinor);
    return answer(ctx, say.noPendingPayment(), {});
  }
  await audit(ctx, 'payment.approved', payment);
  return undefined;
}

/**
 * Sends an approved payment to the bank under its idempotency key and records what
 * became of it; undefined when the bank's answer was lost (the payment stays approved,
 * and asking again with the same key can never pay twice).
 */
export async function executeApproved(
  ctx: CustomerTurn,
  payment: PendingPayment,
): Promise<{ payment: PendingPayment; outcome: Outcome } | undefined> {
  const { pending, spending, bankId } = ctx.deps.payments;
  const currency = payment.currency as string;
  const amountMinor = payment.amountMinor as number;
  const order: PaymentOrder = {
    idempotencyKey: idempotencyKeyFor(payment),
    sourceAccountId: payment.sourceAccountId as string,
    destination:
      payment.kind === 'bill'
        ? { kind: 'payee', payeeId: payment.payeeId as string }
        : { kind: 'account', accountId: payment.destinationAccountId as string },
    amount: { minor: amountMinor, currency },
    reference: 'Saldo voice payment',
  };
  let result: PaymentResult;
  try {
    result = await ctx.deps.connector.makePayment(ctx.accessToken, order);
  } catch (error) {
    if (!(error instanceof PaymentNotSentError)) {
      ctx.deps.log.warn(
        { payment: payment.id.slice(-6), reason: error instanceof Error ? error.message : String(error) },
        'payment outcome unknown',
      );
      await audit(ctx, 'payment.outcome_unknown', payment, { reason: error instanceof Error ? error.name : 'unknown' });
      return undefined;
    }
    // The order never reached the bank: nothing moved, so say so plainly.
    result = { status: 'rejected', paymentId: payment.id, reason: 'not_sent' };
  }
  if (result.status === 'pending') {
    // Not decided yet: it stays approved and is asked about again under the same key.
    await audit(ctx, 'payment.outcome_unknown', payment, { reason: result.awaiting });
    return undefined;
  }
  let outcome: Outcome;
  let status: PendingStatus;
  if (result.status === 'completed') {
    const balances = await ctx.deps.connector
      .getBalances(ctx.accessToken, order.sourceAccountId)
      .catch(() => undefined);
    const available = balances?.balances.find((b) => b.type === 'available');
    outcome = {
      status: 'completed',
      reference: result.paymentId
        .replace(/[^0-9A-Za-z]/g, '')
        .slice(-4)
        .toUpperCase(),
      availableMinor: available
        ? available.creditDebit === 'debit'
          ? -available.amount.minor
          : available.amount.minor
        : undefined,
    };
    status = 'executed';
  } else {
    await spending.release(bankId, ctx.customer.id, ctx.today, currency, amountMinor);
    outcome = { status: 'rejected', reference: result.paymentId.slice(-4), reason: result.reason };
    status = 'rejected';
  }
  if (await pending.transition(payment.id, ['approved'], status, ctx.deps.now().getTime(), JSON.stringify(outcome))) {
    await audit(ctx, status === 'executed' ? 'payment.executed' : 'payment.rejected', payment, {
      reference: outcome.reference,
      reason: result.status === 'rejected' ? result.reason : undefined,
    });
    return { payment, outcome };
  }
  // Another confirmation recorded it first: answer with what it recorded.
  const recorded = await pending.find(payment.id, bankId, ctx.customer.id);
  const recordedOutcome = recorded && parseOutcome(recorded);
  return recorded && recordedOutcome ? { payment: recorded, outcome: recordedOutcome } : { payment, outcome };
}

async function execute(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft> {
  const settled = await executeApproved(ctx, payment);
  if (!settled) return { speech: ctx.say.paymentOutcomeUnknown(ctx.bankName), session: {}, endSession: true };
  return outcomeDraft(ctx, settled.payment, settled.outcome);
}

/** After a right PIN: approve (once), execute (idempotently), or repeat the recorded outcome. */
async function settle(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft> {
  const recorded = parseOutcome(payment);
  if ((payment.status === 'executed' || payment.status === 'rejected') && recorded)
    return outcomeDraft(ctx, payment, recorded);
  if (payment.status === 'awaiting_pin') {
    const refused = await approve(ctx, payment);
    if (refused) return refused;
    return execute(ctx, { ...payment, status: 'approved' });
  }
  if (payment.status === 'approved') return execute(ctx, payment);
  return answer(ctx, ctx.say.noPendingPayment(), {});
}

/** Locked: the waiting payment is dropped and the customer told how to unlock. */
async function lockedOut(ctx: CustomerTurn, payment: PendingPayment | undefined, justLocked: boolean): Promise<Draft> {
  if (
    payment &&
    (await ctx.deps.payments.pending.transition(payment.id, ['awaiting_pin'], 'cancelled', ctx.deps.now().getTime()))
  ) {
    await audit(ctx, 'payment.cancelled', payment, { reason: 'voice_payments_locked' });
  }
  return lockedDraft(ctx, justLocked);
}

const CONFIRMABLE: readonly PendingStatus[] = ['awaiting_pin', 'approved', 'executed', 'rejected'];

export async function providePin(ctx: CustomerTurn): Promise<Draft> {
  const { say } = ctx;
  const payment = await currentPayment(ctx);
  // No payment, no check: a PIN said out of context is neither verified nor counted.
  if (!payment || !CONFIRMABLE.includes(payment.status)) return answer(ctx, say.noPendingPayment(), {});
  const pin = ctx.turn.slots.pin?.spoken?.trim() ?? '';
  if (!PIN_PATTERN.test(pin)) return ask(say.pinFormat(), { payment: payment.id });
  if (payment.status === 'awaiting_pin' && isExpired(ctx, payment)) return expire(ctx, payment);
  return ctx.deps.payments.confirmations.run(
    [ctx.customer.id, payment.id, pin, ctx.say.locale, ctx.turn.platform, String(ctx.turn.newSession)],
    () => confirm(ctx, payment, pin),
  );
}

async function confirm(ctx: CustomerTurn, payment: PendingPayment, pin: string): Promise<Draft> {
  const { say } = ctx;
  const { pins, bankId, pending } = ctx.deps.payments;
  try {
    return await pins.exclusive(bankId, ctx.customer.id, async () => {
      const current = await pending.find(payment.id, bankId, ctx.customer.id);
      if (await pins.isLocked(bankId, ctx.customer.id)) return lockedOut(ctx, current, false);
      if (!current || !CONFIRMABLE.includes(current.status)) return answer(ctx, say.noPendingPayment(), {});
      if (current.status === 'awaiting_pin' && isExpired(ctx, current)) return expire(ctx, current);
      const check = await pins.check(bankId, ctx.customer.id, pin, ctx.turn.platform);
      switch (check.kind) {
        case 'ok':
          return settle(ctx, current);
        case 'wrong':
          return ask(say.pinWrong(check.triesLeft), { payment: current.id }, undefined, ['cancel']);
        case 'locked':
          return lockedOut(ctx, current, check.justLocked);
        case 'not-enrolled':
          await pending.transition(current.id, ['awaiting_pin'], 'cancelled', ctx.deps.now().getTime());
          return answer(ctx, say.pinNotEnrolled(ctx.bankName), {});
      }
    });
  } catch (error) {
    if (error instanceof PinCheckBusyError) return ask(say.pinBusy(), { payment: payment.id });
    throw error;
  }
}

/** "No" or cancel while a payment is open: nothing moves. Undefined when no payment is open. */
export async function cancelPayment(ctx: CustomerTurn, endSession: boolean): Promise<Draft | undefined> {
  const payment = await currentPayment(ctx);
  if (!payment) return undefined;
  if (
    !(await ctx.deps.payments.pending.transition(
      payment.id,
      ['collecting', 'awaiting_pin'],
      'cancelled',
      ctx.deps.now().getTime(),
    ))
  ) {
    return undefined;
  }
  await audit(ctx, 'payment.cancelled', payment, { reason: 'customer' });
  const speech = ctx.say.paymentCancelled();
  return endSession ? { speech, session: {}, endSession: true } : answer(ctx, speech, {});
}

/** "Yes" to a read-back: the PIN is what approves, so ask for it. Undefined when nothing awaits a PIN. */
export async function yesToReadBack(ctx: CustomerTurn): Promise<Draft | undefined> {
  const payment = await currentPayment(ctx);
  if (!payment || payment.status !== 'awaiting_pin') return undefined;
  if (isExpired(ctx, payment)) return expire(ctx, payment);
  return ask(ctx.say.pinInsteadOfYes(), { payment: payment.id });
}

/** "Repeat" while a payment awaits its PIN: the read-back again, from the store. */
export async function repeatReadBack(ctx: CustomerTurn): Promise<Draft | undefined> {
  const payment = await currentPayment(ctx);
  if (!payment || payment.status !== 'awaiting_pin' || isExpired(ctx, payment)) return undefined;
  const speech = await readBack(ctx, payment);
  return (
    speech && {
      speech,
      reprompt: ctx.say.pinPrompt(),
      session: { payment: payment.id },
      endSession: false,
      suggest: ['cancel'],
    }
  );
}
