/** What a capability answers, before the voice layer checks and renders it. */
import type { DynamicEntities } from '../shared/entities';
import type { SessionState } from '../shared/session';
import type { SlotName } from '../shared/slots';
import type { Spoken } from './spoken';

export interface DraftCard {
  readonly title: string;
  readonly lines: readonly Spoken[];
}

/** Likely next steps, shown as chips where the platform has them (never a PIN). */
export type SuggestionKey = 'balance' | 'transactions' | 'payBill' | 'more' | 'yes' | 'no' | 'cancel' | 'help';

interface DraftBase {
  readonly speech: Spoken;
  readonly suggest?: readonly SuggestionKey[];
  readonly card?: DraftCard;
  readonly session: SessionState;
  /** Ask the platform to show its account-linking prompt. */
  readonly linkAccount?: boolean;
  /** The customer's payees and account nicknames for the platform's recogniser, for the rest of the session. */
  readonly entities?: DynamicEntities;
}

/** Keeping the session open means asking a question, with a reprompt. */
export interface OpenDraft extends DraftBase {
  readonly endSession: false;
  readonly reprompt: Spoken;
  /** The answer fills this slot of the current intent (Alexa: Dialog.ElicitSlot). */
  readonly elicitSlot?: SlotName;
}

interface ClosingDraft extends DraftBase {
  readonly endSession: true;
}

export type Draft = OpenDraft | ClosingDraft;
