/**
 * The sandbox bank over Open Banking UK Read/Write API v3.1.11: the fixture's customers
 * and the shared ledger's money behind the spec's Account Information and Payment
 * Initiation endpoints, every request and response checked against the official specs.
 */
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../../store/db';
import type { SandboxFixture } from '../../sandbox/fixture';
import { sandboxLedger, seedLedger } from '../../sandbox/ledger';
import { aispRouter } from './aisp';
import { bearerAuth } from './auth';
import { createSandboxBank } from './bank';
import { errorHandler } from './errors';
import { FaultPlan, faultAdminRouter, faultMiddleware } from './faults';
import { interactionId, requestLog } from './http';
import { DEFAULT_PAGE_SIZE } from './paging';
import { paymentStore } from './payment-store';
import { paymentService } from './payments';
import { pispRouter } from './pisp';
import { BASE_PATHS, specValidator } from './spec';

export interface OpenBankingSandboxOptions {
  readonly fixture: SandboxFixture;
  readonly db: Db;
  readonly now?: () => Date;
  /** Check requests and responses against the official specs (default true). */
  readonly validate?: boolean;
  /** Faults to inject; a fresh, empty plan when absent (reachable as app.faults). */
  readonly faults?: FaultPlan;
  readonly log?: Logger;
  /** Transactions per page (default 5). */
  readonly pageSize?: number;
  /** Serve POST/GET/DELETE /__faults (default: BANK_SANDBOX_FAULTS === 'true'). */
  readonly faultAdmin?: boolean;
}

export interface OpenBankingSandbox extends Express {
  /** Settles when the ledger is seeded and the sandbox's tables exist; requests wait for it. */
  readonly ready: Promise<void>;
  readonly faults: FaultPlan;
  /** Every response that failed the Open Banking schema (each was answered with a 500). */
  readonly responseValidationErrors: readonly string[];
}

export function createOpenBankingSandbox(options: OpenBankingSandboxOptions): OpenBankingSandbox {
  const { fixture, db, log } = options;
  const now = options.now ?? (() => new Date());
  const validate = options.validate ?? true;
  const faults = options.faults ?? new FaultPlan();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('pageSize must be a positive integer');

  const ledger = sandboxLedger(db, fixture.bank.id);
  const bank = createSandboxBank(fixture, ledger, now);
  const store = paymentStore(db, fixture.bank.id);
  const ready = (async () => {
    await seedLedger(db, fixture);
  })();
  ready.catch((error: unknown) => log?.error({ err: error }, 'open banking sandbox could not start'));
  const whenReady: RequestHandler = (_req, _res, next) => {
    ready.then(() => next(), next);
  };

  const responseValidationErrors: string[] = [];
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(interactionId(), requestLog(log), faultMiddleware(faults));
  app.use(express.json({ limit: '64kb' }));
  if (options.faultAdmin ?? process.env.BANK_SANDBOX_FAULTS === 'true') app.use(faultAdminRouter(faults));

  const mount = (api: 'aisp' | 'pisp', routes: express.Router) => {
    const router = express.Router();
    router.use(whenReady, bearerAuth(bank));
    if (validate) router.use(...specValidator(api));
    router.use(routes);
    app.use(BASE_PATHS[api], router);
  };
  mount('aisp', aispRouter({ bank, pageSize }));
  mount('pisp', pispRouter(paymentService(bank, store)));

  app.use((_req, res) => {
    res.status(404).end();
  });
  app.use(errorHandler({ log, onResponseInvalid: (message) => responseValidationErrors.push(message) }));

  return Object.assign(app, { ready, faults, responseValidationErrors });
}
