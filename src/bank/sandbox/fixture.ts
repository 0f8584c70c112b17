/** The sandbox bank's demo data (fixtures/sandbox-bank.json), validated on load. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '../../dates';

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
  paymentDueInDays: z.number().int().min(0).optional(),
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
  })
  .superRefine((customer, ctx) => {
    const accountIds = new Set(customer.accounts.map((a) => a.id));
    customer.transactions.forEach((t, i) => {
      if (!accountIds.has(t.accountId)) {
        ctx.addIssue({ code: 'custom', path: ['transactions', i, 'accountId'], message: 'unknown account' });
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

export function loadSandboxFixture(file: string = DEFAULT_FIXTURE_PATH): SandboxFixture {
  return sandboxFixtureSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
