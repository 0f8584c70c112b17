/**
 * What both sandbox banks check against their official OpenAPI definitions: every request
 * and every response, formats in ajv-formats' "full" mode (real dates, RFC 3986 URIs),
 * nothing undocumented. Security is each sandbox's own bearer check, which runs first so
 * a missing or unknown token is a 401, as the specs have it.
 */
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

type ValidatorOptions = Parameters<typeof OpenApiValidator.middleware>[0];
type Json = Record<string, unknown>;

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

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** `#/components/schemas/OBActiveOrHistoricCurrencyAndAmount` → ['schemas', 'OBActive…']. */
function componentOf(ref: string): [string, string] | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');
  return match ? [unescape(match[1] as string), unescape(match[2] as string)] : undefined;
}

/**
 * The part of a definition a sandbox serves: the path templates it routes, every component
 * those reach (through any chain of $refs), and the security schemes. Validation of what
 * is served is unchanged; what is dropped is what the validator would otherwise embed in,
 * and walk through for, every operation's schemas: compiling those was most of a sandbox's
 * start-up and the slowest part of the suites that start one.
 */
export function servedPart(spec: Json, served: readonly string[]): Json {
  const paths = isObject(spec.paths) ? spec.paths : {};
  const components = isObject(spec.components) ? spec.components : {};
  const missing = served.filter((template) => !(template in paths));
  if (missing.length > 0) throw new Error(`the definition has no path ${missing.join(', ')}`);

  const reached: Record<string, Json> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const component = key === '$ref' && typeof value === 'string' ? componentOf(value) : undefined;
      if (!component) {
        visit(value);
        continue;
      }
      const [kind, name] = component;
      const kept = (reached[kind] ??= {});
      if (name in kept) continue;
      const target = (components[kind] as Json | undefined)?.[name];
      if (target === undefined) throw new Error(`the definition has no component for ${value as string}`);
      kept[name] = target;
      visit(target);
    }
  };
  const servedPaths = Object.fromEntries(served.map((template) => [template, paths[template]]));
  visit(servedPaths);
  if (components.securitySchemes !== undefined) reached.securitySchemes = components.securitySchemes as Json;
  return { ...spec, paths: servedPaths, components: reached };
}
