/**
 * Account-information consents as the sandbox bank keeps them (in memory: a restart
 * forgets them, and Saldo asks for new ones): created `received` with a decoupled
 * authorisation the customer approves in the bank's app (or `valid` at once when the bank
 * counts the account linking as that approval), expiring at `validUntil`, and counting
 * the day's accesses without the customer present against `frequencyPerDay`.
 */
import { randomUUID } from 'node:crypto';
import { todayIn } from '../../../dates';
import type { SandboxCustomer } from '../../sandbox/fixture';
import { BgError } from './errors';

type ConsentStatus = 'received' | 'rejected' | 'valid' | 'expired' | 'revokedByPsu';

export interface Consent {
  readonly id: string;
  readonly authorisationId: string;
  readonly customerId: string;
  readonly validUntil: string;
  readonly frequencyPerDay: number;
  status: ConsentStatus;
  /** Accesses per day and resource: "2026-11-29|/v1/accounts/acc-ana-chk/balances". */
  readonly accesses: Map<string, number>;
}

export interface ConsentBook {
  create(customer: SandboxCustomer, request: { validUntil: string; frequencyPerDay: number }): Consent;
  /** Where the customer's consent stands, expiry included; the spec's refusal for anyone else's. */
  status(customer: SandboxCustomer, consentId: string): ConsentStatus;
  /** The customer's consent for an AIS call, or the spec's refusal. */
  authorise(customer: SandboxCustomer, consentId: string): Consent;
  /** Counts one access without the customer present; refuses one over the day's limit. */
  count(consent: Consent, customer: SandboxCustomer, resource: string): void;
  /** Test and demo controls: the customer approves or refuses in the bank's app; the bank expires consents. */
  decide(consentId: string, approve: boolean): void;
  expireAll(customerId: string): void;
  /** Consents waiting for the customer's approval. */
  waiting(): readonly Consent[];
}

export function consentBook(options: { now: () => Date; approveAtOnce: () => boolean }): ConsentBook {
  const consents = new Map<string, Consent>();

  function current(consent: Consent, customer: SandboxCustomer): Consent {
    if (consent.status === 'valid' && todayIn(customer.timeZone, options.now()) > consent.validUntil)
      consent.status = 'expired';
    return consent;
  }

  return {
    create(customer, request) {
      const consent: Consent = {
        id: randomUUID(),
        authorisationId: randomUUID(),
        customerId: customer.id,
        validUntil: request.validUntil,
        frequencyPerDay: request.frequencyPerDay,
        status: options.approveAtOnce() ? 'valid' : 'received',
        accesses: new Map(),
      };
      consents.set(consent.id, consent);
      return consent;
    },

    status(customer, consentId) {
      const consent = consents.get(consentId);
      if (!consent || consent.customerId !== customer.id)
        throw new BgError(403, 'CONSENT_UNKNOWN', 'no such consent for this customer');
      return current(consent, customer).status;
    },

    authorise(customer, consentId) {
      const consent = consents.get(consentId);
      if (!consent || consent.customerId !== customer.id)
        throw new BgError(401, 'CONSENT_INVALID', 'the consent is not this customer’s');
      const status = current(consent, customer).status;
      if (status === 'expired') throw new BgError(401, 'CONSENT_EXPIRED', 'the consent has expired');
      if (status !== 'valid') throw new BgError(401, 'CONSENT_INVALID', `the consent is ${status}`);
      return consent;
    },

    count(consent, customer, resource) {
      const key = `${todayIn(customer.timeZone, options.now())}|${resource}`;
      const used = consent.accesses.get(key) ?? 0;
      if (used >= consent.frequencyPerDay)
        throw new BgError(429, 'ACCESS_EXCEEDED', 'the consent’s accesses for today are used up');
      consent.accesses.set(key, used + 1);
    },

    decide(consentId, approve) {
      const consent = consents.get(consentId);
      if (consent?.status === 'received') consent.status = approve ? 'valid' : 'rejected';
    },

    expireAll(customerId) {
      for (const consent of consents.values())
        if (consent.customerId === customerId && consent.status === 'valid') consent.status = 'expired';
    },

    waiting: () => [...consents.values()].filter((c) => c.status === 'received'),
  };
}
