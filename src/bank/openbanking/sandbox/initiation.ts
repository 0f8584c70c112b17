/**
 * Payment requests parsed with zod (typed, and checked even when the spec validator is
 * off) and a domestic Initiation resolved against the customer's fixture data: the
 * debtor is one of their deposit accounts, the creditor one of their saved beneficiaries
 * (a bill payment) or another of their own accounts (a transfer).
 */
import * as z from 'zod';
import { parseDecimal } from '../../../money';
import type { SandboxCustomer } from '../../sandbox/fixture';
import { billEntries, transferEntries, type LedgerEntry } from '../../sandbox/ledger';
import type { SandboxAccount } from './bank';
import { ObError } from './errors';
import { accountScheme, payeeScheme } from './mapping';
import { compactIdentification } from '../mapping';

const text = (max: number) => z.string().min(1).max(max);
const cashAccount = z.object({
  SchemeName: z.string().min(1),
  Identification: text(256),
  Name: text(350).optional(),
  SecondaryIdentification: text(34).optional(),
});

const initiationSchema = z.object({
  InstructionIdentification: text(35),
  EndToEndIdentification: text(35),
  LocalInstrument: z.string().optional(),
  InstructedAmount: z.object({
    Amount: z.string().regex(/^\d{1,13}$|^\d{1,13}\.\d{1,5}$/),
    Currency: z.string().regex(/^[A-Z]{3}$/),
  }),
  DebtorAccount: cashAccount.optional(),
  CreditorAccount: cashAccount.extend({ Name: text(350) }),
  RemittanceInformation: z.object({ Unstructured: text(140).optional(), Reference: text(35).optional() }).optional(),
  SupplementaryData: z.record(z.string(), z.unknown()).optional(),
});
export type Initiation = z.infer<typeof initiationSchema>;

const risk = z.record(z.string(), z.unknown());

export const consentRequestSchema = z.object({
  Data: z.object({
    ReadRefundAccount: z.enum(['No', 'Yes']).optional(),
    Initiation: initiationSchema,
    Authorisation: z
      .object({ AuthorisationType: z.enum(['Any', 'Single']), CompletionDateTime: z.string().optional() })
      .optional(),
    SCASupportData: z.record(z.string(), z.unknown()).optional(),
  }),
  Risk: risk,
});
export type ConsentRequest = z.infer<typeof consentRequestSchema>;

export const paymentRequestSchema = z.object({
  Data: z.object({ ConsentId: text(128), Initiation: initiationSchema }),
  Risk: risk,
});
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

/** Parses a body the validator already accepted (or, validation off, any body). */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || undefined;
  throw new ObError(
    400,
    'UK.OBIE.Field.Invalid',
    issue ? `${path ?? 'body'}: ${issue.message}` : 'invalid request body',
    path,
  );
}

/** JSON with object keys sorted: equal requests serialise equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export interface ResolvedPayment {
  readonly source: SandboxAccount;
  readonly amountMinor: number;
  readonly currency: string;
  readonly kind: 'bill' | 'transfer';
  readonly entries: readonly LedgerEntry[];
}

const INITIATION = 'Data.Initiation';

function sameIdentification(a: string, b: string): boolean {
  return compactIdentification(a) === compactIdentification(b);
}

function resolveDebtor(customer: SandboxCustomer, initiation: Initiation): SandboxAccount {
  const debtor = initiation.DebtorAccount;
  if (!debtor)
    throw new ObError(
      400,
      'UK.OBIE.Field.Missing',
      'the sandbox needs DebtorAccount: consents are authorised without a PSU to pick one',
      `${INITIATION}.DebtorAccount`,
    );
  const account = customer.accounts.find((a) => sameIdentification(a.number, debtor.Identification));
  if (!account)
    throw new ObError(
      400,
      'UK.OBIE.Field.Invalid',
      "DebtorAccount is not one of the customer's accounts",
      `${INITIATION}.DebtorAccount.Identification`,
    );
  if (debtor.SchemeName !== accountScheme(account)) {
    throw new ObError(
      400,
      'UK.OBIE.Unsupported.Scheme',
      `DebtorAccount.SchemeName must be ${accountScheme(account)} for this account`,
      `${INITIATION}.DebtorAccount.SchemeName`,
    );
  }
  if (account.type === 'credit_card')
    throw new ObError(
      400,
      'UK.OBIE.Unsupported.AccountIdentifier',
      'a credit card cannot be the debtor account',
      `${INITIATION}.DebtorAccount`,
    );
  return account;
}

function amountOf(initiation: Initiation, source: SandboxAccount): number {
  const { Amount, Currency } = initiation.InstructedAmount;
  if (Currency !== source.currency)
    throw new ObError(
      400,
      'UK.OBIE.Unsupported.Currency',
      `the debtor account holds ${source.currency}`,
      `${INITIATION}.InstructedAmount.Currency`,
    );
  let minor: number;
  try {
    minor = parseDecimal(Amount, Currency).minor;
  } catch (error) {
    throw new ObError(
      400,
      'UK.OBIE.Field.Invalid',
      `InstructedAmount: ${error instanceof Error ? error.message : 'invalid'}`,
      `${INITIATION}.InstructedAmount.Amount`,
    );
  }
  if (minor <= 0)
    throw new ObError(
      400,
      'UK.OBIE.Field.Invalid',
      'InstructedAmount must be more than zero',
      `${INITIATION}.InstructedAmount.Amount`,
    );
  return minor;
}

/**
 * The debtor, amount and ledger entries of an Initiation (the same entries the in-process
 * sandbox connector books), or a 400 saying which part the sandbox cannot accept.
 */
export function resolveInitiation(customer: SandboxCustomer, initiation: Initiation): ResolvedPayment {
  const source = resolveDebtor(customer, initiation);
  const amountMinor = amountOf(initiation, source);
  const creditor = initiation.CreditorAccount;
  const creditorPath = `${INITIATION}.CreditorAccount`;

  const payee = customer.payees.find((p) => sameIdentification(p.accountNumber, creditor.Identification));
  if (payee) {
    if (creditor.SchemeName !== payeeScheme(payee)) {
      throw new ObError(
        400,
        'UK.OBIE.Unsupported.Scheme',
        `CreditorAccount.SchemeName must be ${payeeScheme(payee)} for this beneficiary`,
        `${creditorPath}.SchemeName`,
      );
    }
    return {
      source,
      amountMinor,
      currency: source.currency,
      kind: 'bill',
      entries: billEntries(source, payee.name, amountMinor),
    };
  }

  const destination = customer.accounts.find((a) => sameIdentification(a.number, creditor.Identification));
  if (!destination) {
    throw new ObError(
      400,
      'UK.OBIE.Field.Invalid',
      "CreditorAccount is neither a saved beneficiary nor one of the customer's own accounts",
      `${creditorPath}.Identification`,
    );
  }
  if (creditor.SchemeName !== accountScheme(destination)) {
    throw new ObError(
      400,
      'UK.OBIE.Unsupported.Scheme',
      `CreditorAccount.SchemeName must be ${accountScheme(destination)} for this account`,
      `${creditorPath}.SchemeName`,
    );
  }
  if (destination.id === source.id)
    throw new ObError(400, 'UK.OBIE.Field.Invalid', 'the creditor and debtor accounts are the same', creditorPath);
  if (destination.currency !== source.currency)
    throw new ObError(400, 'UK.OBIE.Unsupported.Currency', 'the creditor account holds another currency', creditorPath);
  return {
    source,
    amountMinor,
    currency: source.currency,
    kind: 'transfer',
    entries: transferEntries(source, destination, amountMinor),
  };
}
