/** The express app: routes, health, and errors that never show a stack. */
import type { Skill } from 'ask-sdk-core';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import type { BankConnector } from '../bank/connector';
import { alexaRouter, type RequestVerifier } from './alexa-route';

export interface HttpAppOptions {
  readonly log: Logger;
  readonly connector: BankConnector;
  readonly alexa: { readonly skill: Skill; readonly verifiers: readonly RequestVerifier[]; readonly skillId?: string };
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

export function createHttpApp({ log, connector, alexa, bodyLimit }: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await within(READY_TIMEOUT_MS, connector.ping());
      res.json({ status: 'ready', checks: { bank: 'ok' } });
    } catch (error) {
      log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'readiness check failed');
      res.status(503).json({ status: 'not ready', checks: { bank: 'unreachable' } });
    }
  });

  app.use(alexaRouter({ skill: alexa.skill, log, bodyLimit, verifiers: alexa.verifiers, skillId: alexa.skillId }));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const errors: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: { message: error.message }, path: req.path }, 'request failed');
    const message =
      error.type === 'entity.too.large' ? 'request body too large' : status === 500 ? 'internal error' : 'bad request';
    if (!res.headersSent) res.status(status).json({ error: message });
  };
  app.use(errors);
  return app;
}
