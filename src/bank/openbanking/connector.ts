/**
 * The BankConnector for a bank that speaks the Open Banking UK Read/Write API v3.1.11:
 * account information (accounts, balances, transactions with paging, beneficiaries,
 * statements, party) and domestic payments (consent, then payment) with idempotency
 * keys derived from Saldo's pending payment.
 */
import { addDays, todayIn } from '../../dates';
import { toDecimal } from '../../money';
import type {
  Account,
  AccountBalances,
  BankConnector,
  Customer,
  Payee,
  PaymentOrder,
  PaymentResult,
  Transaction,
  TransactionPage,
} from '../connector';
import { PaymentNotSentError, UnknownAccessTokenError } from '../connector';
import { BankHttpError, BankNetworkError, type TlsOptions } from '../http';
import { openBankingHttp, type CallOptions } from './http';
import {
  accountFrom,
  balancesFrom,
  cardStatementFrom,
  upcomingFrom,
  compactIdentification,
  creditTermsFrom,
  identificationsOf,
  payeeFrom,
  transactionFrom,
} from './mapping';
import { profileCache } from '../profile-cache';
import { followPages, pageOf, rangeOf } from '../transaction-pages';
import {
  bankPolicies,
  circuitState,
  DEFAULT_RESILIENCE,
  isCancelled,
  type CircuitState,
  type ResilienceOptions,
} from '../resilience';
import {
  accountsResponse,
  balancesResponse,
  beneficiariesResponse,
  consentResponse,
  partyResponse,
  paymentResponse,
  statementsResponse,
  scheduledPaymentsResponse,
  standingOrdersResponse,
  directDebitsResponse,
  transactionsResponse,
  type ObAccount,
  type ObBeneficiary,
} from './schemas';
import type * as z from 'zod';
import type { Logger } from '../../shared/logger';

const AIS = '/open-banking/v3.1/aisp';
const PIS = '/open-banking/v3.1/pisp';
/** What a customer's accounts and payees may be reused for before asking the bank again. */
const PROFILE_TTL_MS = 60_000;
/** Payment statuses after which the money has left (or is leaving) the account. */
const ACCEPTED = new Set([
  'AcceptedSettlementCompleted',
  'AcceptedSettlementInProcess',
  'AcceptedCreditSettlementCompleted',
  'AcceptedWithoutPosting',
  'Pending',
]);

export interface OpenBankingOptions {
  readonly id: string;
  readonly baseUrl: string;
  readonly financialId?: string;
  readonly tls?: TlsOptions;
  /** Open Banking says nothing of language or time zone: the bank's defaults. */
  readonly locale: string;
  readonly timeZone: string;
  readonly resilience?: ResilienceOptions;
  readonly log: Logger;
  readonly now?: () => Date;
}

interface Profile {
  readonly customer: Customer;
  readonly accounts: readonly ObAccount[];
  readonly beneficiaries: readonly ObBeneficiary[];
}

export interface OpenBankingConnector extends BankConnector {
  /** Circuit state, for health and metrics. */
  readonly circuit: () => CircuitState;
}

export function createOpenBankingConnector(options: OpenBankingOptions): OpenBankingConnector {
  const now = options.now ?? (() => new Date());
  const http = openBankingHttp({
    baseUrl: options.baseUrl,
    financialId: options.financialId,
    tls: options.tls,
    log: options.log,
  });
  const policies = bankPolicies(options.resilience ?? DEFAULT_RESILIENCE);

  const read = <S extends z.ZodType>(call: Omit<CallOptions, 'method' | 'signal'>, schema: S): Promise<z.infer<S>> =>
    policies.read.execute(({ signal }) => http.call({ ...call, method: 'GET', signal }, schema)).catch(asLinkError);

  const write = <S extends z.ZodType>(call: Omit<CallOptions, 'method' | 'signal'>, schema: S): Promise<z.infer<S>> =>
    policies.write.execute(({ signal }) => http.call({ ...call, method: 'POST', signal }, schema)).catch(asLinkError);

  async function loadProfile(accessToken: string): Promise<Profile> {
    const [party, accounts] = await Promise.all([
      read({ path: `${AIS}/party`, accessToken }, partyResponse),
      read({ path: `${AIS}/accounts`, accessToken }, accountsResponse),
    ]);
    const beneficiaries = (
      await Promise.all(
        accounts.Data.Account.map((a) =>
          read(
            { path: `${AIS}/accounts/${encodeURIComponent(a.AccountId)}/beneficiaries`, accessToken },
            beneficiariesResponse,
          ),
        ),
      )
    )
      .flatMap((r) => r.Data.Beneficiary)
      // A bank may list the same beneficiary under each account.
      .filter(
        (b, i, all) => !b.BeneficiaryId || all.findIndex((other) => other.BeneficiaryId === b.BeneficiaryId) === i,
      );
    const partyId = party.Data.Party?.PartyId;
    if (!partyId) throw new UnknownAccessTokenError();
    return {
      customer: {
        id: partyId,
        name: party.Data.Party?.Name ?? '',
        locale: options.locale,
        timeZone: options.timeZone,
        sensitiveIdentifiers: [...identificationsOf(accounts.Data.Account, beneficiaries), accessToken],
      },
      accounts: accounts.Data.Account,
      beneficiaries,
    };
  }

  const profiles = profileCache(loadProfile, PROFILE_TTL_MS);
  const profile = (accessToken: string) => profiles.get(accessToken);

  async function accountOf(accessToken: string, accountId: string): Promise<ObAccount> {
    const account = (await profile(accessToken)).accounts.find((a) => a.AccountId === accountId);
    if (!account) throw new Error('no such account for this customer');
    return account;
  }

  async function allTransactions(
    accessToken: string,
    accountId: string,
    from: string,
    to: string,
  ): Promise<Transaction[]> {
    const own = new Set(
      (await profile(accessToken)).accounts.flatMap((a) =>
        (a.Account ?? []).map((id) => compactIdentification(id.Identification)),
      ),
    );
    const query = new URLSearchParams({ fromBookingDateTime: `${from}T00:00:00`, toBookingDateTime: `${to}T23:59:59` });
    return followPages(`${AIS}/accounts/${encodeURIComponent(accountId)}/transactions?${query}`, async (path) => {
      const response = await read({ path, accessToken }, transactionsResponse);
      return {
        transactions: response.Data.Transaction.map((ob) => transactionFrom(ob, options.timeZone, own)),
        next: response.Links.Next,
      };
    });
  }

  function creditorFor(
    p: Profile,
    order: PaymentOrder,
  ): { SchemeName: string; Identification: string; Name: string } | undefined {
    if (order.destination.kind === 'payee') {
      const payeeId = order.destination.payeeId;
      const beneficiary = p.beneficiaries.find((b) => b.BeneficiaryId === payeeId);
      const creditor = beneficiary?.CreditorAccount;
      return (
        creditor && {
          SchemeName: creditor.SchemeName,
          Identification: creditor.Identification,
          Name: creditor.Name ?? beneficiary?.Reference ?? 'Payee',
        }
      );
    }
    const accountId = order.destination.accountId;
    const own = p.accounts.find((a) => a.AccountId === accountId)?.Account?.[0];
    return own && { SchemeName: own.SchemeName, Identification: own.Identification, Name: own.Name ?? p.customer.name };
  }

  /**
   * The payment's outcome when its answer was lost: the same POST with the same
   * idempotency key returns the first result and never pays twice (Open Banking's
   * idempotency rule), so it is safe to ask once more.
   */
  async function paymentOutcome(accessToken: string, body: unknown, idempotencyKey: string) {
    try {
      return await write({ path: `${PIS}/domestic-payments`, accessToken, body, idempotencyKey }, paymentResponse);
    } catch (error) {
      if (!(error instanceof BankNetworkError || error instanceof BankHttpError || isCancelled(error))) throw error;
      options.log.warn(
        { idempotencyKey: idempotencyKey.slice(-6) },
        'payment answer lost: asking the bank again with the same key',
      );
      return write({ path: `${PIS}/domestic-payments`, accessToken, body, idempotencyKey }, paymentResponse);
    }
  }

  return {
    id: options.id,

    circuit: () => circuitState(policies.breaker),

    async identify(accessToken) {
      try {
        return (await profile(accessToken)).customer;
      } catch (error) {
        if (error instanceof UnknownAccessTokenError) return undefined;
        throw error;
      }
    },

    async listAccounts(accessToken): Promise<readonly Account[]> {
      return (await profile(accessToken)).accounts.map(accountFrom);
    },

    async getBalances(accessToken, accountId): Promise<AccountBalances> {
      const account = await accountOf(accessToken, accountId);
      const id = encodeURIComponent(accountId);
      const mapped = accountFrom(account);
      const balances = await read({ path: `${AIS}/accounts/${id}/balances`, accessToken }, balancesResponse);
      const own = balances.Data.Balance.filter((b) => b.AccountId === accountId);
      if (mapped.kind !== 'credit_card') return { account: mapped, balances: balancesFrom(own) };
      const statements = await read(
        { path: `${AIS}/accounts/${id}/statements`, accessToken },
        statementsResponse,
      ).catch(() => undefined);
      return {
        account: mapped,
        balances: balancesFrom(own),
        creditCard: creditTermsFrom(own, statements?.Data.Statement ?? [], options.timeZone),
      };
    },

    async listTransactions(accessToken, accountId, query): Promise<TransactionPage> {
      await accountOf(accessToken, accountId);
      const range = rangeOf(query, options.timeZone, now());
      return pageOf(await allTransactions(accessToken, accountId, range.from, range.to), query);
    },

    async getCardStatement(accessToken, accountId) {
      const account = accountFrom(await accountOf(accessToken, accountId));
      if (account.kind !== 'credit_card') return undefined;
      const statements = await read(
        { path: `${AIS}/accounts/${encodeURIComponent(accountId)}/statements`, accessToken },
        statementsResponse,
      );
      return cardStatementFrom(accountId, statements.Data.Statement, options.timeZone);
    },

    async listUpcomingPayments(accessToken, accountId, range) {
      await accountOf(accessToken, accountId);
      const base = `${AIS}/accounts/${encodeURIComponent(accountId)}`;
      const [scheduled, standingOrders, directDebits] = await Promise.all([
        read({ path: `${base}/scheduled-payments`, accessToken }, scheduledPaymentsResponse),
        read({ path: `${base}/standing-orders`, accessToken }, standingOrdersResponse),
        read({ path: `${base}/direct-debits`, accessToken }, directDebitsResponse),
      ]);
      const today = todayIn(options.timeZone, now());
      return upcomingFrom(
        accountId,
        {
          scheduled: scheduled.Data.ScheduledPayment,
          standingOrders: standingOrders.Data.StandingOrder,
          directDebits: directDebits.Data.DirectDebit,
        },
        // A direct debit collected today is still to come today.
        addDays(today, -1),
        options.timeZone,
      ).filter((u) => u.dueDate >= range.from && u.dueDate <= range.to);
    },

    async listPayees(accessToken): Promise<readonly Payee[]> {
      return (await profile(accessToken)).beneficiaries.map(payeeFrom).filter((p): p is Payee => p !== undefined);
    },

    async makePayment(accessToken, order): Promise<PaymentResult> {
      const p = await profile(accessToken);
      const debtor = p.accounts.find((a) => a.AccountId === order.sourceAccountId)?.Account?.[0];
      const creditor = creditorFor(p, order);
      if (!debtor) return { status: 'rejected', paymentId: order.idempotencyKey, reason: 'invalid_source' };
      if (!creditor) return { status: 'rejected', paymentId: order.idempotencyKey, reason: 'invalid_destination' };
      const initiation = {
        InstructionIdentification: order.idempotencyKey.slice(0, 35),
        EndToEndIdentification: order.idempotencyKey.slice(0, 35),
        InstructedAmount: { Amount: toDecimal(order.amount), Currency: order.amount.currency },
        DebtorAccount: {
          SchemeName: debtor.SchemeName,
          Identification: debtor.Identification,
          Name: debtor.Name ?? p.customer.name,
        },
        CreditorAccount: creditor,
        RemittanceInformation: { Reference: order.reference.slice(0, 35) },
      };
      const consent = await write(
        {
          path: `${PIS}/domestic-payment-consents`,
          accessToken,
          body: { Data: { Initiation: initiation }, Risk: {} },
          idempotencyKey: `${order.idempotencyKey}-c`,
        },
        consentResponse,
      ).catch((error: unknown) => {
        // A consent is not a payment: without one, no payment was requested.
        if (error instanceof UnknownAccessTokenError) throw error;
        throw new PaymentNotSentError(error instanceof Error ? error.name : 'consent failed');
      });
      // Consumed: this key's payment was made (its answer may have been lost); the POST
      // below, with the same key, returns it instead of paying again.
      if (consent.Data.Status !== 'Authorised' && consent.Data.Status !== 'Consumed') {
        return { status: 'rejected', paymentId: consent.Data.ConsentId, reason: 'not_authorised' };
      }
      const payment = await paymentOutcome(
        accessToken,
        { Data: { ConsentId: consent.Data.ConsentId, Initiation: initiation }, Risk: {} },
        order.idempotencyKey,
      );
      if (ACCEPTED.has(payment.Data.Status)) return { status: 'completed', paymentId: payment.Data.DomesticPaymentId };
      return { status: 'rejected', paymentId: payment.Data.DomesticPaymentId, reason: 'rejected_by_bank' };
    },

    async ping() {
      // A refusal of the probe's made-up token (4xx) means the bank is there and answering;
      // a failed connection or a 5xx means it cannot serve customers now.
      await http
        .call({ method: 'GET', path: `${AIS}/accounts`, accessToken: 'readiness-check' }, partyResponse)
        .catch((error: unknown) => {
          if (error instanceof BankHttpError && error.status < 500) return;
          throw error;
        });
    },
  };
}

/** A token the bank no longer accepts means the customer must link again. */
function asLinkError(error: unknown): never {
  if (error instanceof BankHttpError && (error.status === 401 || error.status === 403))
    throw new UnknownAccessTokenError();
  throw error;
}
