/**
 * The sandbox bank over Berlin Group NextGenPSD2 1.3.11: the fixture's customers and the
 * shared ledger's money behind consents, accounts, card accounts and single payments,
 * every request and response checked against the official definition. Tests (and the
 * demo's /__faults) decide the decoupled authorisations, expire consents and inject faults.
 */
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../../store/db';
import type { SandboxFixture } from '../../sandbox/fixture';
import { sandboxLedger, seedLedger } from '../../sandbox/ledger';
import { createSandboxBank } from '../../openbanking/sandbox/bank';
import { FaultPlan, faultAdminRouter, faultMiddleware } from '../../openbanking/sandbox/faults';
import { aisRouter } from './ais';
import { bearerAuth, echoRequestId } from './auth';
import { consentBook, type Consent } from './consents';
import { errorHandler, faultBody } from './errors';
import { paymentBook, type SandboxPayment, type ScaApproach } from './payments';
import { pisRouter } from './pis';
import { BASE_PATH, specValidator } from './spec';

export interface BerlinGroupSandboxOptions {
  readonly fixture: SandboxFixture;
  readonly db: Db;
  readonly now?: () => Date;
  readonly log?: Logger;
  /** Transactions per page (default 5). */
  readonly pageSize?: number;
  /** How payments are authorised (default decoupled: the customer approves in the app). */
  readonly sca?: ScaApproach;
  /** Whether a new consent is valid at once (default) or waits for approval in the app. */
  readonly approveConsentsAtOnce?: boolean;
  /** How long an authorised payment is processed before it settles (default 0). */
  readonly processingMs?: number;
  /** How long a decoupled authorisation waits for the customer (default 5 minutes). */
  readonly authorisationTtlMs?: number;
  readonly faults?: FaultPlan;
  /** Serve POST/GET/DELETE /__faults (default: BANK_SANDBOX_FAULTS === 'true'). */
  readonly faultAdmin?: boolean;
}

/** What a test (or the demo's operator) changes while the bank runs. */
interface BerlinGroupControls {
  sca: ScaApproach;
  approveConsentsAtOnce: boolean;
  processingMs: number;
}

export interface BerlinGroupSandbox extends Express {
  readonly ready: Promise<void>;
  readonly faults: FaultPlan;
  readonly controls: BerlinGroupControls;
  /** Every response that failed the Berlin Group schema (each was answered with a 500). */
  readonly responseValidationErrors: readonly string[];
  readonly payments: () => readonly SandboxPayment[];
  /** The customer approves or refuses a payment in the bank's app. */
  decidePayment(paymentId: string, approve: boolean): Promise<void>;
  onApprovalRequested(listener: (payment: SandboxPayment) => void): void;
  consentsWaiting(): readonly Consent[];
  decideConsent(consentId: string, approve: boolean): void;
  expireConsents(customerId: string): void;
}

export function createBerlinGroupSandbox(options: BerlinGroupSandboxOptions): BerlinGroupSandbox {
  const { fixture, db, log } = options;
  const now = options.now ?? (() => new Date());
  const faults = options.faults ?? new FaultPlan();
  const pageSize = options.pageSize ?? 5;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('pageSize must be a positive integer');
  const controls: BerlinGroupControls = {
    sca: options.sca ?? 'decoupled',
    approveConsentsAtOnce: options.approveConsentsAtOnce ?? true,
    processingMs: options.processingMs ?? 0,
  };

  const bank = createSandboxBank(fixture, sandboxLedger(db, fixture.bank.id), now);
  const consents = consentBook({ now, approveAtOnce: () => controls.approveConsentsAtOnce });
  const payments = paymentBook({
    bank,
    sca: () => controls.sca,
    processingMs: () => controls.processingMs,
    authorisationTtlMs: options.authorisationTtlMs ?? 5 * 60_000,
  });
  const ready = seedLedger(db, fixture);
  ready.catch((error: unknown) => log?.error({ err: error }, 'berlin group sandbox could not start'));
  const whenReady: RequestHandler = (_req, _res, next) => {
    ready.then(() => next(), next);
  };

  const responseValidationErrors: string[] = [];
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(echoRequestId(), faultMiddleware(faults, faultBody));
  app.use(express.json({ limit: '64kb' }));
  if (options.faultAdmin ?? process.env.BANK_SANDBOX_FAULTS === 'true') app.use(faultAdminRouter(faults));

  const api = express.Router();
  api.use(whenReady, bearerAuth(bank), ...specValidator());
  api.use(aisRouter({ bank, consents, payments, pageSize }));
  api.use(pisRouter(payments));
  app.use(BASE_PATH, api);
  app.use((_req, res) => {
    res.status(404).end();
  });
  app.use(errorHandler({ log, onResponseInvalid: (message) => responseValidationErrors.push(message) }));

  return Object.assign(app, {
    ready,
    faults,
    controls,
    responseValidationErrors,
    payments: payments.all,
    decidePayment: payments.decide,
    onApprovalRequested: payments.onApprovalRequested,
    consentsWaiting: consents.waiting,
    decideConsent: consents.decide,
    expireConsents: consents.expireAll,
  });
}
