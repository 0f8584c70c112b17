/** Everything Saldo says, per locale. Each locale module implements this whole interface. */
import type { SuggestionKey } from '../draft';
import type { Money } from '../../money';
import type { Spoken } from '../spoken';
import type { AccountKind } from '../../shared/accounts';
import type { SpendingCategory } from '../../shared/spending';

/** The kinds of payment a bank may list as coming up. */
export type { UpcomingKind } from '../../shared/upcoming';
import type { UpcomingKind } from '../../shared/upcoming';

/** Where the customer is talking: some sentences name the companion app. */
export type Platform = 'alexa' | 'google';

export interface TransactionLine {
  readonly day: Spoken;
  readonly amount: Spoken;
  readonly description: string;
  readonly pending: boolean;
  readonly credit: boolean;
}

/** Messages people hear often enough to want them said in more than one way. */
export type VariedKey = 'welcome' | 'anythingElse' | 'goodbye' | 'done' | 'help' | 'fallback';

export interface Catalogue {
  readonly locale: string;
  /** How many phrasings each varied message has; the variant arguments below pick one (0 by default). */
  readonly variants: Readonly<Record<VariedKey, number>>;
  readonly kindNames: Readonly<Record<AccountKind, string>>;
  money(amount: Money): Spoken;
  /** A chip title of at most 25 characters. */
  suggestion(key: SuggestionKey): string;
  /** Relative to today: "today", "yesterday", "on Tuesday", "on November 3". */
  day(isoDate: string, today: string): Spoken;
  /** "checking ending in <digits>4217</digits>". */
  accountLabel(kindOrNickname: string, lastFour: Spoken): Spoken;

  welcome(bankName: string, variant?: number): Spoken;
  welcomeReprompt(): Spoken;
  linkAccount(bankName: string, platform: Platform): Spoken;
  linkAccountCardTitle(): string;
  /** A Google guest (not signed in, or not voice-matched) cannot link an account. */
  guestCannotLink(bankName: string): Spoken;
  /**
   * The bank serves payments (and privacy-mode reads) only to a voice profile enrolled with
   * the PIN; Google Assistant tells Saldo no voice profile at all.
   */
  speakerNotRecognised(p: { bankName: string; platform: Platform }): Spoken;

  depositBalance(p: { account: Spoken; available?: Spoken; current?: Spoken }): Spoken;
  creditCardBalance(p: {
    account: Spoken;
    owed: Spoken;
    minimum?: Spoken;
    dueDay?: Spoken;
    availableCredit?: Spoken;
  }): Spoken;
  balancesIntro(accountCount: number): Spoken;
  depositSummaryLine(p: { account: Spoken; amount: Spoken; available: boolean }): Spoken;
  creditCardSummaryLine(p: { account: Spoken; owed: Spoken }): Spoken;
  balanceCardTitle(): string;

  noAccountOfKind(p: { kind: string; available: Spoken }): Spoken;
  /** Two or more accounts of the type the customer named. */
  whichAccount(options: Spoken): Spoken;
  /** No account named and no obvious default. */
  whichAccountToUse(options: Spoken): Spoken;

  /** `day` is a day or a period, as `period` says it: "today", "on Tuesday", "in November". */
  transactionsIntro(p: { account: Spoken; count: number; day?: Spoken; older: boolean }): Spoken;
  transactionLine(line: TransactionLine): Spoken;
  noTransactions(p: { account: Spoken; day?: Spoken }): Spoken;
  /** A range of past days: one day as `day` says it, else "in November", "in 2025", "between … and …". */
  period(range: { readonly from: string; readonly to: string }, today: string): Spoken;
  /** Asked about a period that has not happened yet. */
  onlyLookBack(): Spoken;
  noMoreTransactions(): Spoken;
  hearMore(): Spoken;
  nothingToContinue(): Spoken;
  transactionsCardTitle(): string;

  /** As the category follows "spent … on": "groceries", "eating out". */
  readonly categoryNames: Readonly<Record<SpendingCategory, string>>;
  /** "You spent $84.20 at Starbucks in November, over 6 purchases." */
  spendingTotal(p: {
    amount: Spoken;
    purchases: number;
    merchant?: string;
    category?: SpendingCategory;
    period: Spoken;
    account?: Spoken;
  }): Spoken;
  noSpending(p: { merchant?: string; category?: SpendingCategory; period: Spoken; account?: Spoken }): Spoken;
  /** "since Friday", "since yesterday", "since November 3". */
  since(isoDate: string, today: string): Spoken;
  /** The follow-up "is that more than last month?". */
  spendingComparison(p: {
    direction: 'more' | 'less' | 'same';
    difference: Spoken;
    previous: Spoken;
    previousPeriod: Spoken;
  }): Spoken;
  /** A comparison asked for before any spending question. */
  nothingToCompare(): Spoken;
  spendingCardTitle(): string;

  /** "Your credit card ending in 5454 has a statement balance of $152.00 and a minimum payment of $35.00 due on December 11." */
  cardStatement(p: { account: Spoken; balance?: Spoken; minimum?: Spoken; dueDay?: Spoken }): Spoken;
  /** After the due date: paid in full, at least the minimum, or no payment seen. */
  cardPastDue(p: {
    account: Spoken;
    dueDay: Spoken;
    outcome: 'full' | 'minimum' | 'none';
    paid: Spoken;
    minimum?: Spoken;
  }): Spoken;
  noCardStatement(account: Spoken): Spoken;
  /** "Berlin Bank doesn't share the minimum payment or the due date with me.": what the bank's statement leaves out. */
  cardTermsWithheld(p: { bankName: string; minimum: boolean; dueDate: boolean }): Spoken;
  noCreditCard(bankName: string): Spoken;
  cardCardTitle(): string;

  /** "You have 4 payments coming up in the next 14 days." */
  upcomingBillsIntro(p: { count: number; days: number }): Spoken;
  /** "Verizon, $64.99, on Thursday." */
  billLine(p: { payee: string; amount?: Spoken; day: Spoken }): Spoken;
  /** None of `kinds` (all three when absent) due in the next `days`. */
  noUpcomingBills(days: number, kinds?: readonly UpcomingKind[]): Spoken;
  /** "Berlin Bank doesn't share scheduled payments or direct debits with me." */
  upcomingKindsWithheld(p: { bankName: string; kinds: readonly UpcomingKind[] }): Spoken;
  noMoreBills(): Spoken;
  billsCardTitle(): string;

  anythingElse(variant?: number): Spoken;
  /** What the skill does, with an example: balances, transactions, paying a saved payee, transfers. */
  help(variant?: number): Spoken;
  /** Short: a reprompt never repeats a long answer. */
  helpReprompt(): Spoken;
  /** Something the skill cannot do or did not understand: what it can do instead. */
  fallback(variant?: number): Spoken;
  nothingToRepeat(): Spoken;
  goodbye(variant?: number): Spoken;
  bankUnavailable(bankName: string): Spoken;
  /** The bank wants the customer to (re)approve Saldo's access in its own app. */
  renewBankAccess(bankName: string): Spoken;
  /** The bank's daily allowance of automatic checks is used up. */
  bankAccessExceeded(bankName: string): Spoken;
  /** The bank has not enabled Saldo in this locale (its `locales`): said in the request's language. */
  localeNotOffered(bankName: string): Spoken;
  /** Something failed on Saldo's side: an apology, nothing more. */
  somethingWentWrong(): Spoken;
  /** Said while the bank is slow to answer (a progressive response). */
  oneMoment(bankName: string): Spoken;

  // Payments
  payWhom(): Spoken;
  payHowMuch(payee: string): Spoken;
  transferHowMuch(): Spoken;
  payFromWhich(options: Spoken): Spoken;
  transferToWhich(options: Spoken): Spoken;
  unknownPayee(spoken: string): Spoken;
  whichPayee(options: Spoken): Spoken;
  sameAccount(): Spoken;
  cannotPayFrom(account: Spoken): Spoken;
  overPaymentLimit(limit: Spoken): Spoken;
  overDailyLimit(p: { limit: Spoken; remaining: Spoken }): Spoken;
  /** Without `available` when the amount may not be told yet (privacy mode, before the PIN). */
  insufficientFunds(p: { account: Spoken; available?: Spoken }): Spoken;
  readBackBill(p: { amount: Spoken; payee: string; account: Spoken }): Spoken;
  readBackTransfer(p: { amount: Spoken; from: Spoken; to: Spoken }): Spoken;
  pinPrompt(): Spoken;
  pinInsteadOfYes(): Spoken;
  pinFormat(): Spoken;
  pinWrong(triesLeft: number): Spoken;
  pinLocked(p: { bankName: string; justLocked: boolean; platform: Platform }): Spoken;
  /**
   * `contact`: how the bank's customers reach it ("call 0800 123 456"), when configured.
   * `developerReset`: the customer id, only for the bundled sandbox bank (a developer's reset command).
   */
  pinLockedCard(p: { bankName: string; contact?: string; developerReset?: string }): { title: string; text: string };
  pinNotEnrolled(bankName: string): Spoken;
  pinBusy(): Spoken;
  /** The PIN could not be checked in time (many payments at once); nothing was counted. */
  pinCheckDeferred(): Spoken;
  noPendingPayment(): Spoken;
  paymentExpired(): Spoken;
  paymentCancelled(): Spoken;
  paidBill(p: {
    amount: Spoken;
    payee: string;
    account: Spoken;
    reference: Spoken;
    available?: Spoken;
    variant?: number;
  }): Spoken;
  transferred(p: {
    amount: Spoken;
    from: Spoken;
    to: Spoken;
    reference: Spoken;
    available?: Spoken;
    variant?: number;
  }): Spoken;
  /** The bank refused it; for lack of funds, or for another reason it did not give. */
  paymentRejected(insufficientFunds: boolean): Spoken;
  /** Certain that nothing reached the bank. */
  paymentNotSent(bankName: string): Spoken;
  paymentOutcomeUnknown(bankName: string): Spoken;
  /** The bank sent the payment to its own app for the customer to approve; asks whether they have. */
  approveInBankApp(bankName: string): Spoken;
  /** Help while a payment waits for its PIN: how to approve it or cancel it. */
  paymentHelp(): Spoken;
  /** Not understood while a payment waits for its PIN. */
  paymentFallback(): Spoken;
  /** Privacy mode: a PIN before any account detail. */
  privacyPin(): Spoken;
  paymentCardTitle(): string;
}
