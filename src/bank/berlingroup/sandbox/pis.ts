/**
 * Payment initiation over Berlin Group 1.3.11: single SEPA (and instant SEPA) credit
 * transfers, their status and their authorisations. The answer to an initiation names the
 * authorisation the customer approves in the bank's app (decoupled SCA), or says the
 * payment was exempted from SCA.
 */
import { Router, type Request, type Response } from 'express';
import { customerOf } from './auth';
import { BgError } from './errors';
import type { InitiationBody, PaymentBook, SandboxPayment } from './payments';

const PRODUCTS = new Set(['sepa-credit-transfers', 'instant-sepa-credit-transfers']);

function product(req: Request): string {
  if (req.params.service !== 'payments') throw new BgError(400, 'SERVICE_INVALID', 'only single payments are offered');
  const name = String(req.params.product);
  if (!PRODUCTS.has(name)) throw new BgError(404, 'PRODUCT_UNKNOWN', 'the bank does not offer this payment product');
  return name;
}

function links(req: Request, payment: SandboxPayment) {
  const self = `${req.baseUrl}/v1/payments/${payment.product}/${payment.id}`;
  return {
    self: { href: self },
    status: { href: `${self}/status` },
    scaStatus: { href: `${self}/authorisations/${payment.authorisationId}` },
  };
}

export function pisRouter(payments: PaymentBook): Router {
  const router = Router();

  router.post('/v1/:service/:product', async (req: Request, res: Response) => {
    const name = product(req);
    const { payment } = await payments.initiate(
      customerOf(res),
      name,
      String(req.get('X-Request-ID')),
      req.body as InitiationBody,
    );
    res.status(201).json({
      transactionStatus: payment.status,
      paymentId: payment.id,
      scaStatus: payment.scaStatus,
      _links: links(req, payment),
      ...(payment.scaStatus === 'started' ? { psuMessage: 'Please approve this payment in your banking app.' } : {}),
    });
  });

  router.get('/v1/:service/:product/:paymentId/status', async (req: Request, res: Response) => {
    const payment = await payments.find(customerOf(res), product(req), String(req.params.paymentId));
    res.json({
      transactionStatus: payment.status,
      ...(payment.fundsAvailable === undefined ? {} : { fundsAvailable: payment.fundsAvailable }),
    });
  });

  router.get('/v1/:service/:product/:paymentId/authorisations', async (req: Request, res: Response) => {
    const payment = await payments.find(customerOf(res), product(req), String(req.params.paymentId));
    res.json({ authorisationIds: [payment.authorisationId] });
  });

  router.get(
    '/v1/:service/:product/:paymentId/authorisations/:authorisationId',
    async (req: Request, res: Response) => {
      const payment = await payments.find(customerOf(res), product(req), String(req.params.paymentId));
      if (req.params.authorisationId !== payment.authorisationId)
        throw new BgError(403, 'RESOURCE_UNKNOWN', 'no such authorisation of this payment');
      res.json({ scaStatus: payment.scaStatus });
    },
  );

  return router;
}
