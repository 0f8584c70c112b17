/**
 * The sandbox bank: serves the fixture's customers, with transaction dates relative
 * to today in each customer's time zone.
 */
import { addDays, todayIn } from '../../dates';
import { parseDecimal } from '../../money';
import type {
  Account,
  AccountBalances,
  BankConnector,
  Balance,
  Customer,
  Transaction,
  TransactionPage,
  TransactionQuery,
} from '../connector';
import { UnknownAccessTokenError } from '../connector';
import type { SandboxCustomer, SandboxFixture } from './fixture';

interface SandboxDeps {
  fixture: SandboxFixture;
  now?: () => Date;
}

export function lastFour(identifier: string): string {
  return identifier.replace(/[^0-9A-Za-z]/g, '').slice(-4);
}

function toAccount(raw: SandboxCustomer['accounts'][number]): Account {
  return { id: raw.id, kind: raw.type, nickname: raw.nickname, currency: raw.currency, lastFour: lastFour(raw.number) };
}

function toCustomer(raw: SandboxCustomer): Customer {
  return {
    id: raw.id,
    name: raw.name,
    locale: raw.locale,
    timeZone: raw.timeZone,
    sensitiveIdentifiers: [...raw.accounts.map((a) => a.number), ...raw.payees.map((p) => p.accountNumber), raw.accessToken],
  };
}

export function createSandboxConnector({ fixture, now = () => new Date() }: SandboxDeps): BankConnector {
  const byToken = new Map(fixture.customers.map((c) => [c.accessToken, c]));

  function customerFor(accessToken: string): SandboxCustomer {
    const customer = byToken.get(accessToken);
    if (!customer) throw new UnknownAccessTokenError();
    return customer;
  }

  function accountOf(customer: SandboxCustomer, accountId: string) {
    const account = customer.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error('no such account for this customer');
    return account;
  }

  return {
    id: 'sandbox',

    async identify(accessToken) {
      const customer = byToken.get(accessToken);
      return customer && toCustomer(customer);
    },

    async listAccounts(accessToken) {
      return customerFor(accessToken).accounts.map(toAccount);
    },

    async getBalances(accessToken, accountId): Promise<AccountBalances> {
      const customer = customerFor(accessToken);
      const raw = accountOf(customer, accountId);
      const isCard = raw.type === 'credit_card';
      // A card's balance is what is owed: a debit balance in Open Banking terms.
      const creditDebit = isCard ? 'debit' : 'credit';
      const balances: Balance[] = [{ type: 'current', amount: parseDecimal(raw.current, raw.currency), creditDebit }];
      if (raw.available !== undefined) {
        balances.unshift({ type: 'available', amount: parseDecimal(raw.available, raw.currency), creditDebit: 'credit' });
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
      const account = accountOf(customer, accountId);
      const today = todayIn(customer.timeZone, now());
      const all: Transaction[] = customer.transactions
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
        }))
        .filter((t) => !query.range || (t.bookingDate >= query.range.from && t.bookingDate <= query.range.to))
        .sort((a, b) => b.bookingDate.localeCompare(a.bookingDate));
      const transactions = all.slice(query.offset, query.offset + query.limit);
      return { transactions, hasMore: query.offset + query.limit < all.length };
    },

    async ping() {},
  };
}
