/**
 * PayBill and TransferMoney: gather the payment's terms (asking for what is missing),
 * refuse what limits, funds or an unknown payee rule out, then read the payment back and
 * ask for the voice PIN. Nothing moves here.
 */
import type { Account, Payee } from '../../bank/connector';
import { parseDecimal, type Money } from '../../money';
import {
  OPEN_STATUSES,
  type CompleteTerms,
  type PartialTerms,
  type PaymentKind,
  type PendingPayment,
} from '../../store/pending-payments';
import { list, plain, type Spoken } from '../../voice/spoken';
import { accountName, accountOptions, answer, ask } from '../answers';
import { resolveAccount } from '../accounts';
import type { CustomerTurn } from '../context';
import { amountFromSlots } from '../payments/amount';
import { matchPayee } from '../payments/payees';
import type { Draft } from '../../voice/draft';
import { PinCheckDeferredError } from '../../security/pin-workers';
import { PinCheckBusyError } from '../../security/voice-pin';
import type { SessionState } from '../../shared/session';
import { actorOf } from './approve';
import { availableMinor } from '../customer-bank';

function isDeposit(account: Account): boolean {
  return account.kind === 'checking' || account.kind === 'savings';
}

/** The payment this conversation was preparing, if it is still open and of the same kind. */
async function openPayment(ctx: CustomerTurn, kind: PaymentKind): Promise<PendingPayment | undefined> {
  const id = ctx.turn.session.payment;
  if (!id) return undefined;
  const { store, bankId } = ctx.deps.payments;
  const found = await store.find(id, bankId, ctx.customer.id);
  const open =
    found && (OPEN_STATUSES as readonly string[]).includes(found.status) && found.expiresAt > ctx.deps.now().getTime();
  return open && found.kind === kind ? found : undefined;
}

/** Terms with everything a read-back states, or undefined while something is missing. */
function complete(terms: PartialTerms): CompleteTerms | undefined {
  const { sourceAccountId, amountMinor, currency } = terms;
  if (!sourceAccountId || amountMinor === undefined || !currency) return undefined;
  if (terms.kind === 'bill')
    return terms.payeeId ? { kind: 'bill', payeeId: terms.payeeId, sourceAccountId, amountMinor, currency } : undefined;
  return terms.destinationAccountId
    ? { kind: 'transfer', destinationAccountId: terms.destinationAccountId, sourceAccountId, amountMinor, currency }
    : undefined;
}

/** Says what is missing and keeps what is known, server-side, behind an opaque id. */
async function askFor(
  ctx: CustomerTurn,
  previous: PendingPayment | undefined,
  terms: PartialTerms,
  question: Spoken,
  slot: 'payee' | 'amount' | 'fromAccount' | 'toAccount',
): Promise<Draft> {
  const { store, pendingTtlMs } = ctx.deps.payments;
  const saved = await store.propose(actorOf(ctx), { status: 'collecting', terms }, previous?.id, pendingTtlMs);
  return ask(question, { payment: saved.id }, slot);
}

interface Refusal {
  readonly reason: string;
  readonly speech: Spoken;
}

async function refuse(
  ctx: CustomerTurn,
  previous: PendingPayment | undefined,
  terms: PartialTerms,
  refusal: Refusal,
): Promise<Draft> {
  await ctx.deps.payments.store.refuse(actorOf(ctx), previous?.id, { ...terms, reason: refusal.reason });
  return answer(ctx, refusal.speech, {});
}

/** Limits and funds, checked before the PIN is asked for (and the daily limit again at approval). */
async function refusalFor(ctx: CustomerTurn, source: Account, amount: Money): Promise<Refusal | undefined> {
  const { say } = ctx;
  const { limits, store, bankId } = ctx.deps.payments;
  const perPayment = parseDecimal(limits.perPayment, amount.currency);
  if (amount.minor > perPayment.minor)
    return { reason: 'over_payment_limit', speech: say.overPaymentLimit(say.money(perPayment)) };
  const perDay = parseDecimal(limits.perDay, amount.currency);
  const spent = await store.spentOn({ bankId, customerId: ctx.customer.id, day: ctx.today, currency: amount.currency });
  if (spent + amount.minor > perDay.minor) {
    const remaining = { minor: Math.max(0, perDay.minor - spent), currency: amount.currency };
    return {
      reason: 'over_daily_limit',
      speech: say.overDailyLimit({ limit: say.money(perDay), remaining: say.money(remaining) }),
    };
  }
  if (await ctx.bank.covers(source.id, amount)) return undefined;
  return {
    reason: 'insufficient_funds',
    speech: say.insufficientFunds({ account: accountName(say, source), available: await availableToTell(ctx, source) }),
  };
}

/** What the account has available, when this turn may tell the customer's money. */
async function availableToTell(ctx: CustomerTurn, source: Account): Promise<Spoken | undefined> {
  if (!ctx.privacy.allowed) return undefined;
  const minor = availableMinor(await ctx.bank.balances(source.id));
  return ctx.say.money({ minor: Math.max(0, minor ?? 0), currency: source.currency });
}

/** The read-back: amount with currency, payee (or destination account) and the masked source. */
export async function readBack(ctx: CustomerTurn, payment: CompleteTerms): Promise<Spoken | undefined> {
  const { say } = ctx;
  const accounts = await ctx.bank.accounts();
  const source = accounts.find((a) => a.id === payment.sourceAccountId);
  if (!source) return undefined;
  const amount = say.money({ minor: payment.amountMinor, currency: payment.currency });
  if (payment.kind === 'bill') {
    const payee = (await ctx.bank.payees()).find((p) => p.id === payment.payeeId);
    return payee && say.readBackBill({ amount, payee: payee.name, account: accountName(say, source) });
  }
  const destination = accounts.find((a) => a.id === payment.destinationAccountId);
  return (
    destination && say.readBackTransfer({ amount, from: accountName(say, source), to: accountName(say, destination) })
  );
}

function payeeOptions(ctx: CustomerTurn, payees: readonly Payee[]): Spoken {
  return list(
    payees.map((p) => plain(p.name)),
    ctx.say.locale,
    'or',
  );
}

export async function requestPayment(ctx: CustomerTurn, kind: PaymentKind): Promise<Draft> {
  const { say, turn } = ctx;
  const payments = ctx.deps.payments;
  if (await payments.pins.isLocked(payments.bankId, ctx.customer.id)) {
    return lockedDraft(ctx, false);
  }
  const previous = await openPayment(ctx, kind);
  const accounts = await ctx.bank.accounts();
  let terms: PartialTerms = previous ?? { kind };

  // Where the money goes.
  if (kind === 'bill') {
    const payees = await ctx.bank.payees();
    const choice = matchPayee(payees, turn.slots.payee);
    if (choice.kind === 'found') terms = { ...terms, payeeId: choice.payee.id };
    else if (choice.kind === 'ambiguous')
      return askFor(ctx, previous, terms, say.whichPayee(payeeOptions(ctx, choice.options)), 'payee');
    else if (choice.kind === 'none') {
      await payments.store.refuse(actorOf(ctx), undefined, { kind, reason: 'unknown_payee' });
      return askFor(ctx, previous, { ...terms, payeeId: undefined }, say.unknownPayee(choice.spoken), 'payee');
    }
    if (!terms.payeeId) return askFor(ctx, previous, terms, say.payWhom(), 'payee');
  } else {
    const choice = resolveAccount(accounts, turn.slots.toAccount, turn.locale);
    if (choice.kind === 'found') terms = { ...terms, destinationAccountId: choice.account.id };
    else if (choice.kind !== 'unspecified' || !terms.destinationAccountId) {
      const options = choice.kind === 'ambiguous' ? choice.options : accounts;
      return askFor(
        ctx,
        previous,
        terms,
        say.transferToWhich(accountOptions(say, options, choice.kind === 'ambiguous')),
        'toAccount',
      );
    }
  }

  // Where it comes from: named, or the only checking account.
  const sourceChoice = resolveAccount(accounts, turn.slots.fromAccount, turn.locale);
  const deposits = accounts.filter(isDeposit);
  // Money can leave any deposit account except the one it is going to.
  const sourcesFor = (t: PartialTerms) => deposits.filter((a) => a.id !== t.destinationAccountId);
  if (sourceChoice.kind === 'found') terms = { ...terms, sourceAccountId: sourceChoice.account.id };
  else if (sourceChoice.kind === 'ambiguous' || sourceChoice.kind === 'none') {
    const options = sourceChoice.kind === 'ambiguous' ? sourceChoice.options : sourcesFor(terms);
    return askFor(
      ctx,
      previous,
      terms,
      say.payFromWhich(accountOptions(say, options, sourceChoice.kind === 'ambiguous')),
      'fromAccount',
    );
  } else if (!terms.sourceAccountId) {
    const checking = accounts.filter((a) => a.kind === 'checking');
    const fallbackSource =
      checking.length === 1
        ? checking[0]
        : kind === 'transfer'
          ? deposits.filter((a) => a.id !== terms.destinationAccountId)[0]
          : undefined;
    if (fallbackSource && fallbackSource.id !== terms.destinationAccountId)
      terms = { ...terms, sourceAccountId: fallbackSource.id };
  }

  // How much, in the source account's currency.
  const currencySource = accounts.find((a) => a.id === terms.sourceAccountId) ?? deposits[0] ?? accounts[0];
  const currency = currencySource?.currency ?? 'USD';
  const spoken = amountFromSlots(turn.slots.amount, turn.slots.cents, currency);
  if (spoken.kind === 'amount') terms = { ...terms, amountMinor: spoken.money.minor, currency };
  else if (spoken.kind === 'invalid' || terms.amountMinor === undefined) {
    const payee = kind === 'bill' ? (await ctx.bank.payees()).find((p) => p.id === terms.payeeId) : undefined;
    return askFor(ctx, previous, terms, payee ? say.payHowMuch(payee.name) : say.transferHowMuch(), 'amount');
  }

  if (!terms.sourceAccountId) {
    return askFor(ctx, previous, terms, say.payFromWhich(accountOptions(say, sourcesFor(terms), false)), 'fromAccount');
  }
  const source = accounts.find((a) => a.id === terms.sourceAccountId) as Account;
  if (!isDeposit(source)) {
    return askFor(
      ctx,
      previous,
      { ...terms, sourceAccountId: undefined },
      say.cannotPayFrom(accountName(say, source)),
      'fromAccount',
    );
  }
  if (kind === 'transfer' && terms.destinationAccountId === source.id) {
    return askFor(ctx, previous, { ...terms, destinationAccountId: undefined }, say.sameAccount(), 'toAccount');
  }
  const readable = complete({ ...terms, currency: source.currency });
  if (!readable) return askFor(ctx, previous, terms, say.transferHowMuch(), 'amount');
  const refusal = await refusalFor(ctx, source, { minor: readable.amountMinor, currency: readable.currency });
  if (refusal) return refuse(ctx, previous, readable, refusal);

  const speech = await readBack(ctx, readable);
  if (!speech) return refuse(ctx, previous, readable, { reason: 'unreadable_terms', speech: say.noPendingPayment() });
  const payment = await payments.store.propose(
    actorOf(ctx),
    { status: 'awaiting_pin', terms: readable, readBack: speech.text },
    previous?.id,
    payments.pendingTtlMs,
  );
  return {
    speech,
    reprompt: say.pinPrompt(),
    session: { payment: payment.id },
    endSession: false,
    elicitSlot: 'pin',
    suggest: ['cancel'],
  };
}

/**
 * A PIN that was never checked, because another check of the customer's was still running or
 * the PIN workers could not start it in time, is asked for again: nothing was counted. The
 * second is logged (by request id), since it means the workers are at their CPU budget.
 */
export function askPinAgain(ctx: CustomerTurn, error: unknown, session: SessionState): Draft {
  if (error instanceof PinCheckBusyError) return ask(ctx.say.pinBusy(), session, 'pin');
  if (error instanceof PinCheckDeferredError) {
    ctx.deps.log.warn({ requestId: ctx.turn.requestId }, error.message);
    return ask(ctx.say.pinCheckDeferred(), session, 'pin');
  }
  throw error;
}

/** Voice payments are locked: say how to unlock, with the details on a card. */
export function lockedDraft(ctx: CustomerTurn, justLocked: boolean): Draft {
  const card = ctx.say.pinLockedCard({
    bankName: ctx.bankName,
    contact: ctx.bankContact,
    developerReset: ctx.deps.developerHints ? ctx.customer.id : undefined,
  });
  return {
    speech: ctx.say.pinLocked({ bankName: ctx.bankName, justLocked, platform: ctx.turn.platform }),
    card: { title: card.title, lines: card.text.split('\n').map((line) => plain(line)) },
    session: {},
    endSession: true,
  };
}
