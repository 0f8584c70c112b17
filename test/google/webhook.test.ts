/** POST /google: verification, malformed input, unknown handlers, and no secret in responses. */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import { createGoogleApp, type GoogleApp } from '../../src/platforms/google/app';
import { MISSING_PROJECT_ID } from '../../src/server/google-route';
import { testHttpApp } from '../support/http';

const PROJECT = 'saldo-test-project';
const signingDir = path.join(__dirname, '../fixtures/alexa-signing');
const trustedCert = readFileSync(path.join(signingDir, 'trusted-cert.pem'), 'utf8');
const trustedKey = readFileSync(path.join(signingDir, 'trusted-key.pem'), 'utf8');
const forgerKey = readFileSync(path.join(signingDir, 'forger-key.pem'), 'utf8');

function jwt(key: string, claims: Record<string, unknown>): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key, 'base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 'https://accounts.google.com', aud: PROJECT, iat: now, exp: now + 600, ...overrides };
}

function balanceRequest(token?: string) {
  return {
    handler: { name: 'GetBalance' },
    intent: {
      name: 'GetBalance',
      params: { accountType: { original: 'checking', resolved: 'checking' } },
      query: "what's my checking balance",
    },
    scene: { name: 'Main' },
    session: { id: 'google-session', params: {} },
    user: { locale: 'en-US', params: token ? { bearerToken: token } : {} },
  };
}

/** The real verifier, trusting the test certificate instead of fetching Google's. */
function verifyingGoogleApp(conversation: Parameters<typeof createGoogleApp>[0]['conversation']): GoogleApp {
  const app = createGoogleApp({ conversation, projectId: PROJECT });
  const client = (
    app as unknown as { _client: { certificateCache: object; certificateExpiry: Date; certificateCacheFormat: string } }
  )._client;
  client.certificateCache = { 'test-key': trustedCert };
  client.certificateExpiry = new Date(Date.now() + 3_600_000);
  client.certificateCacheFormat = 'PEM';
  return app;
}

describe('POST /google with verification on', () => {
  let app: HttpApp;
  beforeAll(async () => {
    const base = await testHttpApp({ env: { SALDO_VERIFY_REQUESTS: 'true', GOOGLE_PROJECT_ID: PROJECT } });
    ({ app } = await testHttpApp({
      env: { SALDO_VERIFY_REQUESTS: 'true', GOOGLE_PROJECT_ID: PROJECT },
      googleApp: verifyingGoogleApp(base.application.conversation),
    }));
  });

  it('answers a request signed by the trusted key (control)', async () => {
    const res = await request(app)
      .post('/google')
      .set('google-assistant-signature', jwt(trustedKey, claims()))
      .send(balanceRequest('sandbox-token-john'));
    expect(res.status).toBe(200);
    expect(res.body.prompt.firstSimple.speech).toContain('$1,234.56');
  });

  it('rejects an unsigned request, without a stack trace', async () => {
    const res = await request(app).post('/google').send(balanceRequest('sandbox-token-john'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'request verification failed' });
  });

  it.each([
    ['signed with another key', () => jwt(forgerKey, claims())],
    ['for another project', () => jwt(trustedKey, claims({ aud: 'someone-else' }))],
    ['expired', () => jwt(trustedKey, claims({ iat: 1_000_000, exp: 1_000_600 }))],
    ['from another issuer', () => jwt(trustedKey, claims({ iss: 'https://evil.example.com' }))],
    ['not a JWT at all', () => 'garbage'],
  ])('rejects a token %s', async (_name, token) => {
    const res = await request(app)
      .post('/google')
      .set('google-assistant-signature', token())
      .send(balanceRequest('sandbox-token-john'));
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('POST /google with verification on and no project id', () => {
  it('answers 503 saying which variable to set', async () => {
    const { app } = await testHttpApp({ env: { SALDO_VERIFY_REQUESTS: 'true' } });
    const res = await request(app).post('/google').send(balanceRequest('sandbox-token-john'));
    expect(res.status).toBe(503);
    expect(res.body.error).toBe(MISSING_PROJECT_ID);
    expect(res.body.error).toContain('GOOGLE_PROJECT_ID');
  });
});

describe('POST /google input handling', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp());
  });

  it.each([
    ['bad JSON', '{"handler": ', 400],
    ['an array', '[]', 400],
    ['no handler', JSON.stringify({ session: { id: 's' } }), 400],
    ['a handler of the wrong type', JSON.stringify({ handler: 'GetBalance', session: { id: 's' } }), 400],
    ['no session', JSON.stringify({ handler: { name: 'GetBalance' } }), 400],
  ])('answers %s with a 4xx', async (_name, body, status) => {
    const res = await request(app).post('/google').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const res = await request(app)
      .post('/google')
      .send({ ...balanceRequest('sandbox-token-john'), padding: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect((await request(app).post('/google').send(balanceRequest('sandbox-token-john'))).status).toBe(200);
  });

  it('answers an unknown handler name with spoken guidance, not an error', async () => {
    const res = await request(app)
      .post('/google')
      .send({ ...balanceRequest('sandbox-token-john'), handler: { name: 'OrderPizza' } });
    expect(res.status).toBe(200);
    expect(res.body.prompt.firstSimple.speech).toContain('a balance');
    expect(res.body.prompt.suggestions.map((s: { title: string }) => s.title)).toContain('Help');
  });

  it('takes the bearer token from the Authorization header, and never sends it back', async () => {
    const res = await request(app)
      .post('/google')
      .set('authorization', 'Bearer sandbox-token-john')
      .send(balanceRequest());
    expect(res.status).toBe(200);
    expect(res.body.prompt.firstSimple.speech).toContain('$1,234.56');
    expect(res.text).not.toContain('sandbox-token-john');
  });

  it('asks an unlinked user to link, moving to the account-linking scene', async () => {
    const res = await request(app).post('/google').send(balanceRequest());
    expect(res.body.scene.next.name).toBe('AccountLinking');
    expect(res.body.prompt.firstSimple.text).toBe('To use Sandbox Bank, you need to link your bank account first.');
  });

  it('keeps state only as opaque session params, and ends with END_CONVERSATION', async () => {
    const launch = await request(app)
      .post('/google')
      .send({ ...balanceRequest('sandbox-token-john'), handler: { name: 'Launch' } });
    expect(launch.body.session.params).toEqual({ saldo: { last: { intent: 'Launch' } }, started: true });
    expect(launch.body.prompt.suggestions.map((s: { title: string }) => s.title)).toEqual([
      'My balance',
      'Recent transactions',
      'Pay a bill',
    ]);
    const stop = await request(app)
      .post('/google')
      .send({
        ...balanceRequest('sandbox-token-john'),
        handler: { name: 'Cancel' },
        session: { id: 'g', params: launch.body.session.params },
      });
    expect(stop.body.scene.next.name).toBe('actions.scene.END_CONVERSATION');
    expect(stop.body.session.params).toEqual({});
  });
});
