/**
 * The BankConnector for a bank that speaks the Berlin Group NextGenPSD2 XS2A framework
 * 1.3.11 (directly, or through a hub such as Redsys, whose base path names the ASPSP):
 * account information under a consent (payment accounts, card accounts, balances, paged
 * transactions) and single SEPA credit transfers with decoupled or exempted SCA, made
 * exactly once without an idempotency header (see payments.ts).
 *
 * The spec does not say who the customer is (see customer.ts); Saldo calls them by the
 * owner name the bank gives. Payees are the bank's configured
 * billers and those the customer enrolled in Saldo; IBANs are never spoken or logged.
 */
import type { Logger } from '../../shared/logger';
import type { BankPaymentRequests } from '../../store/bank-payment-requests';
import type { EnrolledPayee } from '../../store/enrolled-payees';
import { addDays, todayIn } from '../../dates';
import { parseDecimal } from '../../money';
import type {
  Account,
  AccountBalances,
  BankConnector,
  Customer,
  Payee,
  PaymentOrder,
  Transaction,
  UpcomingPayment,
} from '../connector';
import { UnknownAccessTokenError } from '../connector';
import { BankHttpError, type TlsOptions } from '../http';
import { profileCache } from '../profile-cache';
import { circuitState, type CircuitState, type ResilienceOptions } from '../resilience';
import { eachPage, followPages, pageOf, rangeOf } from '../transaction-pages';
import { berlinGroupCalls, ConsentWithdrawnError } from './calls';
import { consentKeeper } from './consents';
import { berlinGroupCustomerId } from './customer';
import {
  accountFrom,
  balancesFrom,
  cardAccountFrom,
  cardTransactionFrom,
  ownIdentifications,
  standingOrderFrom,
  statementBalanceOf,
  dueDateOf,
  latestDueDate,
  transactionFrom,
} from './mapping';
import { paymentInitiation, type AccountReference } from './payments';
import {
  accountsResponse,
  anything,
  balancesResponse,
  cardAccountsResponse,
  cardTransactionsResponse,
  consentCreated,
  consentStatus,
  transactionsResponse,
  type BgAccount,
  type BgCardAccount,
  type BgCardTransaction,
} from './schemas';
import type * as z from 'zod';

/** What a customer's accounts and payees may be reused for before asking the bank again. */
const PROFILE_TTL_MS = 60_000;
/** How far before a statement's closing its invoiced entries are looked for. */
const STATEMENT_LOOKBACK_DAYS = 31;

/** A biller every customer of the bank can pay, from the bank's configuration. */
interface ConfiguredPayee {
  readonly id: string;
  readonly name: string;
  readonly iban: string;
  readonly aliases: readonly string[];
  readonly kind: 'biller' | 'person';
}

export interface BerlinGroupOptions {
  readonly id: string;
  readonly baseUrl: string;
  /** A hub's ASPSP code (Redsys): the path segment naming the bank below the hub's base URL. */
  readonly aspspCode?: string;
  readonly tls?: TlsOptions;
  readonly locale: string;
  readonly timeZone: string;
  readonly consentValidityDays: number;
  readonly frequencyPerDay: number;
  readonly sca: 'decoupled' | 'exempted';
  readonly paymentProduct: 'sepa-credit-transfers' | 'instant-sepa-credit-transfers';
  readonly tppIpAddress: string;
  readonly requestIdReplay: boolean;
  /** The bank reports standing orders (bookingStatus=information, optional in 1.3.11). */
  readonly standingOrders: boolean;
  /** How long a turn asks the bank whether the customer approved (a consent or a payment). */
  readonly approvalWaitMs: number;
  readonly pollIntervalMs: number;
  readonly payees: readonly ConfiguredPayee[];
  readonly enrolledPayees: (customerId: string) => Promise<readonly EnrolledPayee[]>;
  readonly requests: BankPaymentRequests;
  readonly resilience?: ResilienceOptions;
  readonly log: Logger;
  readonly now?: () => Date;
}

interface Profile {
  readonly customer: Customer;
  readonly accounts: ReadonlyArray<BgAccount & { resourceId: string }>;
  readonly cards: ReadonlyArray<BgCardAccount & { resourceId: string }>;
  readonly payees: readonly ConfiguredPayee[];
}

export interface BerlinGroupConnector extends BankConnector {
  readonly circuit: () => CircuitState;
}

const withId = <T extends { resourceId?: string }>(items: readonly T[]) =>
  items.filter((item): item is T & { resourceId: string } => Boolean(item.resourceId));

function referenceOf(account: BgAccount): AccountReference | undefined {
  if (account.iban) return { iban: account.iban };
  return account.bban ? { bban: account.bban } : undefined;
}

export function createBerlinGroupConnector(options: BerlinGroupOptions): BerlinGroupConnector {
  const now = options.now ?? (() => new Date());
  const calls = berlinGroupCalls(options);
  const consents = consentKeeper(
    {
      async create(accessToken) {
        const validUntil = new Date(now().getTime() + options.consentValidityDays * 86_400_000);
        return calls.write(
          {
            path: 'v1/consents',
            accessToken,
            headers: { 'PSU-IP-Address': options.tppIpAddress, 'TPP-Redirect-Preferred': 'false' },
            body: {
              access: { allPsd2: 'allAccounts' },
              recurringIndicator: true,
              validUntil: todayIn(options.timeZone, validUntil),
              frequencyPerDay: options.frequencyPerDay,
              combinedServiceIndicator: false,
            },
          },
          consentCreated,
        );
      },
      async status(accessToken, consentId) {
        const answer = await calls.read(
          { path: `v1/consents/${encodeURIComponent(consentId)}/status`, accessToken },
          consentStatus,
        );
        return answer.consentStatus;
      },
    },
    options,
  );

  /** An account-information read under the customer's consent; a withdrawn consent is replaced once. */
  async function ais<S extends z.ZodType>(accessToken: string, path: string, schema: S): Promise<z.infer<S>> {
    const consentId = await consents.get(accessToken);
    try {
      return await calls.read({ path, accessToken, consentId }, schema);
    } catch (error) {
      if (!(error instanceof ConsentWithdrawnError)) throw error;
      consents.forget(accessToken, error.consentId);
      return calls.read({ path, accessToken, consentId: await consents.get(accessToken) }, schema);
    }
  }

  /** Card accounts, where the bank offers them. */
  async function cardAccounts(accessToken: string) {
    try {
      return (await ais(accessToken, 'v1/card-accounts', cardAccountsResponse)).cardAccounts;
    } catch (error) {
      if (error instanceof BankHttpError && error.status >= 400 && error.status < 500 && error.status !== 429)
        return [];
      throw error;
    }
  }

  async function loadProfile(accessToken: string): Promise<Profile> {
    const [accounts, cards] = await Promise.all([
      ais(accessToken, 'v1/accounts', accountsResponse).then((r) => withId(r.accounts)),
      cardAccounts(accessToken).then(withId),
    ]);
    const customerId = berlinGroupCustomerId(accounts.map((a) => ({ id: a.resourceId })));
    const first = accounts.find((a) => a.resourceId === customerId);
    if (!customerId || !first) throw new UnknownAccessTokenError();
    const enrolled = await options.enrolledPayees(customerId);
    const payees = [
      ...options.payees,
      ...enrolled.map((p) => ({ id: p.id, name: p.name, iban: p.account, aliases: p.aliases, kind: p.kind })),
    ];
    return {
      customer: {
        id: customerId,
        name: first.ownerName ?? '',
        locale: options.locale,
        timeZone: options.timeZone,
        sensitiveIdentifiers: [
          ...accounts.flatMap((a) => [a.iban, a.bban].filter((id): id is string => Boolean(id))),
          ...cards.map((c) => c.maskedPan),
          ...payees.map((p) => p.iban),
          accessToken,
        ],
      },
      accounts,
      cards,
      payees,
    };
  }

  const profiles = profileCache(loadProfile, PROFILE_TTL_MS);

  async function reportOf(accessToken: string, accountId: string) {
    const profile = await profiles.get(accessToken);
    const account = profile.accounts.find((a) => a.resourceId === accountId);
    const card = profile.cards.find((c) => c.resourceId === accountId);
    if (!account && !card) throw new Error('no such account for this customer');
    return { profile, account, card };
  }

  function transactionsOf(
    accessToken: string,
    accountId: string,
    { profile, card }: { profile: Profile; card: BgCardAccount | undefined },
    range: { from: string; to: string },
  ) {
    const today = todayIn(options.timeZone, now());
    const query = new URLSearchParams({ bookingStatus: 'both', dateFrom: range.from, dateTo: range.to });
    const id = encodeURIComponent(accountId);
    if (card) {
      return followPages(`v1/card-accounts/${id}/transactions?${query}`, async (path) => {
        const answer = await ais(accessToken, path, cardTransactionsResponse);
        const debitAccounting = answer.debitAccounting ?? card.debitAccounting ?? false;
        const report = answer.cardTransactions;
        const entries = (status: Transaction['status'], list: readonly BgCardTransaction[]) =>
          list.map((t) => cardTransactionFrom(t, accountId, status, today, debitAccounting));
        return {
          transactions: report ? [...entries('pending', report.pending), ...entries('booked', report.booked)] : [],
          next: report?._links?.next?.href,
        };
      });
    }
    const own = ownIdentifications(profile.accounts, profile.cards);
    return followPages(`v1/accounts/${id}/transactions?${query}`, async (path) => {
      const report = (await ais(accessToken, path, transactionsResponse)).transactions;
      return {
        transactions: report
          ? [
              ...report.pending.map((t) => transactionFrom(t, accountId, 'pending', today, own)),
              ...report.booked.map((t) => transactionFrom(t, accountId, 'booked', today, own)),
            ]
          : [],
        next: report?._links?.next?.href,
      };
    });
  }

  const payments = paymentInitiation({
    bankId: options.id,
    calls,
    requests: options.requests,
    product: options.paymentProduct,
    sca: options.sca,
    tppIpAddress: options.tppIpAddress,
    requestIdReplay: options.requestIdReplay,
    approvalWaitMs: options.approvalWaitMs,
    pollIntervalMs: options.pollIntervalMs,
    log: options.log,
    now,
    async findBooked(accessToken, order, since) {
      const from = todayIn(options.timeZone, new Date(since - 86_400_000));
      const to = todayIn(options.timeZone, now());
      const query = new URLSearchParams({ bookingStatus: 'both', dateFrom: from, dateTo: to });
      let found: string | undefined;
      await followPages(
        `v1/accounts/${encodeURIComponent(order.sourceAccountId)}/transactions?${query}`,
        async (path) => {
          const report = (await ais(accessToken, path, transactionsResponse)).transactions;
          const entry = [...(report?.booked ?? []), ...(report?.pending ?? [])].find(
            (t) => t.endToEndId === order.idempotencyKey.slice(0, 35),
          );
          found ??= entry && (entry.transactionId ?? entry.entryReference ?? order.idempotencyKey);
          return { transactions: [], next: found ? undefined : report?._links?.next?.href };
        },
      );
      return found;
    },
  });

  /** Standing orders are all 1.3.11 reports ahead: the `information` report, optional for a bank. */
  const listUpcomingPayments: NonNullable<BankConnector['listUpcomingPayments']> = async (
    accessToken,
    accountId,
    range,
  ) => {
    const { account } = await reportOf(accessToken, accountId);
    // Cards have no standing orders.
    if (!account) return [];
    const today = todayIn(options.timeZone, now());
    const found: UpcomingPayment[] = [];
    await eachPage(
      `v1/accounts/${encodeURIComponent(accountId)}/transactions?bookingStatus=information`,
      async (path) => {
        const report = (await ais(accessToken, path, transactionsResponse)).transactions;
        for (const entry of report?.information ?? []) {
          const upcoming = standingOrderFrom(entry, accountId, found.length, today);
          if (upcoming) found.push(upcoming);
        }
        return report?._links?.next?.href;
      },
    );
    return found
      .filter((u) => u.dueDate >= range.from && u.dueDate <= range.to)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  };

  return {
    id: options.id,

    circuit: () => circuitState(calls.policies.breaker),

    async identify(accessToken) {
      try {
        return (await profiles.get(accessToken)).customer;
      } catch (error) {
        if (error instanceof UnknownAccessTokenError) return undefined;
        throw error;
      }
    },

    async listAccounts(accessToken): Promise<readonly Account[]> {
      const profile = await profiles.get(accessToken);
      return [...profile.accounts.map(accountFrom), ...profile.cards.map(cardAccountFrom)];
    },

    async getBalances(accessToken, accountId): Promise<AccountBalances> {
      const { account, card } = await reportOf(accessToken, accountId);
      const id = encodeURIComponent(accountId);
      if (account) {
        const answer = await ais(accessToken, `v1/accounts/${id}/balances`, balancesResponse);
        return { account: accountFrom(account), balances: balancesFrom(answer.balances) };
      }
      const cardAccount = card as BgCardAccount & { resourceId: string };
      const answer = await ais(accessToken, `v1/card-accounts/${id}/balances`, balancesResponse);
      const limit = cardAccount.creditLimit;
      return {
        account: cardAccountFrom(cardAccount),
        balances: balancesFrom(answer.balances, answer.debitAccounting ?? cardAccount.debitAccounting ?? false),
        creditCard: {
          creditLimit: limit && !limit.amount.startsWith('-') ? parseDecimal(limit.amount, limit.currency) : undefined,
        },
      };
    },

    async listTransactions(accessToken, accountId, query) {
      const report = await reportOf(accessToken, accountId);
      const range = rangeOf(query, options.timeZone, now());
      return pageOf(await transactionsOf(accessToken, accountId, report, range), query);
    },

    async getCardStatement(accessToken, accountId) {
      const { card } = await reportOf(accessToken, accountId);
      if (!card) return undefined;
      const id = encodeURIComponent(accountId);
      const answer = await ais(accessToken, `v1/card-accounts/${id}/balances`, balancesResponse);
      const debitAccounting = answer.debitAccounting ?? card.debitAccounting ?? false;
      const closing = statementBalanceOf(answer.balances, debitAccounting);
      if (!closing) return undefined;
      // 1.3.11 has no minimum payment; the due date is the value date of the entries invoiced.
      const query = new URLSearchParams({
        bookingStatus: 'booked',
        dateFrom: addDays(closing.closingDate, -STATEMENT_LOOKBACK_DAYS),
        dateTo: closing.closingDate,
      });
      let dueDate: string | undefined;
      await eachPage(`v1/card-accounts/${id}/transactions?${query}`, async (path) => {
        const report = (await ais(accessToken, path, cardTransactionsResponse)).cardTransactions;
        dueDate = latestDueDate([dueDate, dueDateOf(report?.booked ?? [], closing.closingDate)]);
        return report?._links?.next?.href;
      });
      return { accountId, closingDate: closing.closingDate, balance: closing.balance, dueDate };
    },

    // 1.3.11 has no read of direct debits or of payments scheduled once.
    upcomingKinds: ['standing_order'],
    unattendedReadsPerDay: options.frequencyPerDay,
    ...(options.standingOrders ? { listUpcomingPayments } : {}),

    async listPayees(accessToken): Promise<readonly Payee[]> {
      return (await profiles.get(accessToken)).payees.map(({ id, name, aliases, kind }) => ({
        id,
        name,
        aliases,
        kind,
      }));
    },

    async makePayment(accessToken, order: PaymentOrder) {
      const profile = await profiles.get(accessToken);
      const source = profile.accounts.find((a) => a.resourceId === order.sourceAccountId);
      const debtor = source && referenceOf(source);
      if (!source || !debtor) return { status: 'rejected', paymentId: order.idempotencyKey, reason: 'invalid_source' };
      if (source.currency !== order.amount.currency)
        return { status: 'rejected', paymentId: order.idempotencyKey, reason: 'currency_mismatch' };
      let creditor: AccountReference | undefined;
      let creditorName: string;
      if (order.destination.kind === 'payee') {
        const payeeId = order.destination.payeeId;
        const payee = profile.payees.find((p) => p.id === payeeId);
        creditor = payee && { iban: payee.iban };
        creditorName = payee?.name ?? '';
      } else {
        const accountId = order.destination.accountId;
        const own = profile.accounts.find((a) => a.resourceId === accountId);
        creditor = own && referenceOf(own);
        creditorName = own?.ownerName ?? profile.customer.name;
      }
      if (!creditor || !creditorName)
        return { status: 'rejected', paymentId: order.idempotencyKey, reason: 'invalid_destination' };
      return payments.pay(accessToken, order, { customerId: profile.customer.id, debtor, creditor, creditorName });
    },

    async ping() {
      // Any answer below 500 means the bank is there; a 5xx or no answer counts as down.
      await calls.probe({ path: 'v1/accounts', accessToken: 'readiness-check' }, anything).catch((error: unknown) => {
        if (error instanceof BankHttpError && error.status < 500) return;
        if (error instanceof UnknownAccessTokenError) return;
        throw error;
      });
    },
  };
}
