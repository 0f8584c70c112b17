/**
 * One call to an Open Banking API: the FAPI headers (a fresh x-fapi-interaction-id per
 * call, logged), the idempotency key of a POST and its detached-signature placeholder, over
 * the shared bank HTTP client.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { Logger } from '../../shared/logger';
import { bankHttp, type TlsOptions } from '../http';

export interface CallOptions {
  readonly method: 'GET' | 'POST';
  /** Path and query below the bank's base URL, or an absolute URL on the same host (Links.Next). */
  readonly path: string;
  readonly accessToken: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

export interface OpenBankingHttp {
  call<S extends z.ZodType>(options: CallOptions, schema: S): Promise<z.infer<S>>;
}

export function openBankingHttp(options: {
  baseUrl: string;
  financialId?: string;
  tls?: TlsOptions;
  log: Logger;
}): OpenBankingHttp {
  const http = bankHttp(options);
  return {
    call(call, schema) {
      const interactionId = randomUUID();
      const headers: Record<string, string> = { 'x-fapi-interaction-id': interactionId };
      if (options.financialId) headers['x-fapi-financial-id'] = options.financialId;
      if (call.idempotencyKey) headers['x-idempotency-key'] = call.idempotencyKey;
      if (call.body !== undefined) {
        // A detached JWS of the body is required by the spec; signing with the TPP's key is
        // a bank-specific onboarding step, so this connector sends an unsigned placeholder.
        headers['x-jws-signature'] = 'unsigned..';
      }
      return http.call({ ...call, headers, correlationId: interactionId }, schema);
    },
  };
}
