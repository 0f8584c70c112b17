/**
 * Checking a spoken PIN: one check at a time per customer (a lease in the store, so it
 * holds across instances), scrypt off the event loop, consecutive failures counted,
 * and a lockout after the configured number, audited.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditLog } from '../store/audit';
import type { PinCredentials } from '../store/pin-credentials';
import { verifyPin, type DeriveKey } from './pin-hash';

export type PinCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'wrong'; readonly triesLeft: number }
  | { readonly kind: 'locked'; readonly justLocked: boolean }
  | { readonly kind: 'not-enrolled' };

export interface PinCheckerDeps {
  readonly credentials: PinCredentials;
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** Consecutive failures before voice payments lock (1–5). */
  readonly maxAttempts: number;
  readonly leaseMs?: number;
  readonly waitMs?: number;
  /** Where scrypt runs: the PIN workers (pin-workers). */
  readonly derive: DeriveKey;
}

export class PinCheckBusyError extends Error {
  constructor() {
    super('another PIN check for this customer is still running');
    this.name = 'PinCheckBusyError';
  }
}

const POLL_FIRST_MS = 5;
const POLL_MAX_MS = 100;

export function pinChecker({
  credentials,
  audit,
  now,
  maxAttempts,
  leaseMs = 5000,
  waitMs = 4000,
  derive,
}: PinCheckerDeps) {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 5)
    throw new Error('PIN attempts must be 1 to 5');

  return {
    maxAttempts,

    /**
     * Runs `work` holding the customer's PIN lease; waits (backing off, so that waiters do
     * not crowd the store) for a concurrent check to finish.
     */
    async exclusive<T>(bankId: string, customerId: string, work: () => Promise<T>): Promise<T> {
      const holder = randomUUID();
      const deadline = Date.now() + waitMs;
      let pause = POLL_FIRST_MS;
      while (!(await credentials.tryLease(bankId, customerId, holder, now().getTime(), leaseMs))) {
        const status = await credentials.status(bankId, customerId);
        if (!status.enrolled) return work();
        if (Date.now() >= deadline) throw new PinCheckBusyError();
        await sleep(pause + Math.random() * pause);
        pause = Math.min(POLL_MAX_MS, pause * 2);
      }
      try {
        return await work();
      } finally {
        await credentials.releaseLease(bankId, customerId, holder);
      }
    },

    /** Call inside `exclusive`. */
    async check(bankId: string, customerId: string, pin: string, channel: string): Promise<PinCheck> {
      const status = await credentials.status(bankId, customerId);
      if (!status.enrolled) return { kind: 'not-enrolled' };
      if (status.lockedAt !== undefined) return { kind: 'locked', justLocked: false };
      const hash = await credentials.hash(bankId, customerId);
      if (hash && (await verifyPin(pin, hash, derive))) {
        await credentials.recordSuccess(bankId, customerId, now().getTime());
        return { kind: 'ok' };
      }
      const after = await credentials.recordFailure(bankId, customerId, maxAttempts, now().getTime());
      await audit({
        bankId,
        customerId,
        channel,
        event: 'pin.failed',
        details: { consecutiveFailures: after.failures },
      });
      if (after.lockedAt !== undefined) {
        await audit({
          bankId,
          customerId,
          channel,
          event: 'pin.locked',
          details: { consecutiveFailures: after.failures, maxAttempts },
        });
        return { kind: 'locked', justLocked: true };
      }
      return { kind: 'wrong', triesLeft: Math.max(0, maxAttempts - after.failures) };
    },

    async isLocked(bankId: string, customerId: string): Promise<boolean> {
      return (await credentials.status(bankId, customerId)).lockedAt !== undefined;
    },
  };
}

export type PinChecker = ReturnType<typeof pinChecker>;
