/**
 * The fixture's customers, accounts, payees and transactions as Open Banking v3.1.11
 * records. Pure functions: the routes fetch, these shape.
 */
import { addDays, addMonths } from '../../../dates';
import { parseDecimal, toDecimal } from '../../../money';
import type { SandboxCustomer } from '../../sandbox/fixture';
import type { LedgerBalance } from '../../sandbox/ledger';
import type { SandboxAccount, SandboxPayee, SandboxTransaction } from './bank';
import type {
  CreditDebitIndicator,
  ObAccount6,
  ObAmount,
  ObBalance,
  ObBeneficiary5,
  ObDirectDebit2,
  ObScheduledPayment3,
  ObStandingOrder6,
  ObParty2,
  ObStatement2,
  ObTransaction6,
  SchemeName,
} from './ob-types';
import { startOfLocalDay, wallClock, zonedDateTime } from './time';
import { sandboxStatement, type SandboxStatement } from '../../sandbox/statement';
import { compactIdentification } from '../mapping';

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

function numberScheme(identification: string): SchemeName {
  return IBAN.test(compactIdentification(identification)) ? 'UK.OBIE.IBAN' : 'UK.OBIE.SortCodeAccountNumber';
}

/** Cards by PAN, IBAN-shaped numbers by IBAN, everything else as a sort code + account number. */
export function accountScheme(account: SandboxAccount): SchemeName {
  return account.type === 'credit_card' ? 'UK.OBIE.PAN' : numberScheme(account.number);
}

export function payeeScheme(payee: SandboxPayee): SchemeName {
  return numberScheme(payee.accountNumber);
}

function obAmount(minor: number, currency: string): ObAmount {
  return { Amount: toDecimal({ minor: Math.abs(minor), currency }), Currency: currency };
}

const SUB_TYPES = { checking: 'CurrentAccount', savings: 'Savings', credit_card: 'CreditCard' } as const;

export function toObAccount(customer: SandboxCustomer, account: SandboxAccount): ObAccount6 {
  return {
    AccountId: account.id,
    Status: 'Enabled',
    Currency: account.currency,
    AccountType: 'Personal',
    AccountSubType: SUB_TYPES[account.type],
    ...(account.nickname ? { Nickname: account.nickname } : {}),
    Account: [{ SchemeName: accountScheme(account), Identification: account.number, Name: customer.name }],
  };
}

function creditDebit(minor: number): CreditDebitIndicator {
  return minor < 0 ? 'Debit' : 'Credit';
}

/**
 * Deposits: InterimAvailable (when the ledger has one) and InterimBooked, Credit unless
 * negative. Cards: InterimBooked is what is owed, a Debit (Credit only when overpaid),
 * with the credit limit as a CreditLine that is not included in that balance.
 */
export function toObBalances(account: SandboxAccount, balance: LedgerBalance, dateTime: string): ObBalance[] {
  const { currency } = account;
  if (account.type === 'credit_card') {
    return [
      {
        AccountId: account.id,
        CreditDebitIndicator: balance.currentMinor < 0 ? 'Credit' : 'Debit',
        Type: 'InterimBooked',
        DateTime: dateTime,
        Amount: obAmount(balance.currentMinor, currency),
        ...(account.creditLimit === undefined
          ? {}
          : {
              CreditLine: [
                {
                  Included: false,
                  Type: 'Credit' as const,
                  Amount: obAmount(parseDecimal(account.creditLimit, currency).minor, currency),
                },
              ],
            }),
      },
    ];
  }
  const balances: ObBalance[] = [];
  if (balance.availableMinor !== undefined) {
    balances.push({
      AccountId: account.id,
      CreditDebitIndicator: creditDebit(balance.availableMinor),
      Type: 'InterimAvailable',
      DateTime: dateTime,
      Amount: obAmount(balance.availableMinor, currency),
    });
  }
  balances.push({
    AccountId: account.id,
    CreditDebitIndicator: creditDebit(balance.currentMinor),
    Type: 'InterimBooked',
    DateTime: dateTime,
    Amount: obAmount(balance.currentMinor, currency),
  });
  return balances;
}

/**
 * A card purchase carries its merchant category code (MerchantDetails); a transfer between
 * the customer's own accounts names the other account (CreditorAccount on the debit,
 * DebtorAccount on the credit), which is how a client tells it from spending.
 */
export function toObTransaction(transaction: SandboxTransaction, customer: SandboxCustomer): ObTransaction6 {
  const other = customer.accounts.find((a) => a.id === transaction.transferAccountId);
  const counterpart = other && {
    SchemeName: accountScheme(other),
    Identification: other.number,
    Name: customer.name,
  };
  return {
    AccountId: transaction.accountId,
    TransactionId: transaction.id,
    CreditDebitIndicator: transaction.creditDebit === 'debit' ? 'Debit' : 'Credit',
    Status: transaction.status === 'pending' ? 'Pending' : 'Booked',
    BookingDateTime: zonedDateTime(transaction.bookedAt, customer.timeZone),
    ...(transaction.description ? { TransactionInformation: transaction.description } : {}),
    Amount: obAmount(transaction.amountMinor, transaction.currency),
    ...(transaction.merchantCategoryCode
      ? { MerchantDetails: { MerchantCategoryCode: transaction.merchantCategoryCode } }
      : {}),
    ...(counterpart
      ? transaction.creditDebit === 'debit'
        ? { CreditorAccount: counterpart }
        : { DebtorAccount: counterpart }
      : {}),
  };
}

/** A saved payee: its id, its account, and the names a customer may say for it. */
export function toObBeneficiary(accountId: string, payee: SandboxPayee): ObBeneficiary5 {
  return {
    AccountId: accountId,
    BeneficiaryId: payee.id,
    BeneficiaryType: 'Trusted',
    Reference: payee.name.slice(0, 35),
    CreditorAccount: { SchemeName: payeeScheme(payee), Identification: payee.accountNumber, Name: payee.name },
    SupplementaryData: { saldoAliases: payee.aliases, saldoPayeeKind: payee.kind },
  };
}

/**
 * A credit card's latest statement (src/bank/sandbox/statement.ts): its closing balance,
 * the minimum payment due and its due date, plus the credit limit. It covers the 30 days
 * before it closed.
 */
export function toObStatement(
  customer: SandboxCustomer,
  account: SandboxAccount,
  statement: SandboxStatement,
): ObStatement2 {
  const { currency } = account;
  const zone = customer.timeZone;
  const { closingDate: closing, dueDate: due, balanceMinor } = statement;
  const start = addDays(closing, -30);
  const end = zonedDateTime(startOfLocalDay(addDays(closing, 1), zone) - 1000, zone);
  const amounts: ObStatement2['StatementAmount'][number][] = [
    {
      CreditDebitIndicator: balanceMinor < 0 ? 'Credit' : 'Debit',
      Type: 'UK.OBIE.ClosingBalance',
      Amount: obAmount(balanceMinor, currency),
    },
  ];
  if (account.creditLimit !== undefined) {
    amounts.push({
      CreditDebitIndicator: 'Credit',
      Type: 'UK.OBIE.CreditLimit',
      Amount: obAmount(parseDecimal(account.creditLimit, currency).minor, currency),
    });
  }
  if (account.minimumPaymentDue !== undefined) {
    amounts.push({
      CreditDebitIndicator: 'Debit',
      Type: 'UK.OBIE.MinimumPaymentDue',
      Amount: obAmount(parseDecimal(account.minimumPaymentDue, currency).minor, currency),
    });
  }
  return {
    AccountId: account.id,
    StatementId: `${account.id}-${closing}`.slice(-40),
    Type: 'RegularPeriodic',
    StartDateTime: zonedDateTime(startOfLocalDay(start, zone), zone),
    EndDateTime: end,
    CreationDateTime: end,
    StatementAmount: amounts,
    StatementDateTime:
      due === undefined
        ? []
        : [{ DateTime: zonedDateTime(startOfLocalDay(due, zone), zone), Type: 'UK.OBIE.PaymentDue' }],
  };
}

export function toObParty(customer: SandboxCustomer): ObParty2 {
  return { PartyId: customer.id, PartyType: 'Sole', Name: customer.name };
}

/** The statement of a sandbox card from the bank's own records; undefined for other accounts. */
export function statementOf(
  customer: SandboxCustomer,
  account: SandboxAccount,
  today: string,
  owedNowMinor: number,
  transactions: readonly SandboxTransaction[],
): SandboxStatement | undefined {
  if (account.type !== 'credit_card') return undefined;
  const booked = transactions.map((t) => ({
    date: wallClock(t.bookedAt, customer.timeZone).slice(0, 10),
    minor: t.amountMinor,
    creditDebit: t.creditDebit,
  }));
  return sandboxStatement(account.paymentDueInDays, today, owedNowMinor, booked);
}

type SandboxUpcoming = SandboxCustomer['upcoming'][number];

/** A saved payee's account, when the payment goes to one. */
function creditorOf(customer: SandboxCustomer, u: SandboxUpcoming) {
  const payee = customer.payees.find((p) => p.name === u.payee);
  return payee && { SchemeName: payeeScheme(payee), Identification: payee.accountNumber, Name: payee.name };
}

/** Standing order, direct debit and scheduled payment records of the fixture's upcoming payments. */
export function toObUpcoming(customer: SandboxCustomer, account: SandboxAccount, today: string) {
  const zone = customer.timeZone;
  const at = (isoDate: string) => zonedDateTime(startOfLocalDay(isoDate, zone), zone);
  const upcoming = customer.upcoming.filter((u) => u.accountId === account.id);
  const money = (u: SandboxUpcoming) =>
    obAmount(parseDecimal(u.amount ?? '0', account.currency).minor, account.currency);
  const reference = (u: SandboxUpcoming) => u.payee.slice(0, 35);
  const scheduled: ObScheduledPayment3[] = upcoming
    .filter((u) => u.kind === 'scheduled')
    .map((u) => {
      const creditor = creditorOf(customer, u);
      return {
        AccountId: account.id,
        ScheduledPaymentId: u.id,
        ScheduledPaymentDateTime: at(addDays(today, u.dueInDays)),
        ScheduledType: 'Execution',
        Reference: reference(u),
        InstructedAmount: money(u),
        ...(creditor ? { CreditorAccount: creditor } : {}),
      };
    });
  const standingOrders: ObStandingOrder6[] = upcoming
    .filter((u) => u.kind === 'standing_order')
    .map((u) => {
      const next = addDays(today, u.dueInDays);
      const creditor = creditorOf(customer, u);
      return {
        AccountId: account.id,
        StandingOrderId: u.id,
        Frequency: `IntrvlMnthDay:01:${next.slice(8, 10)}`,
        Reference: reference(u),
        NextPaymentDateTime: at(next),
        NextPaymentAmount: money(u),
        StandingOrderStatusCode: 'Active',
        ...(creditor ? { CreditorAccount: creditor } : {}),
      };
    });
  // A direct debit says only when it was last collected and how often: a month before the next.
  const directDebits: ObDirectDebit2[] = upcoming
    .filter((u) => u.kind === 'direct_debit')
    .map((u) => ({
      AccountId: account.id,
      DirectDebitId: u.id,
      MandateIdentification: `MANDATE-${u.id}`.slice(0, 35),
      DirectDebitStatusCode: 'Active',
      Name: u.payee.slice(0, 70),
      PreviousPaymentDateTime: at(addMonths(addDays(today, u.dueInDays), -1)),
      Frequency: 'UK.OBIE.Monthly',
      ...(u.amount === undefined ? {} : { PreviousPaymentAmount: money(u) }),
    }));
  return { scheduled, standingOrders, directDebits };
}
