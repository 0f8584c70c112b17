/**
 * One HTTP call to an Open Banking API: FAPI headers (a fresh x-fapi-interaction-id per
 * call, logged), the customer's bearer token, optional mutual TLS, cancellation, and
 * typed failures. Responses are parsed with the caller's schema, never trusted as is.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import type { Logger } from '../../shared/logger';

export interface TlsOptions {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** Off only for a local sandbox with a self-signed certificate. */
  readonly rejectUnauthorized?: boolean;
}

export class BankHttpError extends Error {
  constructor(
    readonly status: number,
    readonly interactionId: string,
  ) {
    super(`bank answered HTTP ${status}`);
    this.name = 'BankHttpError';
  }
}

/** The bank answered, but not with what the spec promises. */
export class BankProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankProtocolError';
  }
}

/** No answer: the connection failed, was reset, or the call was cancelled (timeout). */
export class BankNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankNetworkError';
  }
}

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
  const base = new URL(options.baseUrl);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        ca: options.tls?.ca,
        cert: options.tls?.cert,
        key: options.tls?.key,
        rejectUnauthorized: options.tls?.rejectUnauthorized ?? true,
      })
    : new http.Agent({ keepAlive: true });

  function urlFor(path: string): URL {
    const url = new URL(path, base);
    // Links.Next is followed only on the bank's own host.
    if (url.host !== base.host) throw new BankProtocolError('a link points outside the bank');
    return url;
  }

  return {
    call(call, schema) {
      const interactionId = randomUUID();
      const url = urlFor(call.path);
      const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${call.accessToken}`,
        'x-fapi-interaction-id': interactionId,
      };
      if (options.financialId) headers['x-fapi-financial-id'] = options.financialId;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      if (call.idempotencyKey) headers['x-idempotency-key'] = call.idempotencyKey;
      if (payload !== undefined) {
        // A detached JWS of the body is required by the spec; signing with the TPP's key is
        // a bank-specific onboarding step, so this connector sends an unsigned placeholder.
        headers['x-jws-signature'] = 'unsigned..';
      }
      const started = process.hrtime.bigint();
      return new Promise((resolve, reject) => {
        const request = (secure ? https : http).request(
          url,
          { method: call.method, headers, agent, signal: call.signal },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', (error) => reject(new BankNetworkError(error.message)));
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              options.log.info(
                {
                  bankCall: {
                    method: call.method,
                    path: url.pathname,
                    status,
                    interactionId,
                    ms: Number(process.hrtime.bigint() - started) / 1e6,
                  },
                },
                'bank call',
              );
              if (status < 200 || status >= 300) return reject(new BankHttpError(status, interactionId));
              let json: unknown;
              try {
                json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                return reject(new BankProtocolError(`malformed JSON from ${call.method} ${url.pathname}`));
              }
              const parsed = schema.safeParse(json);
              if (!parsed.success)
                return reject(new BankProtocolError(`unexpected response shape from ${call.method} ${url.pathname}`));
              resolve(parsed.data);
            });
          },
        );
        request.on('error', (error) => {
          options.log.warn(
            { bankCall: { method: call.method, path: url.pathname, interactionId, error: error.message } },
            'bank call failed',
          );
          reject(new BankNetworkError(error.name === 'AbortError' ? 'cancelled' : error.message));
        });
        request.end(payload);
      });
    },
  };
}
