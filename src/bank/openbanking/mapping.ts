/** Open Banking v3.1 records as the core's model. Unknown codes degrade, they do not fail. */
import { todayIn } from '../../dates';
import { type Money, parseDecimal } from '../../money';
import type {
  Account,
  Balance,
  CardStatement,
  CreditCardTerms,
  Payee,
  Transaction,
  UpcomingPayment,
} from '../connector';
import { addDays, addMonths } from '../../dates';
import type {
  ObAccount,
  ObBalance,
  ObBeneficiary,
  ObDirectDebit,
  ObScheduledPayment,
  ObStandingOrder,
  ObStatement,
  ObTransaction,
} from './schemas';
import type { AccountKind } from '../../shared/accounts';

const KINDS: Readonly<Record<string, AccountKind>> = {
  CurrentAccount: 'checking',
  Savings: 'savings',
  CreditCard: 'credit_card',
  ChargeCard: 'credit_card',
};

export function accountFrom(ob: ObAccount): Account {
  const identification = ob.Account?.[0]?.Identification ?? ob.AccountId;
  return {
    id: ob.AccountId,
    kind: KINDS[ob.AccountSubType ?? ''] ?? 'other',
    nickname: ob.Nickname,
    currency: ob.Currency,
    lastFour: identification.replace(/[^0-9A-Za-z]/g, '').slice(-4),
  };
}

export function identificationsOf(accounts: readonly ObAccount[], beneficiaries: readonly ObBeneficiary[]): string[] {
  return [
    ...accounts.flatMap((a) => (a.Account ?? []).map((id) => id.Identification)),
    ...beneficiaries.flatMap((b) => (b.CreditorAccount ? [b.CreditorAccount.Identification] : [])),
  ];
}

function money(amount: { Amount: string; Currency: string }): Money {
  return parseDecimal(amount.Amount, amount.Currency);
}

/**
 * The spec has thirteen balance types; the core speaks of what is available now and the
 * booked (current) balance. Interim beats closing beats opening, the most recent view first.
 */
const AVAILABLE = ['InterimAvailable', 'ClosingAvailable', 'ForwardAvailable', 'OpeningAvailable', 'Expected'];
const CURRENT = [
  'InterimBooked',
  'ClosingBooked',
  'InterimCleared',
  'ClosingCleared',
  'OpeningBooked',
  'PreviouslyClosedBooked',
];

function pick(balances: readonly ObBalance[], preference: readonly string[]): ObBalance | undefined {
  for (const type of preference) {
    const found = balances.find((b) => b.Type === type);
    if (found) return found;
  }
  return undefined;
}

export function balancesFrom(balances: readonly ObBalance[]): Balance[] {
  const result: Balance[] = [];
  const available = pick(balances, AVAILABLE);
  const current = pick(balances, CURRENT);
  if (available)
    result.push({
      type: 'available',
      amount: money(available.Amount),
      creditDebit: available.CreditDebitIndicator === 'Debit' ? 'debit' : 'credit',
    });
  if (current)
    result.push({
      type: 'current',
      amount: money(current.Amount),
      creditDebit: current.CreditDebitIndicator === 'Debit' ? 'debit' : 'credit',
    });
  return result;
}

export function creditTermsFrom(
  balances: readonly ObBalance[],
  statements: readonly ObStatement[],
  timeZone: string,
): CreditCardTerms {
  const line = balances
    .flatMap((b) => b.CreditLine ?? [])
    .find((l) => l.Type === 'Credit' || l.Type === 'Available' || l.Type === undefined);
  const latest = statements[0];
  const minimum = latest?.StatementAmount?.find((a) => a.Type === 'UK.OBIE.MinimumPaymentDue');
  const due = latest?.StatementDateTime?.find((d) => d.Type === 'UK.OBIE.PaymentDue');
  const dueDate =
    due && !Number.isNaN(Date.parse(due.DateTime)) ? todayIn(timeZone, new Date(due.DateTime)) : undefined;
  return {
    creditLimit: line?.Amount && money(line.Amount),
    minimumPaymentDue: minimum && money(minimum.Amount),
    paymentDueDate: dueDate,
  };
}

/** An identification as two spellings of it compare: no spaces, upper case. */
export function compactIdentification(identification: string): string {
  return identification.replace(/\s+/g, '').toUpperCase();
}

function localDate(dateTime: string | undefined, timeZone: string): string | undefined {
  return dateTime && !Number.isNaN(Date.parse(dateTime)) ? todayIn(timeZone, new Date(dateTime)) : undefined;
}

/** The latest statement (by its end) as the core's: closing balance, minimum payment, due date. */
export function cardStatementFrom(
  accountId: string,
  statements: readonly ObStatement[],
  timeZone: string,
): CardStatement | undefined {
  const latest = [...statements].sort((a, b) => Date.parse(b.EndDateTime ?? '') - Date.parse(a.EndDateTime ?? ''))[0];
  const closingDate = localDate(latest?.EndDateTime, timeZone);
  if (!latest || !closingDate) return undefined;
  const amountOf = (type: string) => latest.StatementAmount?.find((a) => a.Type === type);
  const closing = amountOf('UK.OBIE.ClosingBalance');
  const minimum = amountOf('UK.OBIE.MinimumPaymentDue');
  return {
    accountId,
    closingDate,
    balance: closing && {
      type: 'current',
      amount: money(closing.Amount),
      creditDebit: closing.CreditDebitIndicator === 'Credit' ? 'credit' : 'debit',
    },
    minimumPayment: minimum && money(minimum.Amount),
    dueDate: localDate(latest.StatementDateTime?.find((d) => d.Type === 'UK.OBIE.PaymentDue')?.DateTime, timeZone),
  };
}

/**
 * Booked and pending entries; rejected ones are not the customer's spending. A debit to
 * (or credit from) one of `ownIdentifications` is a transfer between the customer's own
 * accounts.
 */
export function transactionFrom(
  ob: ObTransaction,
  timeZone: string,
  ownIdentifications: ReadonlySet<string> = new Set(),
): Transaction | undefined {
  const status = ob.Status === 'Booked' ? 'booked' : ob.Status === 'Pending' ? 'pending' : undefined;
  const booked = Date.parse(ob.BookingDateTime);
  if (!status || Number.isNaN(booked)) return undefined;
  return {
    id: ob.TransactionId ?? `${ob.AccountId}-${ob.BookingDateTime}-${ob.Amount.Amount}`,
    accountId: ob.AccountId,
    bookingDate: todayIn(timeZone, new Date(booked)),
    status,
    amount: money(ob.Amount),
    creditDebit: ob.CreditDebitIndicator === 'Debit' ? 'debit' : 'credit',
    description: ob.TransactionInformation ?? ob.MerchantDetails?.MerchantName ?? '',
    merchantName: ob.MerchantDetails?.MerchantName,
    merchantCategoryCode: ob.MerchantDetails?.MerchantCategoryCode,
    ownAccountTransfer: counterpartIsOwn(ob, ownIdentifications),
  };
}

function counterpartIsOwn(ob: ObTransaction, own: ReadonlySet<string>): boolean {
  const counterpart = ob.CreditDebitIndicator === 'Debit' ? ob.CreditorAccount : ob.DebtorAccount;
  const identification = counterpart?.Identification;
  return identification !== undefined && own.has(compactIdentification(identification));
}

export function payeeFrom(ob: ObBeneficiary): Payee | undefined {
  const name = ob.CreditorAccount?.Name ?? ob.Reference;
  if (!ob.BeneficiaryId || !name) return undefined;
  return { id: ob.BeneficiaryId, name, aliases: ob.SupplementaryData?.saldoAliases ?? [], kind: 'biller' };
}

/** How far a direct debit's frequency moves its date. */
const DIRECT_DEBIT_STEP: Readonly<Record<string, (iso: string) => string>> = {
  'UK.OBIE.Weekly': (iso) => addDays(iso, 7),
  'UK.OBIE.Fortnightly': (iso) => addDays(iso, 14),
  'UK.OBIE.Monthly': (iso) => addMonths(iso, 1),
  'UK.OBIE.Quarterly': (iso) => addMonths(iso, 3),
  'UK.OBIE.HalfYearly': (iso) => addMonths(iso, 6),
  'UK.OBIE.Annual': (iso) => addMonths(iso, 12),
};

/**
 * Scheduled payments, active standing orders and active direct debits as upcoming
 * payments. A direct debit carries only its last collection and frequency: the next one
 * is estimated from them (one of unknown frequency is left out).
 */
export function upcomingFrom(
  accountId: string,
  records: {
    readonly scheduled: readonly ObScheduledPayment[];
    readonly standingOrders: readonly ObStandingOrder[];
    readonly directDebits: readonly ObDirectDebit[];
  },
  today: string,
  timeZone: string,
): UpcomingPayment[] {
  const result: UpcomingPayment[] = [];
  for (const s of records.scheduled) {
    const dueDate = localDate(s.ScheduledPaymentDateTime, timeZone);
    const payee = s.CreditorAccount?.Name ?? s.Reference;
    if (dueDate && payee)
      result.push({
        id: s.ScheduledPaymentId ?? `${accountId}-sp-${dueDate}`,
        accountId,
        kind: 'scheduled',
        payee,
        dueDate,
        amount: money(s.InstructedAmount),
      });
  }
  for (const o of records.standingOrders) {
    const dueDate = localDate(o.NextPaymentDateTime, timeZone);
    const payee = o.CreditorAccount?.Name ?? o.Reference;
    if (dueDate && payee && o.StandingOrderStatusCode !== 'Inactive')
      result.push({
        id: o.StandingOrderId ?? `${accountId}-so-${dueDate}`,
        accountId,
        kind: 'standing_order',
        payee,
        dueDate,
        amount: o.NextPaymentAmount && money(o.NextPaymentAmount),
      });
  }
  for (const d of records.directDebits) {
    const step = DIRECT_DEBIT_STEP[d.Frequency ?? ''];
    let dueDate = localDate(d.PreviousPaymentDateTime, timeZone);
    if (!step || !dueDate || d.DirectDebitStatusCode === 'Inactive') continue;
    for (let i = 0; i < 400 && dueDate <= today; i++) dueDate = step(dueDate);
    result.push({
      id: d.DirectDebitId ?? `${accountId}-dd-${d.Name}`,
      accountId,
      kind: 'direct_debit',
      payee: d.Name,
      dueDate,
      amount: d.PreviousPaymentAmount && money(d.PreviousPaymentAmount),
    });
  }
  return result.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
