/**
 * PayBill and TransferMoney: gather the payment's terms (asking for what is missing),
 * refuse what limits, funds or an unknown payee rule out, then read the payment back and
 * ask for the voice PIN. Nothing moves here.
 */
import type { Account, Payee } from '../../bank/connector';
import { parseDecimal, type Money } from '../../money';
import type { PaymentKind, PaymentTerms, PendingPayment } from '../../store/pending-payments';
import { list, plain, type Spoken } from '../../voice/spoken';
import { accountName, accountOptions, answer, ask } from '../answers';
import { resolveAccount } from '../accounts';
import type { CustomerTurn } from '../context';
import { amountFromSlots } from '../payments/amount';
import { matchPayee } from '../payments/payees';
import type { Draft } from '../../voice/draft';

const OPEN_STATUSES = ['collecting', 'awaiting_pin'] as const;

function isDeposit(account: Account): boolean {
  return account.kind === 'checking' || account.kind === 'savings';
}

/** The payment this conversation was preparing, if it is still open and of the same kind. */
async function openPayment(ctx: CustomerTurn, kind: PaymentKind): Promise<PendingPayment | undefined> {
  const id = ctx.turn.session.payment;
  if (!id) return undefined;
  const { pending, bankId } = ctx.deps.payments;
  const found = await pending.find(id, bankId, ctx.customer.id);
  const open =
    found && (OPEN_STATUSES as readonly string[]).includes(found.status) && found.expiresAt > ctx.deps.now().getTime();
  return open && found.kind === kind ? found : undefined;
}

/** Saves terms as a new record (superseding the previous one): terms never change under a PIN. */
async function saveTerms(
  ctx: CustomerTurn,
  previous: PendingPayment | undefined,
  terms: PaymentTerms,
  status: 'collecting' | 'awaiting_pin',
): Promise<PendingPayment> {
  const { pending, bankId, pendingTtlMs } = ctx.deps.payments;
  const now = ctx.deps.now().getTime();
  if (previous) await pending.transition(previous.id, OPEN_STATUSES, 'superseded', now);
  return pending.create({
    ...terms,
    bankId,
    customerId: ctx.customer.id,
    status,
    channel: ctx.turn.platform,
    createdAt: now,
    expiresAt: now + pendingTtlMs,
  });
}

async function closePrevious(ctx: CustomerTurn, previous: PendingPayment | undefined): Promise<void> {
  if (previous)
    await ctx.deps.payments.pending.transition(previous.id, OPEN_STATUSES, 'refused', ctx.deps.now().getTime());
}

/** Says what is missing and keeps what is known, server-side, behind an opaque id. */
async function askFor(
  ctx: CustomerTurn,
  previous: PendingPayment | undefined,
  terms: PaymentTerms,
  question: Spoken,
  slot: 'payee' | 'amount' | 'fromAccount' | 'toAccount',
): Promise<Draft> {
  const saved = await saveTerms(ctx, previous, terms, 'collecting');
  return ask(question, { payment: saved.id }, slot);
}

interface Refusal {
  readonly reason: string;
  readonly speech: Spoken;
}

async function refuse(
  ctx: CustomerTurn,
  previous: PendingPayment | undefined,
  terms: PaymentTerms,
  refusal: Refusal,
): Promise<Draft> {
  await closePrevious(ctx, previous);
  await ctx.deps.payments.audit({
    bankId: ctx.deps.payments.bankId,
    customerId: ctx.customer.id,
    channel: ctx.turn.platform,
    event: 'payment.refused',
    details: { kind: terms.kind, reason: refusal.reason, amountMinor: terms.amountMinor, currency: terms.currency },
  });
  return answer(ctx, refusal.speech, {});
}

/** Limits and funds, checked before the PIN is asked for (and the daily limit again at approval). */
async function refusalFor(ctx: CustomerTurn, source: Account, amount: Money): Promise<Refusal | undefined> {
  const { say } = ctx;
  const { limits, spending, bankId } = ctx.deps.payments;
  const perPayment = parseDecimal(limits.perPayment, amount.currency);
  if (amount.minor > perPayment.minor)
    return { reason: 'over_payment_limit', speech: say.overPaymentLimit(say.money(perPayment)) };
  const perDay = parseDecimal(limits.perDay, amount.currency);
  const spent = await spending.spentOn(bankId, ctx.customer.id, ctx.today, amount.currency);
  if (spent + amount.minor > perDay.minor) {
    const remaining = { minor: Math.max(0, perDay.minor - spent), currency: amount.currency };
    return {
      reason: 'over_daily_limit',
      speech: say.overDailyLimit({ limit: say.money(perDay), remaining: say.money(remaining) }),
    };
  }
  const balances = await ctx.deps.connector.getBalances(ctx.accessToken, source.id);
  const available =
    balances.balances.find((b) => b.type === 'available') ?? balances.balances.find((b) => b.type === 'current');
  const availableMinor = available
    ? available.creditDebit === 'debit'
      ? -available.amount.minor
      : available.amount.minor
    : 0;
  if (availableMinor < amount.minor) {
    return {
      reason: 'insufficient_funds',
      speech: say.insufficientFunds({
        account: accountName(say, source),
        available: say.money({ minor: Math.max(0, availableMinor), currency: amount.currency }),
      }),
    };
  }
  return undefined;
}

/** The read-back: amount with currency, payee (or destination account) and the masked source. */
export async function readBack(ctx: CustomerTurn, payment: PendingPayment): Promise<Spoken | undefined> {
  const { say } = ctx;
  const accounts = await ctx.accounts();
  const source = accounts.find((a) => a.id === payment.sourceAccountId);
  if (!source || payment.amountMinor === undefined || !payment.currency) return undefined;
  const amount = say.money({ minor: payment.amountMinor, currency: payment.currency });
  if (payment.kind === 'bill') {
    const payee = (await ctx.deps.connector.listPayees(ctx.accessToken)).find((p) => p.id === payment.payeeId);
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
  const accounts = await ctx.accounts();
  let terms: PaymentTerms = previous ?? { kind };

  // Where the money goes.
  if (kind === 'bill') {
    const payees = await ctx.deps.connector.listPayees(ctx.accessToken);
    const choice = matchPayee(payees, turn.slots.payee);
    if (choice.kind === 'found') terms = { ...terms, payeeId: choice.payee.id };
    else if (choice.kind === 'ambiguous')
      return askFor(ctx, previous, terms, say.whichPayee(payeeOptions(ctx, choice.options)), 'payee');
    else if (choice.kind === 'none') {
      await payments.audit({
        bankId: payments.bankId,
        customerId: ctx.customer.id,
        channel: turn.platform,
        event: 'payment.refused',
        details: { kind, reason: 'unknown_payee' },
      });
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
  const sourcesFor = (t: PaymentTerms) => deposits.filter((a) => a.id !== t.destinationAccountId);
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
    const payee =
      kind === 'bill'
        ? (await ctx.deps.connector.listPayees(ctx.accessToken)).find((p) => p.id === terms.payeeId)
        : undefined;
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
  const amount = { minor: terms.amountMinor as number, currency: source.currency };
  terms = { ...terms, currency: source.currency };

  const refusal = await refusalFor(ctx, source, amount);
  if (refusal) return refuse(ctx, previous, terms, refusal);

  const payment = await saveTerms(ctx, previous, terms, 'awaiting_pin');
  const speech = await readBack(ctx, payment);
  if (!speech) return refuse(ctx, payment, terms, { reason: 'unreadable_terms', speech: say.noPendingPayment() });
  await payments.audit({
    bankId: payments.bankId,
    customerId: ctx.customer.id,
    channel: turn.platform,
    event: 'payment.requested',
    details: { kind, amountMinor: amount.minor, currency: amount.currency, readBack: speech.text },
  });
  return {
    speech,
    reprompt: say.pinPrompt(),
    session: { payment: payment.id },
    endSession: false,
    suggest: ['cancel'],
  };
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
