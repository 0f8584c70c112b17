/**
 * Transactions as banks page them: next-page links followed (on the bank's own host, at
 * most a bound of pages, whatever the bank sends), each entry kept once by its id (pages
 * overlap while new entries arrive), and the core's page cut from the whole, newest first.
 */
import { addDays, todayIn } from '../dates';
import type { Transaction, TransactionPage, TransactionQuery } from './connector';

/** A bound on next-page links, whatever the bank sends (spending questions read months at a time). */
const MAX_PAGES = 100;
/** How far back "recent" reaches when no date is asked for. */
const RECENT_DAYS = 90;

export interface ReportPage {
  readonly transactions: readonly (Transaction | undefined)[];
  readonly next?: string;
}

/** Reads `first` and the pages its next links lead to (`read` returns each page's link), within the bound. */
export async function eachPage(first: string, read: (path: string) => Promise<string | undefined>): Promise<void> {
  let path: string | undefined = first;
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const next: string | undefined = await read(path);
    path = next && next !== path ? next : undefined;
  }
}

export async function followPages(first: string, read: (path: string) => Promise<ReportPage>): Promise<Transaction[]> {
  const seen = new Set<string>();
  const result: Transaction[] = [];
  await eachPage(first, async (path) => {
    const report = await read(path);
    for (const transaction of report.transactions) {
      if (!transaction || seen.has(transaction.id)) continue;
      seen.add(transaction.id);
      result.push(transaction);
    }
    return report.next;
  });
  return result;
}

/** The dates a query covers: the asked range, or the recent past. */
export function rangeOf(query: TransactionQuery, timeZone: string, now: Date): { from: string; to: string } {
  const today = todayIn(timeZone, now);
  return query.range ?? { from: addDays(today, -RECENT_DAYS), to: today };
}

export function pageOf(all: readonly Transaction[], query: TransactionQuery): TransactionPage {
  const newestFirst = [...all].sort((a, b) => b.bookingDate.localeCompare(a.bookingDate));
  return {
    transactions: newestFirst.slice(query.offset, query.offset + query.limit),
    hasMore: query.offset + query.limit < newestFirst.length,
  };
}
