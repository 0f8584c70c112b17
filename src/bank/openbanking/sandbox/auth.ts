/**
 * Bearer tokens: the sandbox treats a fixture customer's accessToken as an access token
 * that carries both the accounts and the payments scope (the voice customer linked the
 * account with both beforehand). Anything else is a 401, which has no body in the spec.
 */
import type { RequestHandler, Response } from 'express';
import type { SandboxCustomer } from '../../sandbox/fixture';
import type { SandboxBank } from './bank';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerAuth(bank: SandboxBank): RequestHandler {
  return (req, res, next) => {
    const token = BEARER.exec(req.get('authorization') ?? '')?.[1];
    const customer = token === undefined ? undefined : bank.customerByToken(token);
    if (!customer) {
      res.setHeader(
        'WWW-Authenticate',
        token === undefined ? 'Bearer realm="sandbox"' : 'Bearer realm="sandbox", error="invalid_token"',
      );
      res.status(401).end();
      return;
    }
    res.locals.customer = customer;
    next();
  };
}

export function customerOf(res: Response): SandboxCustomer {
  const customer: unknown = res.locals.customer;
  if (typeof customer !== 'object' || customer === null) throw new Error('bearerAuth did not run before this route');
  return customer as SandboxCustomer;
}
