/** Repeat: answers the last request again, from fresh data, through the same checks. */
import { answerBalance } from './balance';
import { help, welcome } from './guidance';
import { readTransactions } from './transactions';
import { answerSpending } from './spending';
import { getCardInfo } from './card';
import { getUpcomingBills } from './bills';
import { ask } from '../answers';
import type { CustomerTurn } from '../context';
import type { Draft } from '../../voice/draft';

export async function repeat(ctx: CustomerTurn): Promise<Draft> {
  const last = ctx.turn.session.last;
  const accounts = await ctx.bank.accounts();
  switch (last?.intent) {
    case 'Launch':
      return welcome(ctx.say, ctx.bankName);
    case 'Help':
      return help(ctx.say, ctx.turn.session);
    case 'GetBalance':
      return answerBalance(
        ctx,
        accounts.find((a) => a.id === last.accountId),
      );
    case 'GetTransactions': {
      const account = accounts.find((a) => a.id === last.page.accountId);
      if (account) return readTransactions(ctx, account, last.page);
      break;
    }
    case 'GetUpcomingBills':
      return getUpcomingBills(ctx);
    case 'GetCardInfo':
      return getCardInfo({ ...ctx, turn: { ...ctx.turn, slots: {} } });
    case 'GetSpending':
      // An account that is no longer the customer's is not read.
      if (!last.query.accountId || accounts.some((a) => a.id === last.query.accountId))
        return answerSpending(ctx, last.query);
      break;
  }
  return ask(ctx.say.nothingToRepeat(), {});
}
