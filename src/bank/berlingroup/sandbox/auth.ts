/**
 * Every call: its X-Request-ID echoed on the answer (the spec's response header), and the
 * bearer token of a linked fixture customer (both AIS and PIS scopes), else a 401
 * TOKEN_INVALID.
 */
import type { RequestHandler } from 'express';
import type { SandboxBank } from '../../openbanking/sandbox/bank';
import { sendBgError } from './errors';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function echoRequestId(): RequestHandler {
  return (req, res, next) => {
    const id = req.get('X-Request-ID');
    if (id) res.setHeader('X-Request-ID', id);
    next();
  };
}

export function bearerAuth(bank: SandboxBank): RequestHandler {
  return (req, res, next) => {
    const token = BEARER.exec(req.get('authorization') ?? '')?.[1];
    const customer = token === undefined ? undefined : bank.customerByToken(token);
    if (!customer) return sendBgError(res, 401, 'TOKEN_INVALID', 'the access token is not valid');
    res.locals.customer = customer;
    next();
  };
}

export { customerOf } from '../../openbanking/sandbox/auth';
