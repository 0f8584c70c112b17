/**
 * Errors as the spec has them: a JSON body of tppMessages (category, code, text) with the
 * status the Implementation Guidelines give each code. Request validation failures are
 * 400 FORMAT_ERROR; a response that fails the schema becomes a 500 that says so (and is
 * reported to the owner of the sandbox).
 */
import type { ErrorRequestHandler, Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import * as z from 'zod';

export type TppMessageCode =
  | 'FORMAT_ERROR'
  | 'TOKEN_INVALID'
  | 'CONSENT_INVALID'
  | 'CONSENT_EXPIRED'
  | 'CONSENT_UNKNOWN'
  | 'RESOURCE_UNKNOWN'
  | 'PRODUCT_UNKNOWN'
  | 'SERVICE_INVALID'
  | 'ACCESS_EXCEEDED'
  | 'PAYMENT_FAILED'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

/** A refusal the handlers raise on purpose. */
export class BgError extends Error {
  constructor(
    readonly status: number,
    readonly code: TppMessageCode,
    message: string,
  ) {
    super(message);
    this.name = 'BgError';
  }
}

function tppMessages(code: TppMessageCode, text: string) {
  return { tppMessages: [{ category: 'ERROR' as const, code, text: text.slice(0, 500) }] };
}

export function sendBgError(res: Response, status: number, code: TppMessageCode, text: string): void {
  res.status(status).json(tppMessages(code, text));
}

/** What a fault injected by the plan answers with. */
export function faultBody(status: number): string {
  const code: TppMessageCode =
    status === 429 ? 'ACCESS_EXCEEDED' : status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
  return JSON.stringify(tppMessages(code, 'fault injected by the sandbox bank'));
}

const httpError = z.object({
  status: z.number().int().min(400).max(599),
  message: z.string(),
  type: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export function errorHandler(options: {
  readonly log?: Logger;
  readonly onResponseInvalid: (message: string) => void;
}): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof BgError) return sendBgError(res, error.status, error.code, error.message);
    if (error instanceof OpenApiValidator.error.InternalServerError) {
      const message = `response to ${req.method} ${req.path} does not match the Berlin Group 1.3.11 schema: ${error.message}`;
      options.onResponseInvalid(message);
      options.log?.error({ method: req.method, path: req.path, errors: error.errors }, message);
      return sendBgError(res, 500, 'INTERNAL_SERVER_ERROR', message);
    }
    const parsed = httpError.safeParse(error);
    if (parsed.success && parsed.data.status < 500) {
      for (const [name, value] of Object.entries(parsed.data.headers ?? {})) res.setHeader(name, value);
      const text =
        parsed.data.type === 'entity.parse.failed'
          ? 'malformed request body'
          : `request does not match the Berlin Group 1.3.11 schema: ${parsed.data.message}`;
      const status = parsed.data.status === 404 || parsed.data.status === 405 ? parsed.data.status : 400;
      return sendBgError(res, status, status === 400 ? 'FORMAT_ERROR' : 'RESOURCE_UNKNOWN', text);
    }
    options.log?.error({ err: error, method: req.method, path: req.path }, 'berlin group sandbox failure');
    sendBgError(res, 500, 'INTERNAL_SERVER_ERROR', 'the sandbox bank failed to answer');
  };
}
