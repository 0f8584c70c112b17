/** Everything Saldo says, per locale. Each locale module implements this whole interface. */
import type { AccountKind } from '../../bank/connector';
import type { Money } from '../../money';
import type { Spoken } from '../spoken';

export interface TransactionLine {
  readonly day: Spoken;
  readonly amount: Spoken;
  readonly description: string;
  readonly pending: boolean;
  readonly credit: boolean;
}

export interface Catalogue {
  readonly locale: string;
  readonly kindNames: Readonly<Record<AccountKind, string>>;
  money(amount: Money): Spoken;
  /** Relative to today: "today", "yesterday", "on Tuesday", "on November 3". */
  day(isoDate: string, today: string): Spoken;
  /** "checking ending in <digits>4217</digits>". */
  accountLabel(kindOrNickname: string, lastFour: Spoken): Spoken;

  welcome(bankName: string): Spoken;
  welcomeReprompt(): Spoken;
  linkAccount(bankName: string): Spoken;
  linkAccountCardTitle(): string;

  depositBalance(p: { account: Spoken; available?: Spoken; current?: Spoken }): Spoken;
  creditCardBalance(p: { account: Spoken; owed: Spoken; minimum?: Spoken; dueDay?: Spoken; availableCredit?: Spoken }): Spoken;
  balancesIntro(accountCount: number): Spoken;
  depositSummaryLine(p: { account: Spoken; amount: Spoken; available: boolean }): Spoken;
  creditCardSummaryLine(p: { account: Spoken; owed: Spoken }): Spoken;
  balanceCardTitle(): string;

  noAccountOfKind(p: { kind: string; available: Spoken }): Spoken;
  whichAccount(options: Spoken): Spoken;

  transactionsIntro(p: { account: Spoken; count: number; day?: Spoken; older: boolean }): Spoken;
  transactionLine(line: TransactionLine): Spoken;
  noTransactions(p: { account: Spoken; day?: Spoken }): Spoken;
  noMoreTransactions(): Spoken;
  hearMore(): Spoken;
  transactionsCardTitle(): string;

  anythingElse(): Spoken;
  help(): Spoken;
  helpReprompt(): Spoken;
  fallback(): Spoken;
  nothingToRepeat(): Spoken;
  goodbye(): Spoken;
  bankUnavailable(bankName: string): Spoken;
}
