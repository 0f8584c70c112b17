/** Shapes shared by every capability: how an answer ends, how an account is named. */
import type { Account } from '../bank/connector';
import type { Catalogue } from '../voice/locales';
import { digits, list, say, type Spoken } from '../voice/spoken';
import type { CustomerTurn } from './context';
import type { Draft, DraftCard, OpenDraft, SuggestionKey } from '../voice/draft';
import type { SessionState } from '../shared/session';
import type { SlotName } from '../shared/slots';

/** "checking ending in 4217": the kind (or, to tell two apart, the nickname) and the last four digits. */
export function accountName(say: Catalogue, account: Account, useNickname = false): Spoken {
  const name = useNickname && account.nickname ? account.nickname : say.kindNames[account.kind];
  return say.accountLabel(name, digits(account.lastFour.slice(-4)));
}

/** What people usually do next. */
export const NEXT_STEPS: readonly SuggestionKey[] = ['balance', 'transactions', 'payBill'];

/**
 * After an answer: a one-shot request ("ask my bank for my balance") ends the session;
 * inside a conversation the customer is asked what else they need.
 */
export function answer(
  ctx: Pick<CustomerTurn, 'turn' | 'say'>,
  speech: Spoken,
  session: SessionState,
  card?: DraftCard,
): Draft {
  if (ctx.turn.newSession) return { speech, card, session, endSession: true };
  const anythingElse = ctx.say.anythingElse();
  return {
    speech: say`${speech} ${anythingElse}`,
    reprompt: anythingElse,
    card,
    session,
    endSession: false,
    suggest: NEXT_STEPS,
  };
}

/** A question whose answer fills a slot of the current intent. */
export function ask(
  question: Spoken,
  session: SessionState,
  elicitSlot?: SlotName,
  suggest?: readonly SuggestionKey[],
): OpenDraft {
  return { speech: question, reprompt: question, session, endSession: false, elicitSlot, suggest };
}

/** The accounts to choose from, as a question offers them: "checking ending in 4217 or savings ending in 0088". */
export function accountOptions(
  say: Catalogue,
  accounts: readonly Account[],
  useNickname: boolean,
  kind: 'and' | 'or' = 'or',
): Spoken {
  return list(
    accounts.map((a) => accountName(say, a, useNickname)),
    say.locale,
    kind,
  );
}
