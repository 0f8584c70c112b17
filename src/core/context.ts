/** What a capability handler gets: the turn, who is speaking, and the means to answer. */
import type { BankConnector, Customer } from '../bank/connector';
import type { Catalogue } from '../voice/locales';
import type { PhrasingChooser } from '../voice/locales/variety';
import type { ReadApprovals } from '../store/read-approvals';
import type { CustomerBank, Disclosure } from './customer-bank';
import type { VoiceProfiles } from '../store/voice-profiles';
import type { PaymentDeps } from './payments/deps';
import type { Logger } from '../shared/logger';
import type { Turn } from './turn';

export interface CoreDeps {
  readonly connector: BankConnector;
  /** The bank's spoken name per locale (and per language as a fallback). */
  readonly bankNames: Readonly<Record<string, string>>;
  /** How the bank's customers reach it, per locale ("call 0800 123 456"); said where they need help. */
  readonly bankContact?: Readonly<Record<string, string>>;
  /** The locales the bank enables Saldo in (its `locales`); every locale when absent. */
  readonly locales?: readonly string[];
  /** Only the bundled sandbox bank: tell developers how to reset a lockout (`npm run pin`). */
  readonly developerHints?: boolean;
  readonly now: () => Date;
  readonly log: Logger;
  readonly payments: PaymentDeps;
  /** Present for a bank that requires a recognised speaker: the voice profiles enrolled with each PIN. */
  readonly speakers?: { readonly profiles: VoiceProfiles };
  /** Present for a bank in privacy mode: the customer's amounts wait for the voice PIN. */
  readonly privacy?: { readonly approvals: ReadApprovals };
  /** Work that goes on after the answer (settling a lost payment); its failures are logged. */
  readonly background: (what: string, work: () => Promise<unknown>) => void;
  /** Which phrasing of a varied message to say (default: one per customer and day). */
  readonly phrasing?: (seed: string) => PhrasingChooser;
  /** Overrides of the turn's timing (tests). */
  readonly progressAfterMs?: number;
  readonly turnDeadlineMs?: number;
  readonly merchantReadBudgetMs?: number;
}

/** A turn of a customer whose access token the bank knows. */
export interface CustomerTurn {
  readonly turn: Turn;
  /** The bank is reached only through `bank`, never directly. */
  readonly deps: Omit<CoreDeps, 'connector'>;
  readonly say: Catalogue;
  readonly bankName: string;
  /** The bank's contact phrase in the customer's language, when configured. */
  readonly bankContact?: string;
  readonly customer: Customer;
  readonly bank: CustomerBank;
  /** Whether amounts of the customer's money may be told in this turn. */
  readonly privacy: Disclosure;
  /** Today in the customer's time zone. */
  readonly today: string;
}
