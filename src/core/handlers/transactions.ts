/** GetTransactions and "more": recent transactions, newest first, a page at a time. */
import type { Account, Transaction } from '../../bank/connector';
import { cleanDescription } from '../../voice/mask';
import { join, type Spoken } from '../../voice/spoken';
import { accountName, accountOptions, answer, ask } from '../answers';
import { resolveAccount } from '../accounts';
import type { CustomerTurn } from '../context';
import { parseDateSlot } from '../date-range';
import type { Draft } from '../../voice/draft';
import type { TransactionsPage } from '../../shared/session';

const DEFAULT_TRANSACTION_COUNT = 3;
const MAX_TRANSACTION_COUNT = 10;

function requestedCount(spoken: string | undefined): number {
  const count = Number.parseInt(spoken ?? '', 10);
  if (!Number.isFinite(count) || count < 1) return DEFAULT_TRANSACTION_COUNT;
  return Math.min(count, MAX_TRANSACTION_COUNT);
}

function line(ctx: CustomerTurn, transaction: Transaction): Spoken {
  return ctx.say.transactionLine({
    day: ctx.say.day(transaction.bookingDate, ctx.today),
    amount: ctx.say.money(transaction.amount),
    description: cleanDescription(transaction.description),
    pending: transaction.status === 'pending',
    credit: transaction.creditDebit === 'credit',
  });
}

/** Reads one page; offers the next when there is one. */
export async function readTransactions(ctx: CustomerTurn, account: Account, page: TransactionsPage): Promise<Draft> {
  const { say } = ctx;
  const result = await ctx.bank.transactions(account.id, {
    range: page.range,
    offset: page.offset,
    limit: page.count,
  });
  const name = accountName(say, account);
  const day = page.range ? say.period(page.range, ctx.today) : undefined;
  const last = { intent: 'GetTransactions' as const, page };
  if (result.transactions.length === 0) {
    const speech = page.offset > 0 ? say.noMoreTransactions() : say.noTransactions({ account: name, day });
    return answer(ctx, speech, { last });
  }
  const lines = result.transactions.map((t) => line(ctx, t));
  const intro = say.transactionsIntro({ account: name, count: lines.length, day, older: page.offset > 0 });
  const speech = join([intro, ...lines]);
  const card = { title: say.transactionsCardTitle(), lines: [intro, ...lines] };
  if (!result.hasMore) return answer(ctx, speech, { last }, card);
  const more = { ...page, offset: page.offset + result.transactions.length };
  const hearMore = say.hearMore();
  return {
    speech: join([speech, hearMore]),
    reprompt: hearMore,
    card,
    session: { last, more },
    endSession: false,
    suggest: ['yes', 'no'],
  };
}

/** Two accounts of one type can only be told apart by nickname. */
function hasTwinAccounts(accounts: readonly Account[]): boolean {
  return new Set(accounts.map((a) => a.kind)).size < accounts.length;
}

/** With no account named: the only checking account, else ask. */
function defaultAccount(accounts: readonly Account[]): Account | undefined {
  const checking = accounts.filter((a) => a.kind === 'checking');
  if (checking.length === 1) return checking[0];
  return accounts.length === 1 ? accounts[0] : undefined;
}

export async function getTransactions(ctx: CustomerTurn): Promise<Draft> {
  const { say, turn } = ctx;
  const range = parseDateSlot(turn.slots.date?.spoken ?? turn.slots.date?.resolvedId, ctx.today);
  if (range === 'future') return answer(ctx, say.onlyLookBack(), {});
  const accounts = await ctx.bank.accounts();
  const choice = resolveAccount(accounts, turn.slots.accountType, turn.locale);
  let account: Account | undefined;
  if (choice.kind === 'found') account = choice.account;
  else if (choice.kind === 'unspecified') account = defaultAccount(accounts);
  else if (choice.kind === 'none') {
    return ask(
      say.noAccountOfKind({
        kind: say.kindNames[choice.requested],
        available: accountOptions(say, accounts, false, 'and'),
      }),
      {},
      'accountType',
    );
  }
  if (!account) {
    if (choice.kind === 'ambiguous')
      return ask(say.whichAccount(accountOptions(say, choice.options, true)), {}, 'accountType');
    return ask(say.whichAccountToUse(accountOptions(say, accounts, hasTwinAccounts(accounts))), {}, 'accountType');
  }
  return readTransactions(ctx, account, {
    accountId: account.id,
    range,
    count: requestedCount(turn.slots.count?.spoken),
    offset: 0,
  });
}

/** "More" / "next" / "yes" after "would you like to hear more?". */
export async function moreTransactions(ctx: CustomerTurn): Promise<Draft | undefined> {
  const page = ctx.turn.session.more;
  if (!page) return undefined;
  const account = (await ctx.bank.accounts()).find((a) => a.id === page.accountId);
  if (!account) return undefined;
  return readTransactions(ctx, account, page);
}
