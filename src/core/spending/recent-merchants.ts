/**
 * The merchants a customer spent at lately, most visited first: their own words for the
 * MERCHANT slot, so that "how much did I spend at Blue Bottle Coffee" is understood though
 * the shipped model names only well-known brands. Read through the turn's bank view like
 * any transaction, so privacy mode holds them until the voice PIN.
 */
import { addDays } from '../../dates';
import type { CustomerBank } from '../customer-bank';
import { merchantName } from './merchants';
import { isRefund } from './totals';

/** How far back "lately" looks (two months of a bank's pages), and how much of it is kept per account. */
const RECENT_DAYS = 60;
const PER_ACCOUNT = 300;

export async function recentMerchants(bank: CustomerBank, today: string): Promise<string[]> {
  const range = { from: addDays(today, -RECENT_DAYS), to: today };
  // Purchases are made from current accounts and cards: savings are not read for them.
  const accounts = (await bank.accounts()).filter((account) => account.kind !== 'savings');
  const pages = await Promise.all(
    accounts.map((account) => bank.transactions(account.id, { range, offset: 0, limit: PER_ACCOUNT })),
  );
  const visits = new Map<string, number>();
  for (const t of pages.flatMap((page) => page.transactions)) {
    if (t.ownAccountTransfer || (t.creditDebit !== 'debit' && !isRefund(t))) continue;
    const name = merchantName(t);
    if (name) visits.set(name, (visits.get(name) ?? 0) + 1);
  }
  return [...visits].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
