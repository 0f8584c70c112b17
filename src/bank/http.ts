/**
 * One HTTP call to a bank's API, whatever the standard: the caller's headers (each
 * standard names its own correlation id, logged), the customer's bearer token, optional
 * mutual TLS, cancellation, and typed failures. Responses are parsed with the caller's
 * schema, never trusted as is; an error answer's JSON body is kept for the caller to read
 * (Berlin Group's tppMessages), never logged.
 */
import http from 'node:http';
import https from 'node:https';
import type * as z from 'zod';
import type { Logger } from '../shared/logger';

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
    /** The id the call was logged under (x-fapi-interaction-id, X-Request-ID). */
    readonly correlationId: string,
    /** The error answer's JSON, when it had one. */
    readonly body?: unknown,
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

interface BankCall {
  readonly method: 'GET' | 'POST';
  /** Path and query below the bank's base URL, or an absolute URL on the same host (a next-page link). */
  readonly path: string;
  readonly accessToken: string;
  readonly body?: unknown;
  /** The standard's headers for this call. */
  readonly headers: Readonly<Record<string, string>>;
  /** The correlation id among those headers, for the log line. */
  readonly correlationId: string;
  readonly signal?: AbortSignal;
}

export interface BankHttp {
  call<S extends z.ZodType>(call: BankCall, schema: S): Promise<z.infer<S>>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function bankHttp(options: { baseUrl: string; tls?: TlsOptions; log: Logger }): BankHttp {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
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
    // URL semantics: "v1/accounts" stays below the base URL's path (a hub's /psd2 or ASPSP
    // prefix), "/open-banking/…" starts at the host, and a link may be absolute.
    const url = new URL(path, base);
    // Next-page links are followed only on the bank's own host.
    if (url.host !== base.host) throw new BankProtocolError('a link points outside the bank');
    return url;
  }

  return {
    call(call, schema) {
      const url = urlFor(call.path);
      const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${call.accessToken}`,
        ...call.headers,
      };
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
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
                    interactionId: call.correlationId,
                    ms: Number(process.hrtime.bigint() - started) / 1e6,
                  },
                },
                'bank call',
              );
              const text = Buffer.concat(chunks).toString('utf8');
              if (status < 200 || status >= 300)
                return reject(new BankHttpError(status, call.correlationId, parseJson(text)));
              const json = parseJson(text);
              if (json === undefined)
                return reject(new BankProtocolError(`malformed JSON from ${call.method} ${url.pathname}`));
              const parsed = schema.safeParse(json);
              if (!parsed.success)
                return reject(new BankProtocolError(`unexpected response shape from ${call.method} ${url.pathname}`));
              resolve(parsed.data);
            });
          },
        );
        request.on('error', (error) => {
          options.log.warn(
            {
              bankCall: {
                method: call.method,
                path: url.pathname,
                interactionId: call.correlationId,
                error: error.message,
              },
            },
            'bank call failed',
          );
          reject(new BankNetworkError(error.name === 'AbortError' ? 'cancelled' : error.message));
        });
        request.end(payload);
      });
    },
  };
}
