/**
 * What the conversation core may ask of a bank, modelled on Open Banking UK v3.1
 * account information: accounts with a type and currency, typed balances and
 * transactions with unsigned amounts plus a credit/debit indicator.
 */
import type { Money } from '../money';
import type { AccountKind } from '../shared/accounts';
import type { UpcomingKind } from '../shared/upcoming';

type CreditDebit = 'credit' | 'debit';

export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string;
  /**
   * Full account numbers, card numbers and IBANs (the customer's and their payees')
   * known to the bank. Used only by the voice layer's final scan, never spoken.
   */
  readonly sensitiveIdentifiers: readonly string[];
}

export interface Account {
  readonly id: string;
  readonly kind: AccountKind;
  readonly nickname?: string;
  readonly currency: string;
  /** At most the last four characters of the account identification. */
  readonly lastFour: string;
}

type BalanceType = 'available' | 'current';

export interface Balance {
  readonly type: BalanceType;
  /** Unsigned. */
  readonly amount: Money;
  readonly creditDebit: CreditDebit;
}

export interface CreditCardTerms {
  readonly creditLimit?: Money;
  readonly minimumPaymentDue?: Money;
  /** ISO date (YYYY-MM-DD) in the customer's time zone. */
  readonly paymentDueDate?: string;
}

/** Money that will leave an account on its own: a payment the customer scheduled, a standing order or a direct debit. */
export interface UpcomingPayment {
  readonly id: string;
  readonly accountId: string;
  readonly kind: UpcomingKind;
  /** Who is paid, as the bank names them. */
  readonly payee: string;
  /** ISO date (customer's time zone); for a direct debit, the bank's last one plus its frequency. */
  readonly dueDate: string;
  /** Unknown for a direct debit that has not been collected yet. */
  readonly amount?: Money;
}

/** A credit card's latest statement. */
export interface CardStatement {
  readonly accountId: string;
  /** ISO date (customer's time zone) the statement closed; unknown when the bank gives only terms. */
  readonly closingDate?: string;
  /** What was owed when it closed (a credit when the card was in credit). */
  readonly balance?: Balance;
  readonly minimumPayment?: Money;
  /** ISO date (customer's time zone). */
  readonly dueDate?: string;
}

export interface AccountBalances {
  readonly account: Account;
  readonly balances: readonly Balance[];
  readonly creditCard?: CreditCardTerms;
}

type TransactionStatus = 'booked' | 'pending';

export interface Transaction {
  readonly id: string;
  readonly accountId: string;
  /** ISO date (YYYY-MM-DD) in the customer's time zone. */
  readonly bookingDate: string;
  readonly status: TransactionStatus;
  /** Unsigned. */
  readonly amount: Money;
  readonly creditDebit: CreditDebit;
  /** As the bank wrote it; the voice layer cleans it before speech. */
  readonly description: string;
  /** The merchant's name as the bank reports it apart from the description, when it does. */
  readonly merchantName?: string;
  /** ISO 18245 merchant category code, when the bank reports one. */
  readonly merchantCategoryCode?: string;
  /** Money moved between two of the customer's own accounts: not spending. */
  readonly ownAccountTransfer?: boolean;
  /**
   * A card payment to a merchant (or its refund), as the bank's transaction code says,
   * when the bank reports no merchant category code.
   */
  readonly merchantPayment?: boolean;
}

export interface TransactionQuery {
  /** Only transactions booked within these ISO dates, inclusive (customer's time zone). */
  readonly range?: { readonly from: string; readonly to: string };
  /** Skip this many, newest first. */
  readonly offset: number;
  readonly limit: number;
}

export interface TransactionPage {
  readonly transactions: readonly Transaction[];
  readonly hasMore: boolean;
}

/** A beneficiary the customer saved with the bank: the only people and billers voice can pay. */
export interface Payee {
  readonly id: string;
  readonly name: string;
  /** Other names the customer uses for it ("power company", "mom"). */
  readonly aliases: readonly string[];
  readonly kind: 'biller' | 'person';
}

type PaymentDestination =
  { readonly kind: 'payee'; readonly payeeId: string } | { readonly kind: 'account'; readonly accountId: string };

export interface PaymentOrder {
  /** At most 40 characters; the same key always means the same payment. */
  readonly idempotencyKey: string;
  readonly sourceAccountId: string;
  readonly destination: PaymentDestination;
  readonly amount: Money;
  readonly reference: string;
}

export type PaymentRejection =
  | 'insufficient_funds'
  | 'invalid_destination'
  | 'invalid_source'
  | 'currency_mismatch'
  /** The bank wants the customer to authorise this payment elsewhere first. */
  | 'not_authorised'
  | 'rejected_by_bank'
  /** The order never reached the bank (it failed before the payment was requested). */
  | 'not_sent';

export type PaymentResult =
  | { readonly status: 'completed'; readonly paymentId: string }
  | { readonly status: 'rejected'; readonly paymentId: string; readonly reason: PaymentRejection }
  /**
   * The bank accepted the order but has not decided yet: it waits for the customer to
   * approve it in the bank's own app (decoupled SCA), or is still processing it. Asking
   * again with the same idempotency key returns where it stands; nothing is sent twice.
   */
  | {
      readonly status: 'pending';
      readonly paymentId: string;
      readonly awaiting: 'customer_approval' | 'bank_processing';
    };

export interface BankConnector {
  readonly id: string;
  /** The customer an access token belongs to, or undefined when the bank does not know it. */
  identify(accessToken: string): Promise<Customer | undefined>;
  listAccounts(accessToken: string): Promise<readonly Account[]>;
  getBalances(accessToken: string, accountId: string): Promise<AccountBalances>;
  /** Newest first. */
  listTransactions(accessToken: string, accountId: string, query: TransactionQuery): Promise<TransactionPage>;
  listPayees(accessToken: string): Promise<readonly Payee[]>;
  /**
   * Moves money once per idempotency key: a repeated order with the same key returns
   * the first result and moves nothing more.
   */
  makePayment(accessToken: string, order: PaymentOrder): Promise<PaymentResult>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
  /**
   * Optional capability: a credit card's latest statement, undefined when the bank has
   * none. Without it, Saldo answers card questions from getBalances' creditCard terms.
   */
  getCardStatement?(accessToken: string, accountId: string): Promise<CardStatement | undefined>;
  /**
   * Optional capability: scheduled payments, standing orders and direct debits of an
   * account due within the ISO dates, inclusive, soonest first.
   */
  listUpcomingPayments?(
    accessToken: string,
    accountId: string,
    range: { readonly from: string; readonly to: string },
  ): Promise<readonly UpcomingPayment[]>;
  /** The kinds listUpcomingPayments can see, when not all three (a Berlin Group bank reports standing orders only). */
  readonly upcomingKinds?: readonly UpcomingPayment['kind'][];
  /**
   * How many times a day the bank lets Saldo read an account unasked (a Berlin Group
   * consent's frequencyPerDay), when it counts: such a bank's accounts are read only for a
   * question the customer asked, never ahead of one.
   */
  readonly unattendedReadsPerDay?: number;
}

/** Thrown when it is certain the payment order never reached the bank: nothing moved. */
export class PaymentNotSentError extends Error {
  constructor(reason: string) {
    super(`payment not sent: ${reason}`);
    this.name = 'PaymentNotSentError';
  }
}

/**
 * The bank holds back access the customer gave: the consent expired or waits for their
 * approval in the bank's app ('renew_consent'), or the day's accesses it allows are used
 * up ('access_exceeded'). The customer must act with the bank, not Saldo.
 */
export class BankAccessError extends Error {
  constructor(readonly reason: 'renew_consent' | 'access_exceeded') {
    super(`bank access held back: ${reason}`);
    this.name = 'BankAccessError';
  }
}

/** The access token is not (or no longer) valid at the bank: the customer must link again. */
export class UnknownAccessTokenError extends Error {
  constructor() {
    super('access token not recognised by the bank');
    this.name = 'UnknownAccessTokenError';
  }
}
