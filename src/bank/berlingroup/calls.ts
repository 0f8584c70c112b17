/**
 * Calls to a Berlin Group API: a fresh X-Request-ID per call (or the one a payment's
 * request is known by), the customer's bearer token, the shared HTTP client and the
 * resilience policies (reads retried, writes never), and the spec's tppMessages turned
 * into what the connector acts on. Request signing (Digest, Signature and
 * TPP-Signature-Certificate, with the TPP's eIDAS QSealC) is each bank's onboarding: the
 * headers are optional in the spec and none is sent here.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { Logger } from '../../shared/logger';
import { BankAccessError, UnknownAccessTokenError } from '../connector';
import { BankHttpError, bankHttp, type TlsOptions } from '../http';
import { bankPolicies, DEFAULT_RESILIENCE, type ResilienceOptions } from '../resilience';
import { errorBody } from './schemas';

/** The bank no longer honours the consent the call carried: ask for another. */
export class ConsentWithdrawnError extends Error {
  constructor(readonly consentId: string) {
    super('the bank no longer honours this consent');
    this.name = 'ConsentWithdrawnError';
  }
}

export function tppCodes(error: unknown): string[] {
  if (!(error instanceof BankHttpError)) return [];
  const parsed = errorBody.safeParse(error.body);
  return parsed.success ? (parsed.data.tppMessages ?? []).map((m) => m.code) : [];
}

const CONSENT_CODES = new Set(['CONSENT_EXPIRED', 'CONSENT_INVALID', 'CONSENT_UNKNOWN']);

/** What an error answer means to the connector; anything else stays as it is (and may be retried). */
function classified(error: unknown, consentId: string | undefined): unknown {
  if (!(error instanceof BankHttpError)) return error;
  const codes = tppCodes(error);
  if (consentId && codes.some((code) => CONSENT_CODES.has(code))) return new ConsentWithdrawnError(consentId);
  if (error.status === 429 && codes.includes('ACCESS_EXCEEDED')) return new BankAccessError('access_exceeded');
  if (error.status === 401) return new UnknownAccessTokenError();
  return error;
}

export interface CallSpec {
  readonly path: string;
  readonly accessToken: string;
  readonly consentId?: string;
  /** The id a payment's request is known by; a fresh one otherwise. */
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export function berlinGroupCalls(options: {
  baseUrl: string;
  aspspCode?: string;
  tls?: TlsOptions;
  resilience?: ResilienceOptions;
  log: Logger;
}) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = bankHttp({
    baseUrl: options.aspspCode ? `${base}/${encodeURIComponent(options.aspspCode)}/` : `${base}/`,
    tls: options.tls,
    log: options.log,
  });
  const policies = bankPolicies(options.resilience ?? DEFAULT_RESILIENCE);

  function call<S extends z.ZodType>(method: 'GET' | 'POST', spec: CallSpec, schema: S, signal?: AbortSignal) {
    const requestId = spec.requestId ?? randomUUID();
    const headers: Record<string, string> = { 'X-Request-ID': requestId, ...spec.headers };
    if (spec.consentId) headers['Consent-ID'] = spec.consentId;
    return http
      .call(
        {
          method,
          path: spec.path,
          accessToken: spec.accessToken,
          body: spec.body,
          headers,
          correlationId: requestId,
          signal,
        },
        schema,
      )
      .catch((error: unknown) => {
        throw classified(error, spec.consentId);
      });
  }

  return {
    policies,
    /** A read: timed out, retried with backoff when the bank is in trouble, behind the breaker. */
    read: <S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.infer<S>> =>
      policies.read.execute(({ signal }) => call('GET', spec, schema, signal)),
    /** A write: timed out, behind the breaker, never retried. */
    write: <S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.infer<S>> =>
      policies.write.execute(({ signal }) => call('POST', spec, schema, signal)),
    /** One unguarded call, for the readiness probe. */
    probe: <S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.infer<S>> => call('GET', spec, schema),
  };
}

export type BerlinGroupCalls = ReturnType<typeof berlinGroupCalls>;
