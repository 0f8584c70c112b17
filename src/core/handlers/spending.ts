/**
 * GetSpending: what the customer spent, at a merchant, in a category or overall, in a
 * period, on one account or all; CompareSpending: the follow-up "is that more than last
 * month?". Amounts come through the turn's bank view, so privacy mode holds them until
 * the voice PIN like any balance.
 */
import type { Account, Transaction } from '../../bank/connector';
import { addDays } from '../../dates';
import { heardBack } from '../../voice/mask';
import { list, type Spoken } from '../../voice/spoken';
import type { Draft } from '../../voice/draft';
import { SPENDING_CATEGORIES, type SpendingCategory } from '../../shared/spending';
import type { SpendingQuery } from '../../shared/session';
import { accountName, accountOptions, answer, ask } from '../answers';
import { resolveAccount } from '../accounts';
import type { CustomerTurn } from '../context';
import { parseDateSlot, type DayRange } from '../date-range';
import { matchMerchants } from '../spending/merchants';
import { merchantsIn, spendingTotals, type SpendingTotal } from '../spending/totals';

/** Transactions read per request while adding up a period. */
const PAGE = 500;
/** A bound on what one question reads per account. */
const MAX_TRANSACTIONS = 5000;

function isCategory(id: string | undefined): id is SpendingCategory {
  return id !== undefined && (SPENDING_CATEGORIES as readonly string[]).includes(id);
}

/** The period asked about: "since" a day, a date or period, else this month. */
function periodOf(ctx: CustomerTurn): { range: DayRange; since: boolean } | 'future' {
  const { slots } = ctx.turn;
  const since = parseDateSlot(slots.since?.spoken ?? slots.since?.resolvedId, ctx.today);
  if (since === 'future') return 'future';
  if (since) return { range: { from: since.from, to: ctx.today }, since: true };
  const date = parseDateSlot(slots.date?.spoken ?? slots.date?.resolvedId, ctx.today);
  if (date === 'future') return 'future';
  return { range: date ?? (parseDateSlot(ctx.today.slice(0, 7), ctx.today) as DayRange), since: false };
}

async function transactionsOf(ctx: CustomerTurn, account: Account, range: DayRange): Promise<Transaction[]> {
  const all: Transaction[] = [];
  while (all.length < MAX_TRANSACTIONS) {
    const page = await ctx.bank.transactions(account.id, { range, offset: all.length, limit: PAGE });
    all.push(...page.transactions);
    if (!page.hasMore || page.transactions.length === 0) break;
  }
  return all;
}

async function transactionsIn(ctx: CustomerTurn, accounts: readonly Account[], range: DayRange) {
  return (await Promise.all(accounts.map((a) => transactionsOf(ctx, a, range)))).flat();
}

interface Spent {
  readonly totals: readonly SpendingTotal[];
  /** The merchant as the bank's records name it, or as heard when none matched. */
  readonly merchant?: string;
}

/** Totals of a query over a range (the query's own, or the one it is compared with). */
async function spent(ctx: CustomerTurn, query: SpendingQuery, range: DayRange): Promise<Spent> {
  const accounts = (await ctx.bank.accounts()).filter((a) => !query.accountId || a.id === query.accountId);
  const to = range.to < ctx.today ? range.to : ctx.today;
  const bounded = { from: range.from, to };
  const transactions = range.from > to ? [] : await transactionsIn(ctx, accounts, bounded);
  if (!query.merchant) return { totals: spendingTotals(transactions, { range: bounded, category: query.category }) };
  const merchants = matchMerchants(query.merchant, merchantsIn(transactions));
  if (merchants.length === 0) return { totals: [], merchant: heardBack(query.merchant) };
  const named = [...merchants].sort((a, b) => a.length - b.length)[0];
  return { totals: spendingTotals(transactions, { range: bounded, merchants }), merchant: named };
}

function periodSaid(ctx: CustomerTurn, query: SpendingQuery): Spoken {
  return query.since ? ctx.say.since(query.range.from, ctx.today) : ctx.say.period(query.range, ctx.today);
}

function amounts(ctx: CustomerTurn, totals: readonly SpendingTotal[]): Spoken {
  return list(
    totals.map((t) => ctx.say.money({ minor: t.minor, currency: t.currency })),
    ctx.say.locale,
  );
}

export async function answerSpending(ctx: CustomerTurn, query: SpendingQuery): Promise<Draft> {
  const { say } = ctx;
  const account = query.accountId ? (await ctx.bank.accounts()).find((a) => a.id === query.accountId) : undefined;
  const { totals, merchant } = await spent(ctx, query, query.range);
  const purchases = totals.reduce((sum, t) => sum + t.purchases, 0);
  const said = {
    merchant,
    category: query.category,
    period: periodSaid(ctx, query),
    account: account && accountName(say, account),
  };
  const speech =
    purchases === 0 ? say.noSpending(said) : say.spendingTotal({ ...said, amount: amounts(ctx, totals), purchases });
  return answer(
    ctx,
    speech,
    { last: { intent: 'GetSpending', query } },
    { title: say.spendingCardTitle(), lines: [speech] },
  );
}

export async function getSpending(ctx: CustomerTurn): Promise<Draft> {
  const { say, turn } = ctx;
  const period = periodOf(ctx);
  if (period === 'future') return answer(ctx, say.onlyLookBack(), {});
  const accounts = await ctx.bank.accounts();
  const choice = resolveAccount(accounts, turn.slots.accountType, turn.locale);
  if (choice.kind === 'none') {
    return ask(
      say.noAccountOfKind({
        kind: say.kindNames[choice.requested],
        available: accountOptions(say, accounts, false, 'and'),
      }),
      {},
      'accountType',
    );
  }
  if (choice.kind === 'ambiguous')
    return ask(say.whichAccount(accountOptions(say, choice.options, true)), {}, 'accountType');
  const category = turn.slots.category?.resolvedId;
  const merchant = turn.slots.merchant?.spoken?.trim().slice(0, 60);
  return answerSpending(ctx, {
    ...period,
    accountId: choice.kind === 'found' ? choice.account.id : undefined,
    merchant: merchant || undefined,
    category: isCategory(category) ? category : undefined,
  });
}

/** The period before: the month before a calendar month, else as many days just before. */
export function previousPeriod(range: DayRange): DayRange {
  const from = range.from;
  const to = range.to;
  const lastOfMonth = addDays(`${addDays(`${from.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);
  if (from.endsWith('-01') && to === lastOfMonth) {
    const end = addDays(from, -1);
    return { from: `${end.slice(0, 7)}-01`, to: end };
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** "Is that more than last month?" after a spending answer, in the same currency. */
export async function compareSpending(ctx: CustomerTurn): Promise<Draft> {
  const { say, turn } = ctx;
  const last = turn.session.last;
  if (last?.intent !== 'GetSpending') return ask(say.nothingToCompare(), {});
  const query = last.query;
  const asked = parseDateSlot(turn.slots.date?.spoken ?? turn.slots.date?.resolvedId, ctx.today);
  const earlier = asked && asked !== 'future' && asked.from < query.range.from ? asked : previousPeriod(query.range);
  const [now, before] = await Promise.all([spent(ctx, query, query.range), spent(ctx, query, earlier)]);
  const currency = now.totals[0]?.currency ?? before.totals[0]?.currency;
  const minorIn = (s: Spent) => s.totals.find((t) => t.currency === currency)?.minor ?? 0;
  if (!currency) return answerSpending(ctx, query);
  const difference = minorIn(now) - minorIn(before);
  const speech = say.spendingComparison({
    direction: difference > 0 ? 'more' : difference < 0 ? 'less' : 'same',
    difference: say.money({ minor: Math.abs(difference), currency }),
    previous: say.money({ minor: minorIn(before), currency }),
    previousPeriod: say.period(earlier, ctx.today),
  });
  return answer(ctx, speech, { last }, { title: say.spendingCardTitle(), lines: [speech] });
}
