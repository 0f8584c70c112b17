/**
 * How the connector treats a bank that is slow or down (cockatiel): every call has a
 * timeout; reads are retried with backoff; payments are never retried blindly; a
 * circuit breaker stops calling a bank that keeps failing, so customers hear an apology
 * at once instead of waiting for timeouts.
 */
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { BankHttpError, BankNetworkError, BankProtocolError } from './http';

export interface ResilienceOptions {
  /** Longest a single call may take. */
  readonly callTimeoutMs: number;
  /** Attempts per read, first one included. */
  readonly readAttempts: number;
  readonly breakerFailures: number;
  readonly breakerHalfOpenMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  callTimeoutMs: 2000,
  readAttempts: 2,
  breakerFailures: 5,
  breakerHalfOpenMs: 10_000,
};

/** Worth another try: no answer, or the bank's own trouble (5xx, 429, garbage). */
function isTransient(error: Error): boolean {
  if (error instanceof BankNetworkError || error instanceof BankProtocolError) return true;
  if (error instanceof BankHttpError) return error.status >= 500 || error.status === 429;
  return error.name === 'TaskCancelledError';
}

export interface BankPolicies {
  readonly read: IPolicy;
  readonly write: IPolicy;
  readonly breaker: CircuitBreakerPolicy;
}

export function bankPolicies(options: ResilienceOptions = DEFAULT_RESILIENCE): BankPolicies {
  const breaker = circuitBreaker(handleWhen(isTransient), {
    halfOpenAfter: options.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerFailures),
  });
  const callTimeout = timeout(options.callTimeoutMs, TimeoutStrategy.Aggressive);
  const retryReads = retry(handleWhen(isTransient), {
    maxAttempts: Math.max(0, options.readAttempts - 1),
    backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 400 }),
  });
  return { read: wrap(retryReads, breaker, callTimeout), write: wrap(breaker, callTimeout), breaker };
}
