/**
 * The HTTP app: POST /alexa straight to its route, everything else through express (health,
 * metrics, Google, 404s), and errors that never show a stack.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { alexaRoute, type RequestVerifier } from './alexa-route';
import type { BankRuntime } from '../app/application';
import { googleRouter, type GoogleRouteOptions } from './google-route';
import type { Metrics } from '../app/metrics';

export interface HttpAppOptions {
  readonly log: Logger;
  readonly banks: readonly BankRuntime[];
  readonly metrics: Metrics;
  /** Named readiness checks for /readyz (store, each bank, …). */
  readonly readiness: Readonly<Record<string, () => Promise<void>>>;
  readonly verifyRequests: boolean;
  /** Alexa's signature and timestamp verifiers; empty only with verification off. */
  readonly alexaVerifiers: readonly RequestVerifier[];
  readonly googleAppFor?: GoogleRouteOptions['appFor'];
  readonly bodyLimit: string;
}

const READY_TIMEOUT_MS = 2000;

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Statuses that mean "refused": the request was wrong, unsigned, too large or for someone else. */
const REFUSED = new Set([400, 401, 403, 413, 415]);

function reportRefusal(
  log: Logger,
  metrics: Metrics,
  platform: string,
  status: number,
  refusal: { error?: unknown; detail?: unknown } | undefined,
): void {
  const reason = typeof refusal?.error === 'string' ? refusal.error : 'unknown';
  metrics.observeRefusal(platform, status, reason);
  log.warn({ platform, status, reason, detail: refusal?.detail }, 'request refused');
}

/**
 * Every refusal is logged with its reason and counted. The reason is the error message of
 * the JSON body the route answered with: Saldo's own fixed words, never the sender's.
 */
function refusalsReported(log: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    let refusal: { error?: unknown; detail?: unknown } | undefined;
    res.json = (body: unknown) => {
      if (REFUSED.has(res.statusCode) && typeof body === 'object' && body !== null) refusal = body;
      return json(body);
    };
    res.on('finish', () => {
      if (!REFUSED.has(res.statusCode)) return;
      reportRefusal(log, metrics, req.path === '/google' ? 'google' : 'other', res.statusCode, refusal);
    });
    next();
  };
}

/** What node's HTTP server calls for each request. */
export type HttpApp = (req: IncomingMessage, res: ServerResponse) => void;

/** POST /alexa itself, as Alexa sends it (a query string aside): the busiest route by far. */
const isAlexaPost = (req: IncomingMessage) =>
  req.method === 'POST' && (req.url === '/alexa' || req.url?.startsWith('/alexa?') === true);

export function createHttpApp(options: HttpAppOptions): HttpApp {
  const { log, banks, metrics, readiness, bodyLimit } = options;
  // It reports its own refusals.
  const alexa = alexaRoute({
    banks,
    log,
    metrics,
    bodyLimit,
    verifiers: options.alexaVerifiers,
    refused: (status, body) => reportRefusal(log, metrics, 'alexa', status, body),
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // The spellings express also matches (/alexa/, /Alexa) reach the same route.
  app.post('/alexa', (req, res) => void alexa(req, res));

  app.use(refusalsReported(log, metrics));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(readiness).map(async ([name, check]) => {
        try {
          await within(READY_TIMEOUT_MS, check());
          return [name, 'ok'] as const;
        } catch (error) {
          log.warn(
            { check: name, reason: error instanceof Error ? error.message : String(error) },
            'readiness check failed',
          );
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  app.get('/metrics', async (_req, res) => {
    const registry = await metrics.registry();
    res.type(registry.contentType).send(await registry.metrics());
  });

  app.use(
    googleRouter({
      banks,
      log,
      metrics,
      bodyLimit,
      verifyRequests: options.verifyRequests,
      appFor: options.googleAppFor,
    }),
  );

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const errors: ErrorRequestHandler = (
    error: { status?: number; type?: string; message?: string },
    req,
    res,
    _next,
  ) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: { message: error.message }, path: req.path }, 'request failed');
    const message =
      error.type === 'entity.too.large' ? 'request body too large' : status === 500 ? 'internal error' : 'bad request';
    if (!res.headersSent) res.status(status).json({ error: message });
  };
  app.use(errors);
  // Express's router, its request and response decoration and its error handling: work
  // POST /alexa does not need, on the busiest route.
  return (req, res) => {
    if (isAlexaPost(req)) void alexa(req, res);
    else app(req, res);
  };
}
