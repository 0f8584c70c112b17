/**
 * What the conversation core may ask of a bank, modelled on Open Banking UK v3.1
 * account information: accounts with a type and currency, typed balances and
 * transactions with unsigned amounts plus a credit/debit indicator.
 */
import type { Money } from '../money';

export type AccountKind = 'checking' | 'savings' | 'credit_card' | 'other';
export type CreditDebit = 'credit' | 'debit';

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

export type BalanceType = 'available' | 'current';

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

export interface AccountBalances {
  readonly account: Account;
  readonly balances: readonly Balance[];
  readonly creditCard?: CreditCardTerms;
}

export type TransactionStatus = 'booked' | 'pending';

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

export interface BankConnector {
  readonly id: string;
  /** The customer an access token belongs to, or undefined when the bank does not know it. */
  identify(accessToken: string): Promise<Customer | undefined>;
  listAccounts(accessToken: string): Promise<readonly Account[]>;
  getBalances(accessToken: string, accountId: string): Promise<AccountBalances>;
  /** Newest first. */
  listTransactions(accessToken: string, accountId: string, query: TransactionQuery): Promise<TransactionPage>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
}

/** The access token is not (or no longer) valid at the bank: the customer must link again. */
export class UnknownAccessTokenError extends Error {
  constructor() {
    super('access token not recognised by the bank');
    this.name = 'UnknownAccessTokenError';
  }
}
