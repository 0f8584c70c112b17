/**
 * GetCardInfo: a credit card's statement balance, minimum payment and due date; once the
 * due date has passed, whether it was paid (payments to the card between the statement
 * and the due date, refunds not counted). Amounts come through the turn's bank view.
 */
import type { Account, CardStatement } from '../../bank/connector';
import { join, type Spoken } from '../../voice/spoken';
import type { Draft } from '../../voice/draft';
import { accountName, answer } from '../answers';
import { resolveAccount } from '../accounts';
import type { CustomerTurn } from '../context';
import { isRefund } from '../spending/totals';

/** Payments to the card booked after the statement closed and by its due date, in minor units. */
async function paidBetween(ctx: CustomerTurn, account: Account, from: string, to: string): Promise<number> {
  const page = await ctx.bank.transactions(account.id, { range: { from, to }, offset: 0, limit: 500 });
  return page.transactions
    .filter((t) => t.creditDebit === 'credit' && !isRefund(t) && t.bookingDate > from)
    .reduce((sum, t) => sum + t.amount.minor, 0);
}

async function describeCard(ctx: CustomerTurn, account: Account, statement: CardStatement | undefined) {
  const { say } = ctx;
  const name = accountName(say, account);
  if (!statement || (!statement.dueDate && !statement.balance && !statement.minimumPayment))
    return say.noCardStatement(name);
  // A statement in credit owes nothing: said as a zero balance, not left out.
  const owed =
    statement.balance &&
    (statement.balance.creditDebit === 'debit'
      ? statement.balance.amount
      : { minor: 0, currency: statement.balance.amount.currency });
  const facts = {
    account: name,
    balance: owed && say.money(owed),
    minimum: statement.minimumPayment && say.money(statement.minimumPayment),
    dueDay: statement.dueDate ? say.day(statement.dueDate, ctx.today) : undefined,
  };
  if (!statement.dueDate || statement.dueDate >= ctx.today || !statement.closingDate) {
    const line = say.cardStatement(facts);
    // Something is owed: say plainly what the bank leaves out rather than leave it unsaid.
    const withheld = { minimum: !statement.minimumPayment, dueDate: !statement.dueDate };
    if (!owed || owed.minor === 0 || (!withheld.minimum && !withheld.dueDate)) return line;
    return join([line, say.cardTermsWithheld({ bankName: ctx.bankName, ...withheld })]);
  }
  const paid = await paidBetween(ctx, account, statement.closingDate, statement.dueDate);
  const owedMinor = owed?.minor ?? 0;
  const minimumMinor = statement.minimumPayment?.minor ?? owedMinor;
  const outcome = owedMinor > 0 && paid >= owedMinor ? 'full' : paid > 0 && paid >= minimumMinor ? 'minimum' : 'none';
  return say.cardPastDue({
    account: name,
    dueDay: facts.dueDay as Spoken,
    outcome,
    paid: say.money({ minor: paid, currency: account.currency }),
    minimum: facts.minimum,
  });
}

export async function getCardInfo(ctx: CustomerTurn): Promise<Draft> {
  const { say } = ctx;
  const accounts = await ctx.bank.accounts();
  const cards = accounts.filter((a) => a.kind === 'credit_card');
  const choice = resolveAccount(cards, ctx.turn.slots.accountType, ctx.turn.locale);
  const asked = choice.kind === 'found' ? [choice.account] : cards;
  if (asked.length === 0) return answer(ctx, say.noCreditCard(ctx.bankName), {});
  const lines = await Promise.all(
    asked.map(async (card) => describeCard(ctx, card, await ctx.bank.cardStatement(card.id))),
  );
  const speech = join(lines);
  return answer(ctx, speech, { last: { intent: 'GetCardInfo' } }, { title: say.cardCardTitle(), lines });
}
