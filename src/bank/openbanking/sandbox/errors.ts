/**
 * Errors as the spec has them: 400, 403 and 500 carry an OBErrorResponse1; 401, 404,
 * 405, 406, 415 and 429 have no body in v3.1.11, so none is sent. Request validation
 * failures become 400s with UK.OBIE codes; a response that fails the schema becomes a
 * 500 that says so (and is reported to the owner of the sandbox).
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import * as z from 'zod';
import type { ObError1, ObErrorCode, ObErrorResponse1 } from './ob-types';
import { interactionIdOf } from './http';

export type ObErrorStatus = 400 | 403 | 500;

/** A refusal the handlers raise on purpose, with the spec's error code. */
export class ObError extends Error {
  constructor(
    readonly status: ObErrorStatus,
    readonly errorCode: ObErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ObError';
  }
}

const STATUS_CODES: Readonly<Record<ObErrorStatus, string>> = {
  400: '400 BadRequest',
  403: '403 Forbidden',
  500: '500 InternalServerError',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function obErrorResponse(
  res: Response,
  status: ObErrorStatus,
  message: string,
  errors: readonly ObError1[],
): ObErrorResponse1 {
  const interaction = interactionIdOf(res);
  return {
    Code: STATUS_CODES[status],
    Id: interaction && interaction.length <= 40 ? interaction : randomUUID(),
    Message: clip(message, 500),
    Errors: errors.map((e) => ({
      ...e,
      Message: clip(e.Message, 500),
      ...(e.Path ? { Path: clip(e.Path, 500) } : {}),
    })),
  };
}

function sendObError(res: Response, status: ObErrorStatus, message: string, errors: readonly ObError1[]): void {
  res.status(status).json(obErrorResponse(res, status, message, errors));
}

/** The shape of express-openapi-validator's and body-parser's HTTP errors. */
const httpError = z.object({
  status: z.number().int().min(400).max(599),
  message: z.string(),
  type: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  errors: z
    .array(z.object({ path: z.string().optional(), message: z.string(), errorCode: z.string().optional() }))
    .optional(),
});

/** "/body/Data/Initiation/InstructedAmount" → "Data.Initiation.InstructedAmount". */
function specPath(path: string | undefined): { where: 'headers' | 'other'; path?: string } {
  if (!path) return { where: 'other' };
  const [, location = '', ...rest] = path.split('/');
  const where = location === 'headers' ? 'headers' : 'other';
  const joined = ['body', 'query', 'params', 'headers', 'path'].includes(location)
    ? rest.join('.')
    : path.replace(/^\//, '').replace(/\//g, '.');
  return { where, path: joined || undefined };
}

function requestErrorCode(where: 'headers' | 'other', errorCode: string | undefined): ObErrorCode {
  const missing = errorCode?.startsWith('required') ?? false;
  if (where === 'headers') return missing ? 'UK.OBIE.Header.Missing' : 'UK.OBIE.Header.Invalid';
  if (missing) return 'UK.OBIE.Field.Missing';
  return errorCode?.startsWith('format') ? 'UK.OBIE.Field.InvalidDate' : 'UK.OBIE.Field.Invalid';
}

export interface ErrorHandlerOptions {
  readonly log?: Logger;
  /** Called with the message of every response that failed the Open Banking schema. */
  readonly onResponseInvalid: (message: string) => void;
}

export function errorHandler({ log, onResponseInvalid }: ErrorHandlerOptions): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ObError) {
      sendObError(res, error.status, error.message, [
        { ErrorCode: error.errorCode, Message: error.message, ...(error.path ? { Path: error.path } : {}) },
      ]);
      return;
    }
    if (error instanceof OpenApiValidator.error.InternalServerError) {
      // Raised by the response validator: the sandbox broke the spec. Loud, never silent.
      const message = `response to ${req.method} ${req.path} does not match the Open Banking v3.1.11 schema: ${error.message}`;
      onResponseInvalid(message);
      log?.error({ method: req.method, path: req.path, errors: error.errors }, message);
      sendObError(res, 500, message, [{ ErrorCode: 'UK.OBIE.UnexpectedError', Message: message }]);
      return;
    }
    const parsed = httpError.safeParse(error);
    if (parsed.success && parsed.data.status === 400) {
      const { type, errors, message } = parsed.data;
      const items: ObError1[] =
        type === 'entity.parse.failed'
          ? [{ ErrorCode: 'UK.OBIE.Field.Invalid', Message: 'the request body is not valid JSON' }]
          : (errors?.length ? errors : [{ message }]).map((e) => {
              const { where, path } = specPath('path' in e ? e.path : undefined);
              return {
                ErrorCode: requestErrorCode(where, 'errorCode' in e ? e.errorCode : undefined),
                Message: e.message,
                ...(path ? { Path: path } : {}),
              };
            });
      sendObError(
        res,
        400,
        type === 'entity.parse.failed'
          ? 'malformed request body'
          : `request does not match the Open Banking v3.1.11 schema: ${message}`,
        items,
      );
      return;
    }
    if (parsed.success && parsed.data.status < 500) {
      for (const [name, value] of Object.entries(parsed.data.headers ?? {})) res.setHeader(name, value);
      res.status(parsed.data.status).end();
      return;
    }
    log?.error({ err: error, method: req.method, path: req.path }, 'open banking sandbox failure');
    sendObError(res, 500, 'the sandbox bank failed to answer', [
      { ErrorCode: 'UK.OBIE.UnexpectedError', Message: 'unexpected error' },
    ]);
  };
}
