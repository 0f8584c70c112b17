/** GetBalance: one account's balance, or a summary of all of them. */
import type { Account, AccountBalances, Balance } from '../../bank/connector';
import { join, type Spoken } from '../../voice/spoken';
import { accountName, accountOptions, answer, ask } from '../answers';
import { resolveAccount } from '../accounts';
import type { CustomerTurn } from '../context';
import type { Draft } from '../../voice/draft';

function balanceOf(balances: AccountBalances, type: Balance['type']): Balance | undefined {
  return balances.balances.find((b) => b.type === type);
}

/** The account's headline: available funds for deposits, the amount owed for cards. */
function describe(ctx: CustomerTurn, balances: AccountBalances, name: Spoken): Spoken {
  const { say } = ctx;
  const available = balanceOf(balances, 'available');
  const current = balanceOf(balances, 'current');
  if (balances.account.kind === 'credit_card') {
    const owedBalance = current ?? available;
    const owed =
      owedBalance && owedBalance.creditDebit === 'debit'
        ? owedBalance.amount
        : { minor: 0, currency: balances.account.currency };
    const terms = balances.creditCard;
    const availableCredit =
      terms?.creditLimit && terms.creditLimit.minor > owed.minor
        ? say.money({ minor: terms.creditLimit.minor - owed.minor, currency: owed.currency })
        : undefined;
    return say.creditCardBalance({
      account: name,
      owed: say.money(owed),
      minimum: terms?.minimumPaymentDue && say.money(terms.minimumPaymentDue),
      dueDay: terms?.paymentDueDate ? say.day(terms.paymentDueDate, ctx.today) : undefined,
      availableCredit,
    });
  }
  return say.depositBalance({
    account: name,
    available: available && signed(ctx, available),
    current: current && signed(ctx, current),
  });
}

/** An overdrawn (debit) deposit balance is said as a negative amount. */
function signed(ctx: CustomerTurn, balance: Balance): Spoken {
  const amount = balance.creditDebit === 'debit' ? { ...balance.amount, minor: -balance.amount.minor } : balance.amount;
  return ctx.say.money(amount);
}

function summaryLine(ctx: CustomerTurn, balances: AccountBalances): Spoken {
  const { say } = ctx;
  const name = accountName(say, balances.account);
  const available = balanceOf(balances, 'available');
  const current = balanceOf(balances, 'current');
  if (balances.account.kind === 'credit_card') {
    const owed = current ?? available;
    return say.creditCardSummaryLine({
      account: name,
      owed: say.money(
        owed && owed.creditDebit === 'debit' ? owed.amount : { minor: 0, currency: balances.account.currency },
      ),
    });
  }
  const headline = (available ?? current) as Balance;
  return say.depositSummaryLine({ account: name, amount: signed(ctx, headline), available: available !== undefined });
}

export async function answerBalance(ctx: CustomerTurn, account: Account | undefined): Promise<Draft> {
  const { say } = ctx;
  if (account) {
    const balances = await ctx.bank.balances(account.id);
    const speech = describe(ctx, balances, accountName(say, account));
    return answer(
      ctx,
      speech,
      { last: { intent: 'GetBalance', accountId: account.id } },
      {
        title: say.balanceCardTitle(),
        lines: [speech],
      },
    );
  }
  const accounts = await ctx.bank.accounts();
  const all = await Promise.all(accounts.map((a) => ctx.bank.balances(a.id)));
  const lines = all.map((b) => summaryLine(ctx, b));
  const intro = say.balancesIntro(accounts.length);
  const speech = join([intro, ...lines]);
  return answer(ctx, speech, { last: { intent: 'GetBalance' } }, { title: say.balanceCardTitle(), lines });
}

export async function getBalance(ctx: CustomerTurn): Promise<Draft> {
  const { say } = ctx;
  const accounts = await ctx.bank.accounts();
  const choice = resolveAccount(accounts, ctx.turn.slots.accountType, ctx.turn.locale);
  switch (choice.kind) {
    case 'found':
      return answerBalance(ctx, choice.account);
    case 'unspecified':
      return answerBalance(ctx, undefined);
    case 'ambiguous':
      return ask(say.whichAccount(accountOptions(say, choice.options, true)), {}, 'accountType');
    case 'none':
      return ask(
        say.noAccountOfKind({
          kind: say.kindNames[choice.requested],
          available: accountOptions(say, accounts, false, 'and'),
        }),
        {},
        'accountType',
      );
  }
}
