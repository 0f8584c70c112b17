/** Berlin Group 1.3.11 records as the core's model. Unknown codes degrade, they do not fail. */
import { type Money, parseDecimal } from '../../money';
import type { AccountKind } from '../../shared/accounts';
import { addDays, addMonths } from '../../dates';
import type { Account, Balance, Transaction, UpcomingPayment } from '../connector';

type CreditDebit = Balance['creditDebit'];
import type { BgAccount, BgBalance, BgCardAccount, BgCardTransaction, BgTransaction } from './schemas';

/** ISO 20022 cash account types. */
const KINDS: Readonly<Record<string, AccountKind>> = {
  CACC: 'checking',
  TRAN: 'checking',
  SVGS: 'savings',
  CARD: 'credit_card',
};

const lastFourOf = (identification: string) => identification.replace(/[^0-9A-Za-z]/g, '').slice(-4);

function identificationOf(account: BgAccount): string | undefined {
  return account.iban ?? account.bban;
}

export function accountFrom(bg: BgAccount & { resourceId: string }): Account {
  return {
    id: bg.resourceId,
    kind: KINDS[bg.cashAccountType ?? ''] ?? 'other',
    nickname: bg.name ?? bg.displayName,
    currency: bg.currency,
    lastFour: lastFourOf(identificationOf(bg) ?? bg.resourceId),
  };
}

export function cardAccountFrom(bg: BgCardAccount & { resourceId: string }): Account {
  return {
    id: bg.resourceId,
    kind: 'credit_card',
    nickname: bg.name ?? bg.displayName,
    currency: bg.currency,
    lastFour: lastFourOf(bg.maskedPan),
  };
}

/** A signed amount ("-45.20") as the core's unsigned money and direction. */
function signedMoney(amount: { amount: string; currency: string }): { amount: Money; creditDebit: CreditDebit } {
  const negative = amount.amount.startsWith('-');
  return {
    amount: parseDecimal(negative ? amount.amount.slice(1) : amount.amount, amount.currency),
    creditDebit: negative ? 'debit' : 'credit',
  };
}

/**
 * Seven balance types; the core speaks of what is available now and the booked (current)
 * balance. Interim beats closing beats opening, the most recent view first.
 */
const AVAILABLE = ['interimAvailable', 'expected', 'forwardAvailable'];
const CURRENT = ['interimBooked', 'closingBooked', 'openingBooked'];

function pick(balances: readonly BgBalance[], preference: readonly string[]): BgBalance | undefined {
  for (const type of preference) {
    const found = balances.find((b) => b.balanceType === type);
    if (found) return found;
  }
  return undefined;
}

/**
 * A card with debit accounting reports what is owed as a positive amount: a debit balance
 * in the core's terms (and a negative one is money in the customer's favour).
 */
export function balancesFrom(balances: readonly BgBalance[], debitAccounting = false): Balance[] {
  const result: Balance[] = [];
  const add = (type: Balance['type'], balance: BgBalance | undefined) => {
    if (!balance) return;
    const { amount, creditDebit } = signedMoney(balance.balanceAmount);
    const direction: CreditDebit = debitAccounting ? (creditDebit === 'credit' ? 'debit' : 'credit') : creditDebit;
    result.push({ type, amount, creditDebit: direction });
  };
  add('available', pick(balances, AVAILABLE));
  add('current', pick(balances, CURRENT));
  return result;
}

/** An identification as two spellings of it compare: no spaces, upper case. */
function compact(identification: string): string {
  return identification.replace(/\s+/g, '').toUpperCase();
}

/** The customer's own accounts and cards as the bank identifies them, for telling transfers from spending. */
export function ownIdentifications(
  accounts: readonly BgAccount[],
  cards: readonly Pick<BgCardAccount, 'maskedPan'>[],
): Set<string> {
  return new Set(
    [...accounts.flatMap((a) => [a.iban, a.bban]), ...cards.map((c) => c.maskedPan)]
      .filter((id): id is string => Boolean(id))
      .map(compact),
  );
}

type BgAccountReference = NonNullable<BgTransaction['creditorAccount']>;

function isOwn(reference: BgAccountReference | undefined, own: ReadonlySet<string>): boolean {
  return [reference?.iban, reference?.bban, reference?.maskedPan].some(
    (id) => id !== undefined && own.has(compact(id)),
  );
}

/** ISO 20022 bank transaction codes of customer card transactions ("PMNT-CCRD-POSD"). */
const CARD_FAMILY = /^[A-Z]{4}-CCRD-/;

/**
 * An entry of an account report; without a date the core can place, it is skipped. A
 * debit to (or credit from) one of `own` is a transfer between the customer's own
 * accounts. Payment account entries carry no merchant category code in 1.3.11; a card
 * transaction's bank transaction code marks a merchant's payment or refund.
 */
export function transactionFrom(
  bg: BgTransaction,
  accountId: string,
  status: Transaction['status'],
  today: string,
  own: ReadonlySet<string> = new Set(),
): Transaction | undefined {
  const date = bg.bookingDate ?? bg.valueDate ?? (status === 'pending' ? today : undefined);
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const { amount, creditDebit } = signedMoney(bg.transactionAmount);
  return {
    id: bg.transactionId ?? bg.entryReference ?? `${accountId}-${date}-${bg.transactionAmount.amount}`,
    accountId,
    bookingDate: date,
    status,
    amount,
    creditDebit,
    description:
      bg.remittanceInformationUnstructured ?? (creditDebit === 'debit' ? bg.creditorName : bg.debtorName) ?? '',
    ownAccountTransfer: isOwn(creditDebit === 'debit' ? bg.creditorAccount : bg.debtorAccount, own),
    merchantPayment: CARD_FAMILY.test(bg.bankTransactionCode ?? '') || undefined,
  };
}

/** A card report's entry: with debit accounting, a positive amount is a charge. */
export function cardTransactionFrom(
  bg: BgCardTransaction,
  accountId: string,
  status: Transaction['status'],
  today: string,
  debitAccounting: boolean,
): Transaction | undefined {
  const date = bg.bookingDate ?? bg.transactionDate ?? (status === 'pending' ? today : undefined);
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const signed = signedMoney(bg.transactionAmount);
  const charged = debitAccounting ? signed.creditDebit === 'credit' : signed.creditDebit === 'debit';
  return {
    id: bg.cardTransactionId ?? `${accountId}-${date}-${bg.transactionAmount.amount}`,
    accountId,
    bookingDate: date,
    status,
    amount: signed.amount,
    creditDebit: charged ? 'debit' : 'credit',
    description: bg.transactionDetails ?? '',
    merchantCategoryCode: bg.merchantCategoryCode,
  };
}

type StandingOrderDetails = NonNullable<BgTransaction['additionalInformationStructured']>['standingOrderDetails'];

const MONTHS_APART: Readonly<Record<string, number>> = {
  Monthly: 1,
  MonthlyVariable: 1,
  EveryTwoMonths: 2,
  Quarterly: 3,
  SemiAnnual: 6,
  Annual: 12,
};
const DAYS_APART: Readonly<Record<string, number>> = { Daily: 1, Weekly: 7, EveryTwoWeeks: 14 };
/** A bound on the executions walked, whatever dates the bank sends. */
const MAX_EXECUTIONS = 20_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The standing order's next execution on or after `today`, from its start date, frequency
 * (and multiplicator) and day of execution ("31" is the month's last day, as is any day a
 * shorter month lacks); undefined after its end date or for a frequency the spec does not
 * define. The date is the nominal one: the spec leaves weekends and holidays to the bank.
 */
export function nextExecution(details: StandingOrderDetails, today: string): string | undefined {
  const { startDate, endDate } = details;
  if (!ISO_DATE.test(startDate) || (endDate !== undefined && !ISO_DATE.test(endDate))) return undefined;
  const times = details.multiplicator !== undefined && details.multiplicator > 0 ? details.multiplicator : 1;
  const execution = Number(details.dayOfExecution);
  const day =
    Number.isInteger(execution) && execution >= 1 && execution <= 31 ? execution : Number(startDate.slice(8, 10));
  const months = MONTHS_APART[details.frequency];
  const days = DAYS_APART[details.frequency];
  const variable =
    details.frequency === 'MonthlyVariable' ? new Set((details.monthsOfExecution ?? []).map(Number)) : undefined;
  const from = today > startDate ? today : startDate;
  for (let i = 0; i < MAX_EXECUTIONS; i++) {
    let date: string;
    if (months !== undefined) {
      date = addMonths(`${startDate.slice(0, 8)}${String(day).padStart(2, '0')}`, i * months * (variable ? 1 : times));
      if (variable && !variable.has(Number(date.slice(5, 7)))) continue;
    } else if (days !== undefined) date = addDays(startDate, i * days * times);
    else return undefined;
    if (endDate !== undefined && date > endDate) return undefined;
    if (date >= from) return date;
  }
  return undefined;
}

/** An active standing order of a report's `information` list as an upcoming payment; undefined when it has run out. */
export function standingOrderFrom(
  bg: BgTransaction,
  accountId: string,
  index: number,
  today: string,
): UpcomingPayment | undefined {
  const details = bg.additionalInformationStructured?.standingOrderDetails;
  const payee = bg.creditorName ?? bg.remittanceInformationUnstructured;
  const dueDate = details && nextExecution(details, today);
  if (!dueDate || !payee) return undefined;
  return {
    id: bg.transactionId ?? bg.entryReference ?? `${accountId}-so-${index}`,
    accountId,
    kind: 'standing_order',
    payee,
    dueDate,
    amount: signedMoney(bg.transactionAmount).amount,
  };
}

/**
 * A card's latest statement from its balances: for card accounts, closingBooked is what
 * was invoiced and is not yet paid, dated by its reference date. Undefined without one.
 */
export function statementBalanceOf(
  balances: readonly BgBalance[],
  debitAccounting: boolean,
): { closingDate: string; balance: Balance } | undefined {
  const closing = balances.find((b) => b.balanceType === 'closingBooked');
  const closingDate = closing?.referenceDate;
  if (!closing || !closingDate || !ISO_DATE.test(closingDate)) return undefined;
  const [balance] = balancesFrom([{ ...closing, balanceType: 'closingBooked' }], debitAccounting);
  return balance && { closingDate, balance };
}

/** The payment due date of a statement: a booked, invoiced card entry's value date after the closing. */
export function dueDateOf(booked: readonly BgCardTransaction[], closingDate: string): string | undefined {
  return latestDueDate(
    booked
      .filter((t) => t.invoiced === true && t.valueDate !== undefined && ISO_DATE.test(t.valueDate))
      .map((t) => t.valueDate)
      .filter((date) => date !== undefined && date > closingDate),
  );
}

export function latestDueDate(dates: readonly (string | undefined)[]): string | undefined {
  return dates.reduce<string | undefined>(
    (latest, date) => (date && (!latest || date > latest) ? date : latest),
    undefined,
  );
}
