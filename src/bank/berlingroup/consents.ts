/**
 * The account-information consent each linked customer's calls carry (Consent-ID). One is
 * asked for on first use: recurring, valid for the configured days, with the configured
 * frequencyPerDay. A bank that wants the customer to approve it in its app (decoupled SCA)
 * is asked where it stands for a moment; until the customer has approved, every call
 * says so (BankAccessError 'renew_consent') and the same consent is asked about again, so
 * the customer gets one approval request, not one per turn. In memory: a restart asks for
 * a new consent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BankAccessError } from '../connector';

export interface ConsentApi {
  create(accessToken: string): Promise<{ consentId: string; consentStatus: string }>;
  status(accessToken: string, consentId: string): Promise<string>;
}

export interface ConsentTiming {
  /** How long a turn waits for the customer to approve a new consent. */
  readonly approvalWaitMs: number;
  readonly pollIntervalMs: number;
}

type Held = { readonly consentId: string; readonly status: 'valid' | 'waiting' };

export interface ConsentKeeper {
  /** A valid consent id for the customer's calls. */
  get(accessToken: string): Promise<string>;
  /** The bank refused this consent (expired, revoked): the next call asks for a new one. */
  forget(accessToken: string, consentId: string): void;
}

export function consentKeeper(api: ConsentApi, timing: ConsentTiming): ConsentKeeper {
  /** The consent each token's calls carry, once the bank has answered about it. */
  const held = new Map<string, Held>();
  /** Lookups under way: the calls of one turn share one. */
  const looking = new Map<string, Promise<Held>>();

  async function awaitApproval(accessToken: string, consentId: string, status: string): Promise<Held> {
    const deadline = Date.now() + timing.approvalWaitMs;
    let current = status;
    while (current === 'received' || current === 'partiallyAuthorised') {
      if (Date.now() + timing.pollIntervalMs > deadline) return { consentId, status: 'waiting' };
      await sleep(timing.pollIntervalMs);
      current = await api.status(accessToken, consentId);
    }
    if (current !== 'valid') throw new BankAccessError('renew_consent');
    return { consentId, status: 'valid' };
  }

  async function fresh(accessToken: string): Promise<Held> {
    const created = await api.create(accessToken);
    return awaitApproval(accessToken, created.consentId, created.consentStatus);
  }

  async function lookUp(accessToken: string, before: Held | undefined): Promise<Held> {
    if (!before) return fresh(accessToken);
    const status = await api.status(accessToken, before.consentId);
    if (status === 'received' || status === 'partiallyAuthorised') return before;
    if (status === 'valid') return { consentId: before.consentId, status: 'valid' };
    // Refused or expired while the customer was asked: ask once more.
    return fresh(accessToken);
  }

  return {
    async get(accessToken) {
      const before = held.get(accessToken);
      if (before?.status === 'valid') return before.consentId;
      let lookup = looking.get(accessToken);
      if (!lookup) {
        lookup = lookUp(accessToken, before).finally(() => looking.delete(accessToken));
        looking.set(accessToken, lookup);
      }
      let consent: Held;
      try {
        consent = await lookup;
      } catch (error) {
        if (error instanceof BankAccessError) held.delete(accessToken);
        throw error;
      }
      held.set(accessToken, consent);
      if (consent.status !== 'valid') throw new BankAccessError('renew_consent');
      return consent.consentId;
    },

    forget(accessToken, consentId) {
      if (held.get(accessToken)?.consentId === consentId) held.delete(accessToken);
    },
  };
}
