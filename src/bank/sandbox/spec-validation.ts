/**
 * What both sandbox banks check against their official OpenAPI definitions: every request
 * and every response, formats in ajv-formats' "full" mode (real dates, RFC 3986 URIs),
 * nothing undocumented. Security is each sandbox's own bearer check, which runs first so
 * a missing or unknown token is a 401, as the specs have it.
 */
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

type ValidatorOptions = Parameters<typeof OpenApiValidator.middleware>[0];

export function strictSpecValidator(spec: object, formats?: ValidatorOptions['formats']): RequestHandler[] {
  return OpenApiValidator.middleware({
    apiSpec: spec as unknown as ValidatorOptions['apiSpec'],
    validateApiSpec: true,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: false },
    validateResponses: { removeAdditional: false, coerceTypes: false },
    validateSecurity: false,
    validateFormats: true,
    ajvFormats: { mode: 'full' },
    ...(formats ? { formats } : {}),
    $refParser: { mode: 'bundle' },
    ignoreUndocumented: false,
  }) as unknown as RequestHandler[];
}
