/**
 * Payment initiation over Berlin Group, exactly once without an idempotency key.
 *
 * Berlin Group has no idempotency header, so the connector makes a repeat safe itself:
 * - every Saldo payment has one X-Request-ID, derived from its idempotency key (UUID v5),
 *   and one endToEndIdentification, the key itself;
 * - the request is recorded in the store (bank_payment_requests) before it leaves, and
 *   the bank's paymentId is recorded when it answers;
 * - asked again, the connector never sends a second initiation for a recorded payment id:
 *   it reads the payment's status (and its authorisation's) instead;
 * - a request whose answer was lost (recorded, no payment id) is sent again only to a bank
 *   that answers a repeated X-Request-ID with the first initiation (`requestIdReplay`,
 *   agreed at onboarding); otherwise it is looked up in the debtor account's report by its
 *   endToEndId, and until it appears there its outcome stays unknown (said honestly);
 * - an answer that proves the bank created nothing (a 4xx, or the breaker stopped the
 *   call) drops the record, so a later attempt is a new request.
 *
 * Decoupled SCA: the bank pushes the approval to the customer's banking app; the
 * connector asks the authorisation's scaStatus for a moment within the turn and, while
 * the customer has not decided, answers `pending` ("approve it in your bank's app").
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { v5 as uuidv5 } from 'uuid';
import { toDecimal } from '../../money';
import type { Logger } from '../../shared/logger';
import type { BankPaymentRequests, PaymentRequest } from '../../store/bank-payment-requests';
import { PaymentNotSentError, UnknownAccessTokenError, type PaymentOrder, type PaymentResult } from '../connector';
import { BankHttpError } from '../http';
import type { BerlinGroupCalls } from './calls';
import { tppCodes } from './calls';
import { authorisationsResponse, paymentCreated, paymentStatus, scaStatusResponse } from './schemas';

/** Saldo's namespace for request ids derived from payments (a fixed, random UUID). */
const REQUEST_ID_NAMESPACE = '0b7c5b1e-4f7e-4d0c-9a57-8f3c2a4d6e11';

/** The money has left (or is leaving) the account. */
const COMPLETED = new Set(['ACCC', 'ACCP', 'ACSC', 'ACSP', 'ACWC', 'ACWP']);
const REFUSED = new Set(['RJCT', 'CANC']);
/** The customer's authorisation is done, or not needed. */
const SCA_DONE = new Set(['finalised', 'exempted']);

export type AccountReference = { readonly iban: string } | { readonly bban: string };

export interface PaymentParties {
  readonly customerId: string;
  readonly debtor: AccountReference;
  readonly creditor: AccountReference;
  readonly creditorName: string;
}

export interface PaymentInitiationOptions {
  readonly bankId: string;
  readonly calls: BerlinGroupCalls;
  readonly requests: BankPaymentRequests;
  readonly product: 'sepa-credit-transfers' | 'instant-sepa-credit-transfers';
  readonly sca: 'decoupled' | 'exempted';
  /** PSU-IP-Address is mandatory on an initiation; voice has none, so the TPP's own (as the spec says). */
  readonly tppIpAddress: string;
  readonly requestIdReplay: boolean;
  readonly approvalWaitMs: number;
  readonly pollIntervalMs: number;
  /** Looks the payment up in the debtor account's report by its endToEndId. */
  readonly findBooked: (accessToken: string, order: PaymentOrder, since: number) => Promise<string | undefined>;
  readonly log: Logger;
  readonly now: () => Date;
}

/** The one X-Request-ID a Saldo payment is ever sent under. */
export function requestIdFor(bankId: string, idempotencyKey: string): string {
  return uuidv5(`${bankId}:${idempotencyKey}`, REQUEST_ID_NAMESPACE);
}

/** The bank's answer proves it created no payment. */
function createdNothing(error: unknown): boolean {
  if (error instanceof UnknownAccessTokenError) return true;
  if (error instanceof Error && error.name === 'BrokenCircuitError') return true;
  return error instanceof BankHttpError && error.status >= 400 && error.status < 500 && error.status !== 408;
}

function refusalOf(error: unknown, paymentId: string): PaymentResult {
  if (error instanceof UnknownAccessTokenError) throw error;
  if (!(error instanceof BankHttpError) || error.status === 429) throw new PaymentNotSentError(String(error));
  const codes = tppCodes(error);
  const reason = codes.includes('FUNDS_NOT_AVAILABLE')
    ? 'insufficient_funds'
    : codes.includes('CONSENT_INVALID') || error.status === 401
      ? 'not_authorised'
      : 'rejected_by_bank';
  return { status: 'rejected', paymentId, reason };
}

export function paymentInitiation(options: PaymentInitiationOptions) {
  const { calls, requests } = options;
  const base = (request: PaymentRequest) =>
    `v1/payments/${request.product}/${encodeURIComponent(request.paymentId ?? '')}`;

  async function authorisationOf(accessToken: string, request: PaymentRequest): Promise<string | undefined> {
    if (request.authorisationId) return request.authorisationId;
    const list = await calls.read({ path: `${base(request)}/authorisations`, accessToken }, authorisationsResponse);
    const id = list.authorisationIds[0];
    if (id && request.paymentId) await requests.answered(request.idempotencyKey, request.paymentId, id);
    return id;
  }

  async function scaOf(accessToken: string, request: PaymentRequest): Promise<string> {
    const authorisationId = await authorisationOf(accessToken, request);
    // No authorisation resource: the bank asks for none.
    if (!authorisationId) return 'exempted';
    const answer = await calls.read(
      { path: `${base(request)}/authorisations/${encodeURIComponent(authorisationId)}`, accessToken },
      scaStatusResponse,
    );
    return answer.scaStatus;
  }

  /** Where the payment stands, asking for a moment while the customer or the bank decides. */
  async function outcome(
    accessToken: string,
    request: PaymentRequest & { paymentId: string },
    first?: { transactionStatus: string; scaStatus?: string },
  ): Promise<PaymentResult> {
    const deadline = Date.now() + options.approvalWaitMs;
    let status: { transactionStatus: string; fundsAvailable?: boolean } =
      first ?? (await calls.read({ path: `${base(request)}/status`, accessToken }, paymentStatus));
    let sca = first?.scaStatus;
    for (;;) {
      const { transactionStatus } = status;
      if (COMPLETED.has(transactionStatus)) return { status: 'completed', paymentId: request.paymentId };
      if (sca === undefined || !SCA_DONE.has(sca)) sca = await scaOf(accessToken, request);
      if (REFUSED.has(transactionStatus) || sca === 'failed') {
        const reason =
          sca === 'failed'
            ? 'not_authorised'
            : status.fundsAvailable === false
              ? 'insufficient_funds'
              : 'rejected_by_bank';
        return { status: 'rejected', paymentId: request.paymentId, reason };
      }
      const awaiting = SCA_DONE.has(sca) ? 'bank_processing' : 'customer_approval';
      if (Date.now() + options.pollIntervalMs > deadline)
        return { status: 'pending', paymentId: request.paymentId, awaiting };
      await sleep(options.pollIntervalMs);
      status = await calls.read({ path: `${base(request)}/status`, accessToken }, paymentStatus);
      sca = undefined;
    }
  }

  async function initiate(accessToken: string, order: PaymentOrder, parties: PaymentParties, request: PaymentRequest) {
    const headers: Record<string, string> = {
      'PSU-IP-Address': options.tppIpAddress,
      'TPP-Redirect-Preferred': 'false',
      'TPP-Explicit-Authorisation-Preferred': 'false',
    };
    if (options.sca === 'decoupled') headers['TPP-Decoupled-Preferred'] = 'true';
    const body = {
      endToEndIdentification: order.idempotencyKey.slice(0, 35),
      debtorAccount: parties.debtor,
      instructedAmount: { currency: order.amount.currency, amount: toDecimal(order.amount) },
      creditorAccount: parties.creditor,
      creditorName: parties.creditorName.slice(0, 70),
      remittanceInformationUnstructured: order.reference.slice(0, 140),
    };
    return calls.write(
      { path: `v1/payments/${request.product}`, accessToken, requestId: request.requestId, headers, body },
      paymentCreated,
    );
  }

  return {
    async pay(accessToken: string, order: PaymentOrder, parties: PaymentParties): Promise<PaymentResult> {
      const key = order.idempotencyKey;
      const earlier = await requests.find(key);
      if (earlier?.paymentId) return outcome(accessToken, { ...earlier, paymentId: earlier.paymentId });
      if (earlier && !options.requestIdReplay) {
        // The answer to the first request was lost, and this bank would take a second as a new payment.
        const booked = await options.findBooked(accessToken, order, earlier.createdAt);
        if (booked) return { status: 'completed', paymentId: booked };
        options.log.warn({ idempotencyKey: key.slice(-6) }, 'payment answer lost and not in the account report yet');
        throw new Error('payment outcome not known yet');
      }
      const request =
        earlier ??
        (await requests.claim({
          idempotencyKey: key,
          customerId: parties.customerId,
          requestId: requestIdFor(options.bankId, key),
          product: options.product,
          createdAt: options.now().getTime(),
        }));
      if (earlier)
        options.log.warn(
          { idempotencyKey: key.slice(-6) },
          'payment answer lost: asking again under the same X-Request-ID',
        );
      let created;
      try {
        created = await initiate(accessToken, order, parties, request);
      } catch (error) {
        if (!createdNothing(error)) throw error;
        await requests.refused(key);
        return refusalOf(error, key);
      }
      const authorisationId = created._links?.scaStatus?.href.split('/').pop();
      await requests.answered(key, created.paymentId, authorisationId);
      return outcome(
        accessToken,
        { ...request, paymentId: created.paymentId, authorisationId },
        { transactionStatus: created.transactionStatus, scaStatus: created.scaStatus },
      );
    },
  };
}
