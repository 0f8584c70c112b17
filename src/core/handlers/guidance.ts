/** Launch, Help, Fallback and goodbye: answers that need no figures. */
import type { Catalogue } from '../../voice/locales';
import { ask } from '../answers';
import type { Draft } from '../reply';

export function welcome(say: Catalogue, bankName: string): Draft {
  return { speech: say.welcome(bankName), reprompt: say.welcomeReprompt(), session: { last: { intent: 'Launch' } }, endSession: false };
}

export function help(say: Catalogue): Draft {
  return { speech: say.help(), reprompt: say.helpReprompt(), session: { last: { intent: 'Help' } }, endSession: false };
}

/** Anything the skill cannot do gets guidance, never an error. */
export function fallback(say: Catalogue): Draft {
  return ask(say.fallback(), {});
}

export function goodbye(say: Catalogue): Draft {
  return { speech: say.goodbye(), session: {}, endSession: true };
}

export function linkAccount(say: Catalogue, bankName: string): Draft {
  return { speech: say.linkAccount(bankName), session: {}, endSession: true, linkAccount: true };
}

export function bankUnavailable(say: Catalogue, bankName: string): Draft {
  return { speech: say.bankUnavailable(bankName), session: {}, endSession: true };
}
