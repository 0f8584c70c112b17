/**
 * Domestic payment consents and payment orders: validation against the customer's data,
 * idempotency by x-idempotency-key, and execution through the ledger's exactly-once
 * `execute`, keyed by the same idempotency key, so replays and concurrent duplicates
 * move money once and answer alike.
 *
 * Consents are authorised at once: the voice customer linked their account with the
 * payments scope beforehand, so there is no redirect for the PSU to approve in.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxCustomer } from '../../sandbox/fixture';
import type { SandboxBank } from './bank';
import { ObError } from './errors';
import {
  canonicalJson,
  consentRequestSchema,
  paymentRequestSchema,
  resolveInitiation,
  type ConsentRequest,
  type PaymentRequest,
} from './initiation';
import type { PaymentStore, StoredConsent, StoredPayment } from './payment-store';

export interface ConsentView {
  readonly consent: StoredConsent;
  readonly request: ConsentRequest;
}

export interface PaymentView {
  readonly payment: StoredPayment;
  readonly request: PaymentRequest;
}

function differentBody(): ObError {
  return new ObError(
    400,
    'UK.OBIE.Header.Invalid',
    'x-idempotency-key was already used with a different request body',
    'x-idempotency-key',
  );
}

/** The ledger's idempotency key: Open Banking keys are scoped to the customer here. */
function ledgerKey(customer: SandboxCustomer, idempotencyKey: string): string {
  return `ob:${customer.id}:${idempotencyKey}`;
}

export function paymentService(bank: SandboxBank, store: PaymentStore) {
  function consentRequestOf(consent: StoredConsent): ConsentRequest {
    return consentRequestSchema.parse(JSON.parse(consent.requestJson));
  }

  async function execute(
    customer: SandboxCustomer,
    payment: StoredPayment,
    request: PaymentRequest,
  ): Promise<StoredPayment> {
    const resolved = resolveInitiation(customer, request.Data.Initiation);
    const at = bank.now().getTime();
    const result = await bank.ledger.execute(
      {
        idempotencyKey: ledgerKey(customer, payment.idempotencyKey),
        customerId: customer.id,
        paymentId: payment.paymentId,
        sourceAccountId: resolved.source.id,
        amountMinor: resolved.amountMinor,
        currency: resolved.currency,
        at,
      },
      resolved.entries,
    );
    return store.settle(
      payment.paymentId,
      result.status === 'completed' ? 'AcceptedSettlementCompleted' : 'Rejected',
      at,
    );
  }

  return {
    async createConsent(
      customer: SandboxCustomer,
      idempotencyKey: string,
      request: ConsentRequest,
    ): Promise<ConsentView> {
      resolveInitiation(customer, request.Data.Initiation);
      const requestJson = canonicalJson(request);
      const consent = await store.createConsent({
        consentId: `pdc-${randomUUID()}`,
        customerId: customer.id,
        idempotencyKey,
        requestJson,
        at: bank.now().getTime(),
      });
      if (consent.requestJson !== requestJson) throw differentBody();
      return { consent, request: consentRequestOf(consent) };
    },

    async consent(customer: SandboxCustomer, consentId: string): Promise<ConsentView> {
      const consent = await store.consent(customer.id, consentId);
      if (!consent)
        throw new ObError(400, 'UK.OBIE.Resource.NotFound', 'no such consent for this customer', 'ConsentId');
      return { consent, request: consentRequestOf(consent) };
    },

    async createPayment(
      customer: SandboxCustomer,
      idempotencyKey: string,
      request: PaymentRequest,
    ): Promise<PaymentView> {
      const requestJson = canonicalJson(request);
      const initiationJson = canonicalJson(request.Data.Initiation);
      const riskJson = canonicalJson(request.Risk);
      let payment = await store.claimPayment(
        {
          paymentId: `dp-${randomUUID().replace(/-/g, '')}`,
          customerId: customer.id,
          idempotencyKey,
          consentId: request.Data.ConsentId,
          requestJson,
          at: bank.now().getTime(),
        },
        (consent) => {
          const agreed = consentRequestOf(consent);
          return canonicalJson(agreed.Data.Initiation) === initiationJson && canonicalJson(agreed.Risk) === riskJson;
        },
      );
      if (payment.requestJson !== requestJson) throw differentBody();
      // Pending: this request claimed the key, or an earlier one died before settling.
      // Either way the ledger's execute (same key) moves the money at most once.
      if (payment.status === 'Pending') payment = await execute(customer, payment, request);
      return { payment, request };
    },

    async payment(customer: SandboxCustomer, paymentId: string): Promise<PaymentView> {
      const payment = await store.payment(customer.id, paymentId);
      if (!payment)
        throw new ObError(
          400,
          'UK.OBIE.Resource.NotFound',
          'no such domestic payment for this customer',
          'DomesticPaymentId',
        );
      return { payment, request: paymentRequestSchema.parse(JSON.parse(payment.requestJson)) };
    },
  };
}

export type PaymentService = ReturnType<typeof paymentService>;
