/**
 * The official Open Banking UK v3.1.11 specs (copies kept in the repository, so a fresh
 * clone has them) and the express-openapi-validator middleware built from them.
 *
 * The files are used as published. In memory, two documented additions are made:
 * - GET /accounts/{AccountId}/transactions gains the optional `page` query parameter its
 *   Links.Next/Prev carry (the spec leaves paging links to the bank);
 * - the from/to booking and statement date-time query parameters are checked as their
 *   descriptions say: the time part is optional and a time zone, if any, is ignored, so
 *   "2024-05-01T00:00:00" and "2024-05-01" are accepted (JSON Schema's strict date-time
 *   would demand an offset). Responses keep the strict RFC 3339 date-time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { servedPart, strictSpecValidator } from '../../sandbox/spec-validation';
import type { RequestHandler } from 'express';
import { queryWallClock } from './time';

const SPEC_DIR = path.resolve(__dirname, '../../../../test/fixtures/open-banking');
export const SPEC_FILES = {
  aisp: path.join(SPEC_DIR, 'account-info-openapi.json'),
  pisp: path.join(SPEC_DIR, 'payment-initiation-openapi.json'),
} as const;
export type Api = keyof typeof SPEC_FILES;

/** The mount points the specs' `servers` name. */
export const BASE_PATHS: Readonly<Record<Api, string>> = {
  aisp: '/open-banking/v3.1/aisp',
  pisp: '/open-banking/v3.1/pisp',
};

const QUERY_DATE_TIME_FORMAT = 'ob-query-date-time';
const QUERY_DATE_TIME_PARAMETERS = [
  'FromBookingDateTimeParam',
  'ToBookingDateTimeParam',
  'FromStatementDateTimeParam',
  'ToStatementDateTimeParam',
];
const PAGED_OPERATIONS = ['/accounts/{AccountId}/transactions'];

type Json = Record<string, unknown>;

function objectAt(value: unknown, ...keys: string[]): Json {
  let at: unknown = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) throw new Error(`Open Banking spec: missing ${keys.join('.')}`);
    at = (at as Json)[key];
  }
  if (typeof at !== 'object' || at === null) throw new Error(`Open Banking spec: missing ${keys.join('.')}`);
  return at as Json;
}

function loadSpec(api: Api): Json {
  const spec = JSON.parse(readFileSync(SPEC_FILES[api], 'utf8')) as Json;
  const servers = spec.servers;
  const url = Array.isArray(servers) ? (servers[0] as { url?: unknown } | undefined)?.url : undefined;
  if (url !== BASE_PATHS[api])
    throw new Error(`Open Banking ${api} spec: expected server ${BASE_PATHS[api]}, found ${String(url)}`);
  if (api === 'aisp') {
    for (const name of QUERY_DATE_TIME_PARAMETERS) {
      objectAt(spec, 'components', 'parameters', name, 'schema').format = QUERY_DATE_TIME_FORMAT;
    }
    for (const route of PAGED_OPERATIONS) {
      const operation = objectAt(spec, 'paths', route, 'get');
      const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
      operation.parameters = [
        ...parameters,
        {
          in: 'query',
          name: 'page',
          required: false,
          description: 'Sandbox paging: the page Links.Self/Next/Prev point at (1-based).',
          schema: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
        },
      ];
    }
  }
  return spec;
}

/** Query date-times are the spec's wall-clock form, which ajv's date-time format refuses. */
const QUERY_FORMATS = {
  [QUERY_DATE_TIME_FORMAT]: {
    type: 'string' as const,
    validate: (value: string) => queryWallClock(value) !== undefined,
  },
};

/** The operations the sandbox routes (aisp.ts, pisp.ts); a request for any other is a 404. */
const SERVED_PATHS: Readonly<Record<Api, readonly string[]>> = {
  aisp: [
    '/accounts',
    '/accounts/{AccountId}',
    '/accounts/{AccountId}/balances',
    '/accounts/{AccountId}/transactions',
    '/accounts/{AccountId}/beneficiaries',
    '/accounts/{AccountId}/statements',
    '/accounts/{AccountId}/scheduled-payments',
    '/accounts/{AccountId}/standing-orders',
    '/accounts/{AccountId}/direct-debits',
    '/party',
  ],
  pisp: [
    '/domestic-payment-consents',
    '/domestic-payment-consents/{ConsentId}',
    '/domestic-payments',
    '/domestic-payments/{DomesticPaymentId}',
  ],
};

const cache = new Map<Api, RequestHandler[]>();

/** Built once per process: compiling the schemas of two 600 kB specs is the slow part. */
export function specValidator(api: Api): RequestHandler[] {
  let handlers = cache.get(api);
  if (!handlers) {
    handlers = strictSpecValidator(servedPart(loadSpec(api), SERVED_PATHS[api]), QUERY_FORMATS);
    cache.set(api, handlers);
  }
  return handlers;
}
