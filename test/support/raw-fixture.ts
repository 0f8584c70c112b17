/**
 * The sandbox fixture and its generated history read as plain JSON, without Saldo's own
 * loader: what the spending tests check Saldo's totals against is an independent reading.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { todayIn } from '../../src/dates';
import { FIXED_NOW } from './app';

export interface RawTransaction {
  accountId: string;
  daysAgo: number;
  description: string;
  amount: string;
  creditDebit: 'credit' | 'debit';
  merchantCategoryCode?: string;
  transferAccountId?: string;
}

interface RawUpcoming {
  payee: string;
  kind: string;
  amount?: string;
  dueInDays: number;
}

interface RawCustomer {
  id: string;
  accessToken: string;
  timeZone: string;
  accounts: { id: string; type: string; currency: string }[];
  transactions: RawTransaction[];
}

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const base = JSON.parse(readFileSync(path.join(FIXTURES, 'sandbox-bank.json'), 'utf8')) as { customers: RawCustomer[] };
const history = JSON.parse(readFileSync(path.join(FIXTURES, 'sandbox-history.json'), 'utf8')) as {
  customers: Record<string, { transactions: RawTransaction[]; upcoming: RawUpcoming[] }>;
};

/** A customer with the history appended, and today's date where they live at the tests' fixed time. */
export function rawCustomer(id: string): RawCustomer & { today: string } {
  const raw = base.customers.find((c) => c.id === id)!;
  return {
    ...raw,
    transactions: [...raw.transactions, ...(history.customers[id]?.transactions ?? [])],
    today: todayIn(raw.timeZone, FIXED_NOW),
  };
}

/** The generated upcoming payments of a customer. */
export function rawUpcoming(id: string): RawUpcoming[] {
  return history.customers[id]?.upcoming ?? [];
}

/**
 * What was spent over these transactions, as this reading understands it: purchases
 * (debits) added up and counted, refunds (credits with a merchant category code) taken
 * off, never below zero. Callers leave out what is not asked about, own transfers first.
 */
export function spentOver(transactions: Iterable<RawTransaction>): { minor: number; purchases: number } {
  let minor = 0;
  let purchases = 0;
  for (const t of transactions) {
    const cents = Math.round(Number(t.amount) * 100);
    if (t.creditDebit === 'debit') {
      minor += cents;
      purchases += 1;
    } else if (t.merchantCategoryCode) minor -= cents;
  }
  return { minor: Math.max(minor, 0), purchases };
}
