/** Berlin Group 1.3.11 records as the core's model. Unknown codes degrade, they do not fail. */
import { type Money, parseDecimal } from '../../money';
import type { AccountKind } from '../../shared/accounts';
import type { Account, Balance, Transaction } from '../connector';

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

/** An entry of an account report; without a date the core can place, it is skipped. */
export function transactionFrom(
  bg: BgTransaction,
  accountId: string,
  status: Transaction['status'],
  today: string,
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
  };
}
