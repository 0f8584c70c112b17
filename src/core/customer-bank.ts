/**
 * The bank as one turn of one customer sees it. Amounts of the customer's money —
 * balances and transactions — come only through here, and a bank in privacy mode hands
 * them out only once the voice PIN was given in this conversation: a capability that
 * would speak, show or keep a balance before the PIN gets PrivateUntilPinError instead,
 * and the conversation asks for the PIN. Privacy is a property of where amounts come
 * from, not a list of handlers that remember to check.
 */
import type {
  Account,
  AccountBalances,
  BankConnector,
  CardStatement,
  Payee,
  PaymentOrder,
  PaymentResult,
  TransactionPage,
  TransactionQuery,
  UpcomingPayment,
} from '../bank/connector';
import type { Money } from '../money';
import { UPCOMING_KINDS } from '../shared/upcoming';

export class PrivateUntilPinError extends Error {
  constructor() {
    super("the customer's money is told only after the voice PIN");
    this.name = 'PrivateUntilPinError';
  }
}

/** Whether this turn may tell the customer's amounts; a right PIN in the turn opens it. */
export interface Disclosure {
  readonly allowed: boolean;
  allow(): void;
}

export function disclosure(initiallyAllowed: boolean): Disclosure {
  let allowed = initiallyAllowed;
  return {
    get allowed() {
      return allowed;
    },
    allow() {
      allowed = true;
    },
  };
}

export interface CustomerBank {
  accounts(): Promise<readonly Account[]>;
  payees(): Promise<readonly Payee[]>;
  /** Private: amounts of the customer's money. */
  balances(accountId: string): Promise<AccountBalances>;
  /** Private: amounts of the customer's money. */
  transactions(accountId: string, query: TransactionQuery): Promise<TransactionPage>;
  /** Private: a credit card's latest statement (the bank's, else the terms its balance carries). */
  cardStatement(accountId: string): Promise<CardStatement | undefined>;
  /** Private: payments due from the account within the dates (none when the bank cannot list them). */
  upcoming(accountId: string, range: { from: string; to: string }): Promise<readonly UpcomingPayment[]>;
  /** The kinds of upcoming payment the bank shares: all three, some, or none without a list. */
  upcomingKinds(): readonly UpcomingPayment['kind'][];
  /** Whether the account's funds cover `amount`: a yes or a no, never the amount. */
  covers(accountId: string, amount: Money): Promise<boolean>;
  pay(order: PaymentOrder): Promise<PaymentResult>;
}

/** An available (else current) balance as a signed amount in minor units. */
export function availableMinor(balances: AccountBalances): number | undefined {
  const balance =
    balances.balances.find((b) => b.type === 'available') ?? balances.balances.find((b) => b.type === 'current');
  if (!balance) return undefined;
  return balance.creditDebit === 'debit' ? -balance.amount.minor : balance.amount.minor;
}

/** The bank for one turn: accounts and payees listed once, amounts behind `privacy`. */
export function customerBank(connector: BankConnector, accessToken: string): (privacy: Disclosure) => CustomerBank {
  let accounts: Promise<readonly Account[]> | undefined;
  let payees: Promise<readonly Payee[]> | undefined;
  return (privacy) => {
    const disclosed = () => {
      if (!privacy.allowed) throw new PrivateUntilPinError();
    };
    return {
      accounts: () => (accounts ??= connector.listAccounts(accessToken)),
      payees: () => (payees ??= connector.listPayees(accessToken)),
      async balances(accountId) {
        disclosed();
        return connector.getBalances(accessToken, accountId);
      },
      async transactions(accountId, query) {
        disclosed();
        return connector.listTransactions(accessToken, accountId, query);
      },
      async cardStatement(accountId) {
        disclosed();
        if (connector.getCardStatement) return connector.getCardStatement(accessToken, accountId);
        const terms = (await connector.getBalances(accessToken, accountId)).creditCard;
        return terms && { accountId, minimumPayment: terms.minimumPaymentDue, dueDate: terms.paymentDueDate };
      },
      async upcoming(accountId, range) {
        disclosed();
        return connector.listUpcomingPayments ? connector.listUpcomingPayments(accessToken, accountId, range) : [];
      },
      upcomingKinds: () => (connector.listUpcomingPayments ? (connector.upcomingKinds ?? UPCOMING_KINDS) : []),
      async covers(accountId, amount) {
        const available = availableMinor(await connector.getBalances(accessToken, accountId));
        return available !== undefined && available >= amount.minor;
      },
      pay: (order) => connector.makePayment(accessToken, order),
    };
  };
}
