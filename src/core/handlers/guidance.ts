/** Launch, Help, Fallback and goodbye: answers that need no figures. */
import type { BankAccessError } from '../../bank/connector';
import type { Catalogue } from '../../voice/locales';
import type { Platform } from '../../voice/locales/catalogue';
import { NEXT_STEPS } from '../answers';
import type { Spoken } from '../../voice/spoken';
import type { Draft } from '../../voice/draft';
import type { SessionState } from '../../shared/session';

/** What a side question (help, an unrecognised phrase) must not lose: a list being read, a payment waiting. */
function ongoing(session: SessionState): SessionState {
  return { more: session.more, payment: session.payment };
}

export function welcome(say: Catalogue, bankName: string): Draft {
  return {
    speech: say.welcome(bankName),
    reprompt: say.welcomeReprompt(),
    session: { last: { intent: 'Launch' } },
    endSession: false,
    suggest: NEXT_STEPS,
  };
}

/** With a payment waiting for its PIN, help and fallback say how to approve or drop it, and ask for the PIN. */
function waitingPayment(speech: Spoken, say: Catalogue, payment: string): Draft {
  return {
    speech,
    reprompt: say.pinPrompt(),
    session: { payment },
    endSession: false,
    elicitSlot: 'pin',
    suggest: ['cancel'],
  };
}

export function help(say: Catalogue, session: SessionState): Draft {
  if (session.payment) return waitingPayment(say.paymentHelp(), say, session.payment);
  return {
    speech: say.help(),
    // A reprompt is short: the whole help again would be a lecture.
    reprompt: say.helpReprompt(),
    session: { ...ongoing(session), last: { intent: 'Help' } },
    endSession: false,
    suggest: NEXT_STEPS,
  };
}

/** Anything the skill cannot do gets guidance, never an error. */
export function fallback(say: Catalogue, session: SessionState): Draft {
  if (session.payment) return waitingPayment(say.paymentFallback(), say, session.payment);
  return {
    speech: say.fallback(),
    reprompt: say.helpReprompt(),
    session: ongoing(session),
    endSession: false,
    suggest: ['help', ...NEXT_STEPS],
  };
}

export function goodbye(say: Catalogue): Draft {
  return { speech: say.goodbye(), session: {}, endSession: true };
}

export function linkAccount(say: Catalogue, bankName: string, platform: Platform, guest = false): Draft {
  // A guest cannot link: say what to do instead of starting a linking flow that must fail.
  if (guest) return { speech: say.guestCannotLink(bankName), session: {}, endSession: true };
  return { speech: say.linkAccount(bankName, platform), session: {}, endSession: true, linkAccount: true };
}

export function bankUnavailable(say: Catalogue, bankName: string): Draft {
  return { speech: say.bankUnavailable(bankName), session: {}, endSession: true };
}

/** The bank holds back the access the customer gave: what they must do in its app. */
export function bankAccessHeldBack(say: Catalogue, bankName: string, reason: BankAccessError['reason']): Draft {
  const speech = reason === 'renew_consent' ? say.renewBankAccess(bankName) : say.bankAccessExceeded(bankName);
  return { speech, session: {}, endSession: true };
}
