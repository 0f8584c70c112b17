/**
 * FAPI plumbing shared by every route: the x-fapi-interaction-id echoed (or minted) on
 * every response, absolute links back to the request, and one log line per request.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ObLinks } from './ob-types';

const INTERACTION_ID = 'x-fapi-interaction-id';

export function interactionId(): RequestHandler {
  return (req, res, next) => {
    const id = req.get(INTERACTION_ID) || randomUUID();
    res.locals.interactionId = id;
    res.setHeader(INTERACTION_ID, id);
    next();
  };
}

export function interactionIdOf(res: Response): string {
  return typeof res.locals.interactionId === 'string' ? res.locals.interactionId : '';
}

/**
 * The request's own URL, absolute: the spec types every Links member as format "uri",
 * which needs a scheme and host, so links carry the host the client called.
 */
export function requestUrl(req: Request): URL {
  return new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
}

/** Links.Self for a single-page answer. */
export function selfLinks(req: Request): ObLinks {
  return { Self: requestUrl(req).toString() };
}

/** Links.Self of a resource created by a POST: the URL its GET answers on. */
export function resourceLinks(req: Request, resourcePath: string): ObLinks {
  const url = requestUrl(req);
  url.search = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(resourcePath)}`;
  return { Self: url.toString() };
}

/** One line per request, at its end; never a header (the bearer token is a credential). */
export function requestLog(log: Logger | undefined): RequestHandler {
  return (req, res, next) => {
    if (!log) return next();
    const started = process.hrtime.bigint();
    const path = req.path;
    res.on('close', () => {
      log.info(
        {
          method: req.method,
          path,
          status: res.headersSent ? res.statusCode : undefined,
          interactionId: interactionIdOf(res),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'open banking sandbox request',
      );
    });
    next();
  };
}
