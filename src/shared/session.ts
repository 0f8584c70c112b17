/**
 * What the core keeps between turns of one conversation. The platform stores it on
 * the client, so it is untrusted input: validated on the way in, holding only what a
 * forged copy cannot turn into harm (account ids are re-checked against the customer).
 */
import * as z from 'zod';
import { SPENDING_CATEGORIES } from './spending';

const accountId = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoDateRange = z.object({ from: isoDate, to: isoDate });

const transactionsPageSchema = z.object({
  accountId,
  range: isoDateRange.optional(),
  count: z.number().int().min(1).max(10),
  offset: z.number().int().min(0).max(500),
});
export type TransactionsPage = z.infer<typeof transactionsPageSchema>;

/** A spending question, to repeat or compare: the customer's words for a merchant, never a bank's description. */
const spendingQuerySchema = z.object({
  range: isoDateRange,
  since: z.boolean().optional(),
  accountId: accountId.optional(),
  merchant: z.string().min(1).max(60).optional(),
  category: z.enum(SPENDING_CATEGORIES).optional(),
});
export type SpendingQuery = z.infer<typeof spendingQuerySchema>;

const lastRequestSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('Launch') }),
  z.object({ intent: z.literal('Help') }),
  z.object({ intent: z.literal('GetBalance'), accountId: accountId.optional() }),
  z.object({ intent: z.literal('GetTransactions'), page: transactionsPageSchema }),
  z.object({ intent: z.literal('GetSpending'), query: spendingQuerySchema }),
  z.object({ intent: z.literal('GetCardInfo') }),
  z.object({ intent: z.literal('GetUpcomingBills') }),
]);

export const sessionStateSchema = z.object({
  /** What to do again on "repeat". */
  last: lastRequestSchema.optional(),
  /** Where the list of upcoming bills goes on, when "more" has something to read. */
  bills: z.object({ offset: z.number().int().min(1).max(200) }).optional(),
  /** The next page of transactions, when "more" has something to read. */
  more: transactionsPageSchema.optional(),
  /**
   * The opaque id of the payment being prepared or awaiting a PIN. Never amounts,
   * payees or approvals: the server re-reads everything from its store.
   */
  payment: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
  /** The opaque id of this conversation's privacy-mode approval (banks that ask a PIN before reads). */
  readApproval: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
});

export type SessionState = z.infer<typeof sessionStateSchema>;

export const EMPTY_SESSION: SessionState = Object.freeze({});

/** Anything not exactly of the expected shape is dropped, never trusted in part. */
export function parseSessionState(raw: unknown): SessionState {
  const parsed = sessionStateSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : EMPTY_SESSION;
}
