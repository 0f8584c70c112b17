/**
 * The answer to a read-back: the voice PIN approves exactly the payment that was read,
 * once; "no" or cancel drops it; anything else asks again. Every change of a payment's
 * status is one transition of the store's state machine, which also reserves or gives
 * back the day's spending and writes the audit; this module picks the transition and says
 * what became of the payment. Execution uses an idempotency key derived from the pending
 * payment, so retries, replays and concurrent confirmations move money once, and every
 * confirmation answers from what the store recorded.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PaymentNotSentError, type PaymentOrder } from '../../bank/connector';
import { parseDecimal } from '../../money';
import { PIN_PATTERN } from '../../security/pin-hash';
import type { Actor, BankAnswer, Recorded } from '../../store/payment-transitions';
import type { PendingPayment, Settled, Undecided } from '../../store/pending-payments';
import type { Draft } from '../../voice/draft';
import { characters, plain, type Spoken } from '../../voice/spoken';
import { accountName, answer, ask } from '../answers';
import type { CustomerTurn } from '../context';
import { availableMinor, PrivateUntilPinError } from '../customer-bank';
import { askPinAgain, lockedDraft, readBack } from './pay';

/** At most 40 characters, as Open Banking allows: "saldo-" and the 22-character pending id. */
function idempotencyKeyFor(payment: Pick<PendingPayment, 'id'>): string {
  return `saldo-${payment.id}`;
}

/** How long a confirmation waits for another one that is sending the same payment. */
const DECISION_WAIT_MS = 6000;
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 250;

/** Statuses a PIN can be said for: to approve, or to hear what became of the payment. */
const CONFIRMABLE: ReadonlySet<PendingPayment['status']> = new Set([
  'awaiting_pin',
  'approved',
  'unknown',
  'executed',
  'rejected',
]);

/** What settling a payment needs of a turn: who, on which platform, and the bank to ask. */
export type SettlingTurn = Pick<CustomerTurn, 'deps' | 'customer' | 'bank'> & {
  readonly turn: Pick<CustomerTurn['turn'], 'platform'>;
};

export function actorOf(ctx: SettlingTurn): Actor {
  return {
    bankId: ctx.deps.payments.bankId,
    customerId: ctx.customer.id,
    channel: ctx.turn.platform,
    now: ctx.deps.now().getTime(),
  };
}

async function currentPayment(ctx: CustomerTurn): Promise<PendingPayment | undefined> {
  const id = ctx.turn.session.payment;
  if (!id) return undefined;
  return ctx.deps.payments.store.find(id, ctx.deps.payments.bankId, ctx.customer.id);
}

function isExpired(ctx: CustomerTurn, payment: PendingPayment): boolean {
  return payment.expiresAt <= ctx.deps.now().getTime();
}

async function expire(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft> {
  await ctx.deps.payments.store.expire(actorOf(ctx), payment.id);
  return answer(ctx, ctx.say.paymentExpired(), {});
}

/** The source account's available balance now, when this turn may tell it. */
async function availableAfter(ctx: CustomerTurn, payment: Settled): Promise<Spoken | undefined> {
  try {
    const minor = availableMinor(await ctx.bank.balances(payment.sourceAccountId));
    return minor === undefined ? undefined : ctx.say.money({ minor, currency: payment.currency });
  } catch (error) {
    // Before the PIN in privacy mode, or the bank is busy: the outcome is said without it.
    if (!(error instanceof PrivateUntilPinError))
      ctx.deps.log.warn({ reason: error instanceof Error ? error.name : 'unknown' }, 'no balance after a payment');
    return undefined;
  }
}

async function outcomeDraft(ctx: CustomerTurn, payment: Settled): Promise<Draft> {
  const { say } = ctx;
  const outcome = payment.outcome;
  if (outcome.status === 'rejected') {
    const speech =
      outcome.reason === 'not_sent'
        ? say.paymentNotSent(ctx.bankName)
        : say.paymentRejected(outcome.reason === 'insufficient_funds');
    return answer(ctx, speech, {});
  }
  const accounts = await ctx.bank.accounts();
  const source = accounts.find((a) => a.id === payment.sourceAccountId);
  const amount = say.money({ minor: payment.amountMinor, currency: payment.currency });
  const available = await availableAfter(ctx, payment);
  const reference = characters(outcome.reference);
  const from = source ? accountName(say, source) : plain(say.kindNames.other);
  let speech: Spoken;
  if (payment.kind === 'bill') {
    const payee = (await ctx.bank.payees()).find((p) => p.id === payment.payeeId);
    speech = say.paidBill({ amount, payee: payee?.name ?? '', account: from, reference, available });
  } else {
    const destination = accounts.find((a) => a.id === payment.destinationAccountId);
    const to = destination ? accountName(say, destination) : from;
    speech = say.transferred({ amount, from, to, reference, available });
  }
  return answer(ctx, speech, {}, { title: say.paymentCardTitle(), lines: [speech] });
}

function orderFor(payment: Undecided): PaymentOrder {
  return {
    idempotencyKey: idempotencyKeyFor(payment),
    sourceAccountId: payment.sourceAccountId,
    destination:
      payment.kind === 'bill'
        ? { kind: 'payee', payeeId: payment.payeeId }
        : { kind: 'account', accountId: payment.destinationAccountId },
    amount: { minor: payment.amountMinor, currency: payment.currency },
    reference: 'Saldo voice payment',
  };
}

/** The bank's answer to the payment, as the state machine records it. */
async function askBank(ctx: SettlingTurn, payment: Undecided): Promise<BankAnswer> {
  try {
    const result = await ctx.bank.pay(orderFor(payment));
    switch (result.status) {
      case 'completed': {
        const reference = result.paymentId
          .replace(/[^0-9A-Za-z]/g, '')
          .slice(-4)
          .toUpperCase();
        return { kind: 'completed', outcome: { status: 'completed', reference } };
      }
      case 'rejected':
        return {
          kind: 'rejected',
          outcome: { status: 'rejected', reference: result.paymentId.slice(-4), reason: result.reason },
        };
      case 'pending':
        return { kind: 'undecided', reason: result.awaiting };
    }
  } catch (error) {
    // The order never reached the bank: whether that settles it is the state machine's call.
    if (error instanceof PaymentNotSentError) return { kind: 'not_sent' };
    ctx.deps.log.warn(
      { payment: payment.id.slice(-6), reason: error instanceof Error ? error.message : String(error) },
      'payment outcome unknown',
    );
    return { kind: 'undecided', reason: 'answer_lost', error: error instanceof Error ? error.name : 'unknown' };
  }
}

/**
 * Sends a payment this caller holds the lease of, and records what the bank said. The
 * record is the holder's alone; if the lease was lost meanwhile, the store's state is
 * what counts.
 */
export async function sendAndRecord(ctx: SettlingTurn, payment: Undecided, holder: string): Promise<Recorded> {
  const answerFromBank = await askBank(ctx, payment);
  return ctx.deps.payments.store.record(actorOf(ctx), payment.id, holder, answerFromBank);
}

/** Another confirmation is sending this payment right now: wait for what it records. */
async function decisionOf(ctx: CustomerTurn, paymentId: string): Promise<PendingPayment | undefined> {
  const { store, bankId } = ctx.deps.payments;
  const deadline = Date.now() + DECISION_WAIT_MS;
  let pause = POLL_FIRST_MS;
  for (;;) {
    const payment = await store.find(paymentId, bankId, ctx.customer.id);
    if (payment?.status !== 'approved' || Date.now() >= deadline) return payment;
    await sleep(pause + Math.random() * pause);
    pause = Math.min(POLL_MAX_MS, pause * 2);
  }
}

/** What the customer hears about a payment, from where the store says it stands. */
async function answerFor(ctx: CustomerTurn, payment: PendingPayment | undefined, waited = false): Promise<Draft> {
  const { say } = ctx;
  switch (payment?.status) {
    case 'executed':
    case 'rejected':
      return outcomeDraft(ctx, payment);
    case 'unknown':
      if (payment.undecided === 'customer_approval') {
        return ask(say.approveInBankApp(ctx.bankName), { payment: payment.id }, undefined, ['yes', 'no']);
      }
      return { speech: say.paymentOutcomeUnknown(ctx.bankName), session: {}, endSession: true };
    case 'approved':
      if (!waited) return answerFor(ctx, await decisionOf(ctx, payment.id), true);
      return { speech: say.paymentOutcomeUnknown(ctx.bankName), session: {}, endSession: true };
    default:
      return answer(ctx, say.noPendingPayment(), {});
  }
}

/** Reserves the day's spending and approves (both, or neither), then sends the payment. */
async function approveAndSend(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft> {
  const { store, limits } = ctx.deps.payments;
  const { say } = ctx;
  const currency = payment.currency ?? '';
  const perDay = parseDecimal(limits.perDay, currency);
  const holder = randomUUID();
  const approval = await store.approve(actorOf(ctx), payment.id, {
    day: ctx.today,
    limitMinor: perDay.minor,
    holder,
    leaseMs: ctx.deps.payments.leaseMs,
  });
  switch (approval.kind) {
    case 'over_daily_limit': {
      const remaining = { minor: Math.max(0, perDay.minor - approval.spentMinor), currency };
      return answer(ctx, say.overDailyLimit({ limit: say.money(perDay), remaining: say.money(remaining) }), {});
    }
    case 'unchanged':
      return approval.payment && approval.payment.status === 'awaiting_pin' && isExpired(ctx, approval.payment)
        ? expire(ctx, approval.payment)
        : answerFor(ctx, approval.payment);
    case 'approved':
      return answerFor(ctx, (await sendAndRecord(ctx, approval.payment, holder)).payment);
  }
}

/** After a right PIN: approve and send, ask the bank again about an undecided one, or tell the outcome. */
async function settle(ctx: CustomerTurn, payment: PendingPayment): Promise<Draft> {
  if (payment.status === 'awaiting_pin') return approveAndSend(ctx, payment);
  if (payment.status === 'approved' || payment.status === 'unknown') return askAgain(ctx, payment);
  return answerFor(ctx, payment);
}

/** An undecided payment: ask the bank again under the same key, unless someone else is asking now. */
async function askAgain(ctx: CustomerTurn, payment: Undecided): Promise<Draft> {
  const holder = randomUUID();
  const claimed = await ctx.deps.payments.store.claim(actorOf(ctx), payment.id, holder, ctx.deps.payments.leaseMs);
  if (!claimed) return answerFor(ctx, payment);
  return answerFor(ctx, (await sendAndRecord(ctx, claimed, holder)).payment);
}

/** Locked: the waiting payment is dropped and the customer told how to unlock. */
async function lockedOut(ctx: CustomerTurn, payment: PendingPayment | undefined, justLocked: boolean): Promise<Draft> {
  if (payment?.status === 'awaiting_pin') {
    await ctx.deps.payments.store.cancel(actorOf(ctx), payment.id, 'voice_payments_locked');
  }
  return lockedDraft(ctx, justLocked);
}

export async function providePin(ctx: CustomerTurn): Promise<Draft> {
  const { say } = ctx;
  const payment = await currentPayment(ctx);
  // No payment, no check: a PIN said out of context is neither verified nor counted.
  if (!payment || !CONFIRMABLE.has(payment.status)) return answer(ctx, say.noPendingPayment(), {});
  const pin = ctx.turn.slots.pin?.spoken?.trim() ?? '';
  if (!PIN_PATTERN.test(pin)) return ask(say.pinFormat(), { payment: payment.id }, 'pin');
  if (payment.status === 'awaiting_pin' && isExpired(ctx, payment)) return expire(ctx, payment);
  return ctx.deps.payments.confirmations.run(
    [ctx.customer.id, payment.id, pin, ctx.say.locale, ctx.turn.platform, String(ctx.turn.newSession)],
    () => confirm(ctx, payment, pin),
  );
}

type Verdict =
  { readonly kind: 'right'; readonly payment: PendingPayment } | { readonly kind: 'answered'; readonly draft: Draft };

/** Checks the PIN holding the customer's PIN lease; the bank is called after it is given back. */
async function confirm(ctx: CustomerTurn, payment: PendingPayment, pin: string): Promise<Draft> {
  const { say } = ctx;
  const { pins, bankId, store } = ctx.deps.payments;
  let verdict: Verdict;
  try {
    verdict = await pins.exclusive(bankId, ctx.customer.id, async (): Promise<Verdict> => {
      const current = await store.find(payment.id, bankId, ctx.customer.id);
      if (await pins.isLocked(bankId, ctx.customer.id))
        return { kind: 'answered', draft: await lockedOut(ctx, current, false) };
      if (!current || !CONFIRMABLE.has(current.status))
        return { kind: 'answered', draft: answer(ctx, say.noPendingPayment(), {}) };
      if (current.status === 'awaiting_pin' && isExpired(ctx, current))
        return { kind: 'answered', draft: await expire(ctx, current) };
      const check = await pins.check(bankId, ctx.customer.id, pin, ctx.turn.platform);
      switch (check.kind) {
        case 'ok':
          return { kind: 'right', payment: current };
        case 'wrong':
          return {
            kind: 'answered',
            draft: ask(say.pinWrong(check.triesLeft), { payment: current.id }, 'pin', ['cancel']),
          };
        case 'locked':
          return { kind: 'answered', draft: await lockedOut(ctx, current, check.justLocked) };
        case 'not-enrolled':
          if (current.status === 'awaiting_pin') await store.cancel(actorOf(ctx), current.id, 'pin_not_enrolled');
          return { kind: 'answered', draft: answer(ctx, say.pinNotEnrolled(ctx.bankName), {}) };
      }
    });
  } catch (error) {
    return askPinAgain(ctx, error, { payment: payment.id });
  }
  if (verdict.kind === 'answered') return verdict.draft;
  ctx.privacy.allow();
  return settle(ctx, verdict.payment);
}

/** "No" or cancel while a payment is open: nothing moves. Undefined when no payment is open. */
export async function cancelPayment(ctx: CustomerTurn, endSession: boolean): Promise<Draft | undefined> {
  const payment = await currentPayment(ctx);
  if (!payment || !(await ctx.deps.payments.store.cancel(actorOf(ctx), payment.id, 'customer'))) return undefined;
  const speech = ctx.say.paymentCancelled();
  return endSession ? { speech, session: {}, endSession: true } : answer(ctx, speech, {});
}

/**
 * "Yes" to a read-back: the PIN is what approves, so ask for it. "Yes" after being asked to
 * approve a payment in the bank's app: ask the bank where it stands. Undefined otherwise.
 */
export async function yesToPayment(ctx: CustomerTurn): Promise<Draft | undefined> {
  const payment = await currentPayment(ctx);
  if (payment?.status === 'unknown' && payment.undecided === 'customer_approval') return askAgain(ctx, payment);
  if (payment?.status !== 'awaiting_pin') return undefined;
  if (isExpired(ctx, payment)) return expire(ctx, payment);
  return ask(ctx.say.pinInsteadOfYes(), { payment: payment.id }, 'pin');
}

/** "Repeat" while a payment awaits its PIN: the read-back again, from the store. */
export async function repeatReadBack(ctx: CustomerTurn): Promise<Draft | undefined> {
  const payment = await currentPayment(ctx);
  if (payment?.status !== 'awaiting_pin' || isExpired(ctx, payment)) return undefined;
  const speech = await readBack(ctx, payment);
  return (
    speech && {
      speech,
      reprompt: ctx.say.pinPrompt(),
      session: { payment: payment.id },
      endSession: false,
      elicitSlot: 'pin',
      suggest: ['cancel'],
    }
  );
}
