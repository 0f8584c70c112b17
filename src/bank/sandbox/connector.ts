/**
 * The sandbox bank: the fixture's customers, accounts and payees, with transaction dates
 * relative to today in each customer's time zone, and money kept in the store's ledger.
 */
import { randomUUID } from 'node:crypto';
import { addDays, todayIn } from '../../dates';
import { parseDecimal } from '../../money';
import type {
  Account,
  AccountBalances,
  BankConnector,
  Balance,
  CardStatement,
  Customer,
  PaymentOrder,
  PaymentResult,
  Transaction,
  TransactionPage,
  TransactionQuery,
  UpcomingPayment,
} from '../connector';
import { UnknownAccessTokenError } from '../connector';
import type { SandboxCustomer, SandboxFixture } from './fixture';
import { billEntries, transferEntries, type LedgerEntry, type SandboxLedger } from './ledger';
import { sandboxStatement } from './statement';

interface SandboxDeps {
  readonly fixture: SandboxFixture;
  /** The bank id Saldo knows this sandbox by (the fixture's own when unset). */
  readonly bankId?: string;
  readonly ledger: SandboxLedger;
  readonly now?: () => Date;
}

type RawAccount = SandboxCustomer['accounts'][number];

export function lastFour(identifier: string): string {
  return identifier.replace(/[^0-9A-Za-z]/g, '').slice(-4);
}

function toAccount(raw: RawAccount): Account {
  return { id: raw.id, kind: raw.type, nickname: raw.nickname, currency: raw.currency, lastFour: lastFour(raw.number) };
}

function toCustomer(raw: SandboxCustomer): Customer {
  return {
    id: raw.id,
    name: raw.name,
    locale: raw.locale,
    timeZone: raw.timeZone,
    sensitiveIdentifiers: [
      ...raw.accounts.map((a) => a.number),
      ...raw.payees.map((p) => p.accountNumber),
      raw.accessToken,
    ],
  };
}

/** The ledger entries of a payment: the debit, and the credit when it stays inside the bank. */
function entriesFor(customer: SandboxCustomer, order: PaymentOrder, source: RawAccount): LedgerEntry[] | undefined {
  if (order.destination.kind === 'payee') {
    const payeeId = order.destination.payeeId;
    const payee = customer.payees.find((p) => p.id === payeeId);
    return payee && billEntries(source, payee.name, order.amount.minor);
  }
  const destinationId = order.destination.accountId;
  const destination = customer.accounts.find((a) => a.id === destinationId);
  if (!destination || destination.id === source.id || destination.currency !== source.currency) return undefined;
  return transferEntries(source, destination, order.amount.minor);
}

export function createSandboxConnector({
  fixture,
  ledger,
  bankId = fixture.bank.id,
  now = () => new Date(),
}: SandboxDeps): BankConnector {
  // Built once: a request only looks things up.
  const byToken = new Map(fixture.customers.map((c) => [c.accessToken, c]));
  const customers = new Map(fixture.customers.map((c) => [c.accessToken, toCustomer(c)]));
  const accounts = new Map(fixture.customers.map((c) => [c.accessToken, c.accounts.map(toAccount)]));

  function customerFor(accessToken: string): SandboxCustomer {
    const customer = byToken.get(accessToken);
    if (!customer) throw new UnknownAccessTokenError();
    return customer;
  }

  function accountOf(customer: SandboxCustomer, accountId: string): RawAccount {
    const account = customer.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error('no such account for this customer');
    return account;
  }

  // The fixture's transactions of an account, dated from today: worked out once a day.
  const fixtureDays = new Map<string, { readonly today: string; readonly transactions: readonly Transaction[] }>();

  function fixtureTransactions(customer: SandboxCustomer, account: RawAccount, today: string): readonly Transaction[] {
    const key = `${customer.id}\u0000${account.id}`;
    const cached = fixtureDays.get(key);
    if (cached?.today === today) return cached.transactions;
    const transactions = datedTransactions(customer, account, today);
    fixtureDays.set(key, { today, transactions });
    return transactions;
  }

  function datedTransactions(customer: SandboxCustomer, account: RawAccount, today: string): readonly Transaction[] {
    return customer.transactions
      .map((t, index) => ({ t, index }))
      .filter(({ t }) => t.accountId === account.id)
      .map(({ t, index }) => ({
        id: `${customer.id}-tx-${index}`,
        accountId: t.accountId,
        bookingDate: addDays(today, -t.daysAgo),
        status: t.status,
        amount: parseDecimal(t.amount, account.currency),
        creditDebit: t.creditDebit,
        description: t.description,
        merchantCategoryCode: t.merchantCategoryCode,
        ownAccountTransfer: t.transferAccountId !== undefined,
      }));
  }

  /** The fixture's transactions and the payments made since, in no particular order. */
  async function transactionsOf(customer: SandboxCustomer, account: RawAccount): Promise<Transaction[]> {
    const today = todayIn(customer.timeZone, now());
    const booked: Transaction[] = (await ledger.transactions(account.id)).map((t) => ({
      id: t.id,
      accountId: t.accountId,
      bookingDate: todayIn(customer.timeZone, new Date(t.bookedAt)),
      status: 'booked',
      amount: { minor: t.amountMinor, currency: t.currency },
      creditDebit: t.creditDebit,
      description: t.description,
      ownAccountTransfer: t.transferAccountId !== undefined,
    }));
    // Payments made today come before the fixture's (which have no time of day).
    return [...booked, ...fixtureTransactions(customer, account, today)];
  }

  return {
    id: bankId,

    async identify(accessToken) {
      return customers.get(accessToken);
    },

    async listAccounts(accessToken) {
      const list = accounts.get(accessToken);
      if (!list) throw new UnknownAccessTokenError();
      return list;
    },

    async getBalances(accessToken, accountId): Promise<AccountBalances> {
      const customer = customerFor(accessToken);
      const raw = accountOf(customer, accountId);
      const money = await ledger.balance(raw.id);
      if (!money) throw new Error('sandbox ledger has no balance for this account');
      const isCard = raw.type === 'credit_card';
      // A card's balance is what is owed: a debit balance in Open Banking terms.
      const currentSign = isCard ? 'debit' : money.currentMinor < 0 ? 'debit' : 'credit';
      const balances: Balance[] = [
        {
          type: 'current',
          amount: { minor: Math.abs(money.currentMinor), currency: raw.currency },
          creditDebit: currentSign,
        },
      ];
      if (money.availableMinor !== undefined) {
        balances.unshift({
          type: 'available',
          amount: { minor: Math.abs(money.availableMinor), currency: raw.currency },
          creditDebit: money.availableMinor < 0 ? 'debit' : 'credit',
        });
      }
      const today = todayIn(customer.timeZone, now());
      return {
        account: toAccount(raw),
        balances,
        creditCard: isCard
          ? {
              creditLimit: raw.creditLimit === undefined ? undefined : parseDecimal(raw.creditLimit, raw.currency),
              minimumPaymentDue:
                raw.minimumPaymentDue === undefined ? undefined : parseDecimal(raw.minimumPaymentDue, raw.currency),
              paymentDueDate: raw.paymentDueInDays === undefined ? undefined : addDays(today, raw.paymentDueInDays),
            }
          : undefined,
      };
    },

    async listTransactions(accessToken, accountId, query: TransactionQuery): Promise<TransactionPage> {
      const customer = customerFor(accessToken);
      const all = (await transactionsOf(customer, accountOf(customer, accountId)))
        .filter((t) => !query.range || (t.bookingDate >= query.range.from && t.bookingDate <= query.range.to))
        .sort((a, b) => b.bookingDate.localeCompare(a.bookingDate));
      return {
        transactions: all.slice(query.offset, query.offset + query.limit),
        hasMore: query.offset + query.limit < all.length,
      };
    },

    async getCardStatement(accessToken, accountId): Promise<CardStatement | undefined> {
      const customer = customerFor(accessToken);
      const account = accountOf(customer, accountId);
      const money = await ledger.balance(account.id);
      if (account.type !== 'credit_card' || !money) return undefined;
      const statement = sandboxStatement(
        account.paymentDueInDays,
        todayIn(customer.timeZone, now()),
        money.currentMinor,
        (await transactionsOf(customer, account)).map((t) => ({
          date: t.bookingDate,
          minor: t.amount.minor,
          creditDebit: t.creditDebit,
        })),
      );
      const { currency } = account;
      return {
        accountId,
        closingDate: statement.closingDate,
        dueDate: statement.dueDate,
        balance: {
          type: 'current',
          amount: { minor: Math.abs(statement.balanceMinor), currency },
          creditDebit: statement.balanceMinor < 0 ? 'credit' : 'debit',
        },
        minimumPayment:
          account.minimumPaymentDue === undefined ? undefined : parseDecimal(account.minimumPaymentDue, currency),
      };
    },

    async listUpcomingPayments(accessToken, accountId, range): Promise<readonly UpcomingPayment[]> {
      const customer = customerFor(accessToken);
      const account = accountOf(customer, accountId);
      const today = todayIn(customer.timeZone, now());
      return customer.upcoming
        .filter((u) => u.accountId === account.id)
        .map((u) => ({
          id: u.id,
          accountId: u.accountId,
          kind: u.kind,
          payee: u.payee,
          dueDate: addDays(today, u.dueInDays),
          amount: u.amount === undefined ? undefined : parseDecimal(u.amount, account.currency),
        }))
        .filter((u) => u.dueDate >= range.from && u.dueDate <= range.to)
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    },

    async listPayees(accessToken) {
      return customerFor(accessToken).payees.map(({ id, name, aliases, kind }) => ({ id, name, aliases, kind }));
    },

    async makePayment(accessToken, order): Promise<PaymentResult> {
      const customer = customerFor(accessToken);
      const paymentId = `sbx-${randomUUID()}`;
      const source = customer.accounts.find((a) => a.id === order.sourceAccountId);
      if (!source || source.type === 'credit_card') return { status: 'rejected', paymentId, reason: 'invalid_source' };
      if (source.currency !== order.amount.currency)
        return { status: 'rejected', paymentId, reason: 'currency_mismatch' };
      const entries = entriesFor(customer, order, source);
      if (!entries) return { status: 'rejected', paymentId, reason: 'invalid_destination' };
      return ledger.execute(
        {
          idempotencyKey: order.idempotencyKey,
          customerId: customer.id,
          paymentId,
          sourceAccountId: source.id,
          amountMinor: order.amount.minor,
          currency: order.amount.currency,
          at: now().getTime(),
        },
        entries,
      );
    },

    async ping() {
      await ledger.balance(fixture.customers[0]?.accounts[0]?.id ?? '');
    },
  };
}
