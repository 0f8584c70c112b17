/**
 * openapi/saldo.yaml describes the server as it runs: each request below goes to the built
 * server process, and its status must be documented for that path and its body must match
 * the documented schema. Every documented path is exercised.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { alexaEnvelope } from '../support/alexa-requests';
import { startServer, type ServerProcess } from '../support/server-process';

type Spec = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

const spec = parse(readFileSync(path.resolve(__dirname, '../../openapi/saldo.yaml'), 'utf8')) as Spec;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(spec, 'saldo');
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

interface Call {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
}

const json = { 'content-type': 'application/json' };
const google = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    handler: { name: 'Launch' },
    intent: { name: 'actions.intent.MAIN', params: {}, query: '' },
    scene: { name: 'Main', slotFillingStatus: 'UNSPECIFIED', slots: {} },
    session: { id: 'openapi', params: {}, typeOverrides: [], languageCode: '' },
    user: { locale: 'en-US', params: {}, accountLinkingStatus: 'NOT_LINKED', verificationStatus: 'VERIFIED' },
    home: { params: {} },
    device: { capabilities: ['SPEECH'] },
    ...overrides,
  });

const CALLS: Call[] = [
  { method: 'get', path: '/healthz', status: 200 },
  { method: 'get', path: '/readyz', status: 200 },
  { method: 'get', path: '/metrics', status: 200 },
  { method: 'post', path: '/alexa', headers: json, body: JSON.stringify(alexaEnvelope()), status: 200 },
  {
    method: 'post',
    path: '/alexa',
    headers: json,
    body: JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' })),
    status: 200,
  },
  { method: 'post', path: '/alexa', headers: json, body: '', status: 400 },
  { method: 'post', path: '/alexa', headers: json, body: '{nope', status: 400 },
  { method: 'post', path: '/alexa', headers: json, body: '{"version":"1.0"}', status: 400 },
  {
    method: 'post',
    path: '/alexa',
    headers: json,
    body: JSON.stringify(alexaEnvelope({ skillId: 'amzn1.ask.skill.someone-else' })),
    status: 403,
  },
  { method: 'post', path: '/alexa', headers: json, body: JSON.stringify({ pad: 'x'.repeat(300_000) }), status: 413 },
  { method: 'post', path: '/google', headers: json, body: google({}), status: 200 },
  { method: 'post', path: '/google', headers: json, body: '{"handler":1}', status: 400 },
  { method: 'post', path: '/google', headers: json, body: JSON.stringify({ pad: 'x'.repeat(300_000) }), status: 413 },
];

let server: ServerProcess;
beforeAll(async () => {
  server = await startServer({
    SALDO_VERIFY_REQUESTS: 'false',
    DATABASE_URL: 'sqlite::memory:',
    ALEXA_SKILL_ID: 'amzn1.ask.skill.test',
  });
}, 30_000);
afterAll(() => server?.stop());

it('documents every path the calls below exercise, and no other', () => {
  expect(Object.keys(spec.paths).sort()).toEqual([...new Set(CALLS.map((call) => call.path))].sort());
});

it.each(CALLS.map((call) => [`${call.method.toUpperCase()} ${call.path} → ${call.status}`, call] as const))(
  '%s: documented, and the body matches',
  async (_name, call) => {
    const res = await fetch(`${server.url}${call.path}`, {
      method: call.method.toUpperCase(),
      headers: call.headers,
      body: call.body,
    });
    expect(res.status).toBe(call.status);
    const documented = spec.paths[call.path]?.[call.method]?.responses[String(res.status)];
    expect(documented).toBeDefined();
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    expect(Object.keys(documented?.content ?? {})).toContain(type);
    const body = type === 'application/json' ? await res.json() : await res.text();
    const validate = ajv.getSchema(
      `saldo#/${pointer('paths', call.path, call.method, 'responses', String(res.status), 'content', type, 'schema')}`,
    );
    expect(validate).toBeDefined();
    const valid = validate!(body);
    expect(valid ? [] : validate!.errors).toEqual([]);
  },
);
