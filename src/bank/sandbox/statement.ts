/**
 * A sandbox credit card's latest statement, the same for the in-process bank and the
 * Open Banking sandbox: it closed 25 days before the payment due date (never after
 * today), and its balance is what is owed now with everything booked since it closed
 * taken back out.
 */
import { addDays } from '../../dates';

/** Days between a card statement's closing date and its payment due date. */
const STATEMENT_GRACE_DAYS = 25;

export interface SandboxStatement {
  readonly closingDate: string;
  readonly dueDate?: string;
  /** Owed when the statement closed, in minor units (negative: in credit). */
  readonly balanceMinor: number;
}

export function sandboxStatement(
  paymentDueInDays: number | undefined,
  today: string,
  owedNowMinor: number,
  booked: readonly { readonly date: string; readonly minor: number; readonly creditDebit: 'credit' | 'debit' }[],
): SandboxStatement {
  const dueDate = paymentDueInDays === undefined ? undefined : addDays(today, paymentDueInDays);
  const closedByDue = dueDate === undefined ? today : addDays(dueDate, -STATEMENT_GRACE_DAYS);
  const closingDate = closedByDue < today ? closedByDue : today;
  const sinceClosing = booked
    .filter((t) => t.date > closingDate)
    .reduce((sum, t) => sum + (t.creditDebit === 'debit' ? t.minor : -t.minor), 0);
  return { closingDate, dueDate, balanceMinor: owedNowMinor - sinceClosing };
}
