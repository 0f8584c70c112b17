/**
 * The official Berlin Group NextGenPSD2 XS2A 1.3.11 OpenAPI definition (a copy kept in the
 * repository, test/fixtures/berlin-group/psd2-api.yaml, CC BY 4.0) and the
 * express-openapi-validator middleware built from it.
 *
 * The file is used as published, with two in-memory translations that change nothing on
 * the wire:
 * - its patterns are ECMAScript regular expressions written for the non-Unicode mode, and
 *   one escapes a hyphen as `\-`, which Unicode mode (ajv's) refuses; it becomes `\x2d`,
 *   the same character;
 * - path template names with hyphens (`{account-id}`, `{payment-product}`) become camel
 *   case (`{accountId}`), which the validator's path matcher can read; a template's name
 *   never travels in a request.
 * Paging uses the spec's own `entryReferenceFrom` query parameter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { parse } from 'yaml';
import { servedPart, strictSpecValidator } from '../../sandbox/spec-validation';

const SPEC_FILE = path.resolve(__dirname, '../../../../test/fixtures/berlin-group/psd2-api.yaml');

/** The path of the spec's first server URL (https://api.testbank.com/psd2). */
export const BASE_PATH = '/psd2';

type Json = Record<string, unknown>;

function unicodeSafe(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    const translated = pattern.replace(/\\-/g, '\\x2d');
    new RegExp(translated, 'u');
    return translated;
  }
}

function translatePatterns(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(translatePatterns);
  if (typeof node !== 'object' || node === null) return;
  const object = node as Json;
  for (const [key, value] of Object.entries(object)) {
    if (key === 'pattern' && typeof value === 'string') object[key] = unicodeSafe(value);
    else translatePatterns(value);
  }
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function renamePathTemplates(spec: Json): void {
  const renameParameter = (parameter: unknown) => {
    const p = parameter as { in?: unknown; name?: unknown };
    if (p.in === 'path' && typeof p.name === 'string') p.name = camel(p.name);
  };
  Object.values((spec.components as Json | undefined)?.parameters ?? {}).forEach(renameParameter);
  const paths = spec.paths as Json;
  for (const [template, item] of Object.entries(paths)) {
    const operations = Object.values(item as Json).filter((v): v is Json => typeof v === 'object' && v !== null);
    for (const operation of [item as Json, ...operations]) {
      if (Array.isArray(operation.parameters)) operation.parameters.forEach(renameParameter);
    }
    const renamed = template.replace(/\{([^}]+)\}/g, (_, name: string) => `{${camel(name)}}`);
    if (renamed !== template) {
      delete paths[template];
      paths[renamed] = item;
    }
  }
}

function loadSpec(): Json {
  const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as Json;
  const servers = spec.servers;
  const url = Array.isArray(servers) ? (servers[0] as { url?: unknown } | undefined)?.url : undefined;
  if (typeof url !== 'string' || new URL(url).pathname !== BASE_PATH)
    throw new Error(`Berlin Group spec: expected a server at ${BASE_PATH}, found ${String(url)}`);
  translatePatterns(spec);
  renamePathTemplates(spec);
  return spec;
}

/** The operations the sandbox routes (ais.ts, pis.ts), as templates after renaming; any other is a 404. */
const SERVED_PATHS = [
  '/v1/{paymentService}/{paymentProduct}',
  '/v1/{paymentService}/{paymentProduct}/{paymentId}/status',
  '/v1/{paymentService}/{paymentProduct}/{paymentId}/authorisations',
  '/v1/{paymentService}/{paymentProduct}/{paymentId}/authorisations/{authorisationId}',
  '/v1/consents',
  '/v1/consents/{consentId}/status',
  '/v1/accounts',
  '/v1/accounts/{accountId}/balances',
  '/v1/accounts/{accountId}/transactions',
  '/v1/card-accounts',
  '/v1/card-accounts/{accountId}/balances',
  '/v1/card-accounts/{accountId}/transactions',
];

let cached: RequestHandler[] | undefined;

/** Built once per process: compiling the 530 kB definition is the slow part. */
export function specValidator(): RequestHandler[] {
  cached ??= strictSpecValidator(servedPart(loadSpec(), SERVED_PATHS));
  return cached;
}
