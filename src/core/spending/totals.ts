/**
 * What the customer spent: purchases (debits) minus refunds (credits from merchants),
 * never money moved between the customer's own accounts. Pure functions over
 * transactions; the handler fetches them.
 */
import type { Transaction } from '../../bank/connector';
import type { DayRange } from '../date-range';
import type { SpendingCategory } from '../../shared/spending';
import { categoryOf } from './categories';
import { merchantName } from './merchants';

export interface SpendingFilter {
  readonly range: DayRange;
  /** Merchant names as `merchantName` gives them; any of them. */
  readonly merchants?: readonly string[];
  readonly category?: SpendingCategory;
}

export interface SpendingTotal {
  readonly currency: string;
  /** Purchases minus refunds, never below zero. */
  readonly minor: number;
  /** Purchases, refunds not counted. */
  readonly purchases: number;
}

/** Credits that give spending back: a card refund carries a category code or a card transaction code, others say so. */
const REFUND_WORDS = /\b(refund|return|reembolso|devoluci[oó]n|abono compra)\b/i;

export function isRefund(t: Transaction): boolean {
  return (
    t.creditDebit === 'credit' &&
    !t.ownAccountTransfer &&
    (t.merchantCategoryCode !== undefined || t.merchantPayment === true || REFUND_WORDS.test(t.description))
  );
}

function matches(t: Transaction, filter: SpendingFilter): boolean {
  if (t.ownAccountTransfer) return false;
  if (t.bookingDate < filter.range.from || t.bookingDate > filter.range.to) return false;
  if (filter.merchants && !filter.merchants.includes(merchantName(t))) return false;
  if (filter.category && categoryOf(t) !== filter.category) return false;
  return t.creditDebit === 'debit' || isRefund(t);
}

/** One total per currency, in the order the currencies first appear. */
export function spendingTotals(transactions: readonly Transaction[], filter: SpendingFilter): SpendingTotal[] {
  const totals = new Map<string, { minor: number; purchases: number }>();
  for (const t of transactions) {
    if (!matches(t, filter)) continue;
    const total = totals.get(t.amount.currency) ?? { minor: 0, purchases: 0 };
    if (t.creditDebit === 'debit') {
      total.minor += t.amount.minor;
      total.purchases += 1;
    } else {
      total.minor -= t.amount.minor;
    }
    totals.set(t.amount.currency, total);
  }
  return [...totals].map(([currency, { minor, purchases }]) => ({ currency, minor: Math.max(minor, 0), purchases }));
}

/** The merchants the customer spent at (or got a refund from) in these transactions. */
export function merchantsIn(transactions: readonly Transaction[]): Set<string> {
  return new Set(transactions.filter((t) => t.creditDebit === 'debit' || isRefund(t)).map((t) => merchantName(t)));
}
