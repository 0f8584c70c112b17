/** One user utterance as the core sees it, whatever platform it came from. */
import type { SessionState } from '../shared/session';
import type { SlotName, SlotValue } from '../shared/slots';

/** The core's intent names: the Google handler names of DESIGN.md. */
export const INTENT_NAMES = [
  'Launch',
  'GetBalance',
  'GetTransactions',
  'GetSpending',
  'CompareSpending',
  'GetCardInfo',
  'GetUpcomingBills',
  'PayBill',
  'TransferMoney',
  'ProvidePin',
  'Yes',
  'No',
  'Help',
  'Cancel',
  'Fallback',
  'Repeat',
  'More',
  'SessionEnded',
] as const;

export type IntentName = (typeof INTENT_NAMES)[number] | 'Unknown';

export interface Turn {
  readonly platform: 'alexa' | 'google';
  readonly requestId: string;
  readonly locale: string;
  readonly accessToken?: string;
  /** Alexa's recognised speaker (context.System.person.personId), when the account has voice profiles. */
  readonly personId?: string;
  /** The platform says this user cannot link an account (a Google guest: not signed in or not voice-matched). */
  readonly guest?: boolean;
  readonly intent: IntentName;
  readonly slots: Partial<Record<SlotName, SlotValue>>;
  /** Untrusted: the platform echoes back whatever the client sends. */
  readonly session: SessionState;
  readonly newSession: boolean;
}
