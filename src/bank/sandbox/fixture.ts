/**
 * The sandbox bank's demo data (fixtures/sandbox-bank.json), validated on load, with the
 * generated older history (sandbox-history.json beside it, when there is one) appended to
 * each customer's transactions.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { isValidTimeZone } from '../../dates';
import { UPCOMING_KINDS } from '../../shared/upcoming';

const decimal = z.string().regex(/^\d{1,15}(\.\d{1,5})?$/, 'unsigned decimal string');
const currency = z.string().regex(/^[A-Z]{3}$/);

const accountSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['checking', 'savings', 'credit_card']),
  nickname: z.string().min(1).optional(),
  number: z.string().min(4),
  currency,
  available: decimal.optional(),
  current: decimal,
  creditLimit: decimal.optional(),
  minimumPaymentDue: decimal.optional(),
  /** Negative: the latest statement's payment was due that many days ago. */
  paymentDueInDays: z.number().int().optional(),
});

const payeeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.enum(['biller', 'person']),
  accountNumber: z.string().min(4),
});

const transactionSchema = z.object({
  accountId: z.string().min(1),
  daysAgo: z.number().int().min(0),
  description: z.string(),
  amount: decimal,
  creditDebit: z.enum(['credit', 'debit']),
  status: z.enum(['booked', 'pending']),
  /** ISO 18245 merchant category code, as card networks report it. */
  merchantCategoryCode: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  /** A transfer between the customer's own accounts: the account on the other side. */
  transferAccountId: z.string().min(1).optional(),
});

/** A payment that will leave an account: scheduled once, a monthly standing order, or a monthly direct debit. */
const upcomingSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  kind: z.enum(UPCOMING_KINDS),
  payee: z.string().min(1),
  /** Days from today; 0 is today in the customer's time zone. */
  dueInDays: z.number().int().min(0),
  amount: decimal.optional(),
});

/** Its entries are checked once, as part of the customer they are appended to. */
const historySchema = z.object({
  customers: z.record(
    z.string(),
    z.object({ transactions: z.array(z.unknown()), upcoming: z.array(z.unknown()).default([]) }),
  ),
});

const customerSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    locale: z.string().min(2),
    timeZone: z.string().refine(isValidTimeZone, 'unknown time zone'),
    accessToken: z.string().min(8),
    voicePin: z.string().regex(/^\d{4}$/),
    accounts: z.array(accountSchema).min(1),
    payees: z.array(payeeSchema).default([]),
    transactions: z.array(transactionSchema).default([]),
    upcoming: z.array(upcomingSchema).default([]),
  })
  .superRefine((customer, ctx) => {
    const accountIds = new Set(customer.accounts.map((a) => a.id));
    customer.upcoming.forEach((u, i) => {
      if (!accountIds.has(u.accountId))
        ctx.addIssue({ code: 'custom', path: ['upcoming', i, 'accountId'], message: 'unknown account' });
    });
    customer.transactions.forEach((t, i) => {
      if (!accountIds.has(t.accountId)) {
        ctx.addIssue({ code: 'custom', path: ['transactions', i, 'accountId'], message: 'unknown account' });
      }
      if (
        t.transferAccountId !== undefined &&
        (!accountIds.has(t.transferAccountId) || t.transferAccountId === t.accountId)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['transactions', i, 'transferAccountId'],
          message: 'not another own account',
        });
      }
    });
  });

const sandboxFixtureSchema = z.object({
  bank: z.object({ id: z.string().min(1), names: z.record(z.string(), z.string().min(1)) }),
  customers: z.array(customerSchema).min(1),
});

export type SandboxFixture = z.infer<typeof sandboxFixtureSchema>;
export type SandboxCustomer = SandboxFixture['customers'][number];

export const DEFAULT_FIXTURE_PATH = path.resolve(__dirname, '../../../fixtures/sandbox-bank.json');

/** The generated history that goes with a fixture file: sandbox-history.json in the same directory. */
export function historyFileFor(fixtureFile: string): string {
  return path.join(path.dirname(fixtureFile), 'sandbox-history.json');
}

/**
 * The fixture with its history appended (after the hand-written transactions, so their
 * ids stay the same). `withHistory: false` reads the hand-written part alone.
 */
export function loadSandboxFixture(
  file: string = DEFAULT_FIXTURE_PATH,
  { withHistory = true }: { withHistory?: boolean } = {},
): SandboxFixture {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    customers?: { id?: unknown; transactions?: unknown[]; upcoming?: unknown[] }[];
  };
  const historyFile = historyFileFor(file);
  if (withHistory && existsSync(historyFile)) {
    const history = historySchema.parse(JSON.parse(readFileSync(historyFile, 'utf8')));
    for (const [customerId, { transactions, upcoming }] of Object.entries(history.customers)) {
      const customer = raw.customers?.find((c) => c.id === customerId);
      if (!customer) throw new Error(`${historyFile}: no customer ${customerId} in ${file}`);
      customer.transactions = [...(customer.transactions ?? []), ...transactions];
      customer.upcoming = [...(customer.upcoming ?? []), ...upcoming];
    }
  }
  return sandboxFixtureSchema.parse(raw);
}

/**
 * A copy of a customer under other ids, for demo and load data with many customers: the
 * accounts (and every reference to one: transactions, the other leg of a transfer,
 * upcoming payments) and payees renamed by `rename`, the access token and the account
 * numbers given.
 */
export function withOwnIds(
  customer: SandboxCustomer,
  ids: {
    readonly id: string;
    readonly accessToken: string;
    readonly rename: (id: string) => string;
    readonly accountNumber?: (index: number) => string;
  },
): SandboxCustomer {
  const { rename } = ids;
  return {
    ...customer,
    id: ids.id,
    accessToken: ids.accessToken,
    accounts: customer.accounts.map((a, i) => ({
      ...a,
      id: rename(a.id),
      ...(ids.accountNumber ? { number: ids.accountNumber(i) } : {}),
    })),
    payees: customer.payees.map((p) => ({ ...p, id: rename(p.id) })),
    transactions: customer.transactions.map((t) => ({
      ...t,
      accountId: rename(t.accountId),
      ...(t.transferAccountId === undefined ? {} : { transferAccountId: rename(t.transferAccountId) }),
    })),
    upcoming: customer.upcoming.map((u) => ({ ...u, accountId: rename(u.accountId) })),
  };
}
