/**
 * GetUpcomingBills: scheduled payments, standing orders and direct debits due from the
 * customer's accounts in the next two weeks, soonest first, a few at a time ("next" for
 * more); the kinds the bank does not share are said to be missing. Amounts come through
 * the turn's bank view.
 */
import type { UpcomingPayment } from '../../bank/connector';
import { addDays } from '../../dates';
import { UPCOMING_KINDS } from '../../shared/upcoming';
import { cleanDescription } from '../../voice/mask';
import { join, type Spoken } from '../../voice/spoken';
import type { Draft } from '../../voice/draft';
import { answer } from '../answers';
import type { CustomerTurn } from '../context';

/** How far ahead "coming up" looks. */
const UPCOMING_DAYS = 14;
const PER_PAGE = 3;

async function upcoming(ctx: CustomerTurn): Promise<UpcomingPayment[]> {
  const range = { from: ctx.today, to: addDays(ctx.today, UPCOMING_DAYS) };
  // Standing orders and direct debits are paid from deposit accounts, not cards.
  const accounts = (await ctx.bank.accounts()).filter((a) => a.kind !== 'credit_card');
  const lists = await Promise.all(accounts.map((a) => ctx.bank.upcoming(a.id, range)));
  return lists.flat().sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.payee.localeCompare(b.payee));
}

/** The kinds of payment the bank does not share, said with the first answer: a short list is not the whole picture. */
function withheld(ctx: CustomerTurn, known: readonly UpcomingPayment['kind'][]): Spoken | undefined {
  const kinds = UPCOMING_KINDS.filter((kind) => !known.includes(kind));
  return kinds.length > 0 ? ctx.say.upcomingKindsWithheld({ bankName: ctx.bankName, kinds }) : undefined;
}

async function readBills(ctx: CustomerTurn, offset: number): Promise<Draft> {
  const { say } = ctx;
  const last = { intent: 'GetUpcomingBills' as const };
  const known = ctx.bank.upcomingKinds();
  const notShared = withheld(ctx, known);
  if (known.length === 0 && notShared) return answer(ctx, notShared, { last });
  const all = await upcoming(ctx);
  if (all.length === 0) {
    const none = say.noUpcomingBills(UPCOMING_DAYS, known);
    return answer(ctx, notShared ? join([none, notShared]) : none, { last });
  }
  const page = all.slice(offset, offset + PER_PAGE);
  if (page.length === 0) return answer(ctx, say.noMoreBills(), { last });
  const lines = page.map((bill) =>
    say.billLine({
      payee: cleanDescription(bill.payee),
      amount: bill.amount && say.money(bill.amount),
      day: say.day(bill.dueDate, ctx.today),
    }),
  );
  const intro = offset === 0 ? say.upcomingBillsIntro({ count: all.length, days: UPCOMING_DAYS }) : undefined;
  const spoken = intro ? [intro, ...lines, ...(notShared ? [notShared] : [])] : lines;
  const card = { title: say.billsCardTitle(), lines: spoken };
  const next = offset + page.length;
  if (next >= all.length) return answer(ctx, join(spoken), { last }, card);
  const hearMore = say.hearMore();
  return {
    speech: join([...spoken, hearMore]),
    reprompt: hearMore,
    card,
    session: { last, bills: { offset: next } },
    endSession: false,
    suggest: ['yes', 'no'],
  };
}

export function getUpcomingBills(ctx: CustomerTurn): Promise<Draft> {
  return readBills(ctx, 0);
}

/** "Next" / "yes" after "would you like to hear more?" while reading bills. */
export async function moreBills(ctx: CustomerTurn): Promise<Draft | undefined> {
  const offset = ctx.turn.session.bills?.offset;
  return offset === undefined ? undefined : readBills(ctx, offset);
}
