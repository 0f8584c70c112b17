/**
 * Payment Initiation routes (mounted at /open-banking/v3.1/pisp): domestic payment
 * consents and domestic payments. x-jws-signature is required by the spec (the validator
 * enforces its presence) but this sandbox does not verify it, and signs nothing: its
 * own x-jws-signature is an unsecured ("alg":"none") detached placeholder.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { customerOf } from './auth';
import { ObError } from './errors';
import { resourceLinks, selfLinks } from './http';
import { consentRequestSchema, parseBody, paymentRequestSchema } from './initiation';
import type { ConsentView, PaymentService, PaymentView } from './payments';
import { zonedDateTime } from './time';

/** base64url('{"alg":"none"}') + '..': a detached JWS with no signature. */
const UNSIGNED_JWS = 'eyJhbGciOiJub25lIn0..';

const IDEMPOTENCY_KEY = /^(?!\s)(.*)(\S)$/;

function idempotencyKey(req: Request): string {
  const key = req.get('x-idempotency-key');
  if (key === undefined)
    throw new ObError(400, 'UK.OBIE.Header.Missing', 'x-idempotency-key is required', 'x-idempotency-key');
  if (key.length > 40 || !IDEMPOTENCY_KEY.test(key))
    throw new ObError(400, 'UK.OBIE.Header.Invalid', 'x-idempotency-key is invalid', 'x-idempotency-key');
  return key;
}

function consentBody(req: Request, { consent, request }: ConsentView, timeZone: string, created: boolean) {
  return {
    Data: {
      ConsentId: consent.consentId,
      CreationDateTime: zonedDateTime(consent.createdAt, timeZone),
      Status: consent.status,
      StatusUpdateDateTime: zonedDateTime(consent.statusUpdatedAt, timeZone),
      ...request.Data,
    },
    Risk: request.Risk,
    Links: created ? resourceLinks(req, consent.consentId) : selfLinks(req),
    Meta: {},
  };
}

function paymentBody(req: Request, { payment, request }: PaymentView, timeZone: string, created: boolean) {
  return {
    Data: {
      DomesticPaymentId: payment.paymentId,
      ConsentId: payment.consentId,
      CreationDateTime: zonedDateTime(payment.createdAt, timeZone),
      Status: payment.status,
      StatusUpdateDateTime: zonedDateTime(payment.statusUpdatedAt, timeZone),
      Initiation: request.Data.Initiation,
    },
    Links: created ? resourceLinks(req, payment.paymentId) : selfLinks(req),
    Meta: {},
  };
}

const placeholderSignature: RequestHandler = (_req, res, next) => {
  res.setHeader('x-jws-signature', UNSIGNED_JWS);
  next();
};

export function pispRouter(payments: PaymentService): Router {
  const router = Router();
  router.use(placeholderSignature);

  router.post('/domestic-payment-consents', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const key = idempotencyKey(req);
    const view = await payments.createConsent(customer, key, parseBody(consentRequestSchema, req.body));
    res.status(201).json(consentBody(req, view, customer.timeZone, true));
  });

  router.get('/domestic-payment-consents/:ConsentId', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const view = await payments.consent(customer, String(req.params.ConsentId ?? ''));
    res.json(consentBody(req, view, customer.timeZone, false));
  });

  router.post('/domestic-payments', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const key = idempotencyKey(req);
    const view = await payments.createPayment(customer, key, parseBody(paymentRequestSchema, req.body));
    res.status(201).json(paymentBody(req, view, customer.timeZone, true));
  });

  router.get('/domestic-payments/:DomesticPaymentId', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const view = await payments.payment(customer, String(req.params.DomesticPaymentId ?? ''));
    res.json(paymentBody(req, view, customer.timeZone, false));
  });

  return router;
}
