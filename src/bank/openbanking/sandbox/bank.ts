/**
 * The sandbox bank's data as the Open Banking routes need it: customers by access token,
 * their accounts and payees from the fixture, balances and executed payments from the
 * shared ledger, and transactions (fixture + ledger) newest first with exact instants.
 */
import { addDays, todayIn } from '../../../dates';
import { parseDecimal } from '../../../money';
import type { SandboxCustomer, SandboxFixture } from '../../sandbox/fixture';
import type { LedgerBalance, SandboxLedger } from '../../sandbox/ledger';
import { startOfLocalDay } from './time';

export type SandboxAccount = SandboxCustomer['accounts'][number];
export type SandboxPayee = SandboxCustomer['payees'][number];

export interface SandboxTransaction {
  readonly id: string;
  readonly accountId: string;
  /** When it was booked (fixture entries: the start of their day in the customer's zone). */
  readonly bookedAt: number;
  readonly status: 'booked' | 'pending';
  readonly amountMinor: number;
  readonly currency: string;
  readonly creditDebit: 'credit' | 'debit';
  readonly description: string;
  readonly merchantCategoryCode?: string;
  /** A transfer between the customer's own accounts: the account on the other side. */
  readonly transferAccountId?: string;
}

export interface SandboxBank {
  readonly bankId: string;
  readonly fixture: SandboxFixture;
  readonly ledger: SandboxLedger;
  now(): Date;
  customerByToken(accessToken: string): SandboxCustomer | undefined;
  accountOf(customer: SandboxCustomer, accountId: string): SandboxAccount | undefined;
  balance(account: SandboxAccount): Promise<LedgerBalance>;
  /** Every transaction of the account, newest first; the order is stable between calls. */
  transactions(customer: SandboxCustomer, account: SandboxAccount): Promise<SandboxTransaction[]>;
}

export function createSandboxBank(fixture: SandboxFixture, ledger: SandboxLedger, now: () => Date): SandboxBank {
  const byToken = new Map(fixture.customers.map((c) => [c.accessToken, c]));

  function fixtureTransactions(
    customer: SandboxCustomer,
    account: SandboxAccount,
    today: string,
  ): SandboxTransaction[] {
    const result: SandboxTransaction[] = [];
    customer.transactions.forEach((t, index) => {
      if (t.accountId !== account.id) return;
      result.push({
        // The same ids the in-process sandbox connector gives them.
        id: `${customer.id}-tx-${index}`,
        accountId: t.accountId,
        bookedAt: startOfLocalDay(addDays(today, -t.daysAgo), customer.timeZone),
        status: t.status,
        amountMinor: parseDecimal(t.amount, account.currency).minor,
        currency: account.currency,
        creditDebit: t.creditDebit,
        description: t.description,
        merchantCategoryCode: t.merchantCategoryCode,
        transferAccountId: t.transferAccountId,
      });
    });
    return result;
  }

  return {
    bankId: fixture.bank.id,
    fixture,
    ledger,
    now,

    customerByToken: (accessToken) => byToken.get(accessToken),

    accountOf: (customer, accountId) => customer.accounts.find((a) => a.id === accountId),

    async balance(account) {
      const money = await ledger.balance(account.id);
      if (!money) throw new Error(`the sandbox ledger has no balance for account ${account.id}`);
      return money;
    },

    async transactions(customer, account) {
      const today = todayIn(customer.timeZone, now());
      const executed: SandboxTransaction[] = (await ledger.transactions(account.id)).map((t) => ({
        id: t.id,
        accountId: t.accountId,
        bookedAt: t.bookedAt,
        status: 'booked',
        amountMinor: t.amountMinor,
        currency: t.currency,
        creditDebit: t.creditDebit,
        description: t.description,
        transferAccountId: t.transferAccountId,
      }));
      // Ledger rows come newest first, fixture rows in the fixture's (newest first) order;
      // a stable sort by instant keeps both orders within equal instants.
      return [...executed, ...fixtureTransactions(customer, account, today)].sort((a, b) => b.bookedAt - a.bookedAt);
    },
  };
}
