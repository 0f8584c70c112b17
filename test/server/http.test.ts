import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import { signatureVerifier, timestampVerifier } from '../../src/server/alexa-verification';
import { alexaEnvelope } from '../support/alexa-requests';
import { testHttpApp } from '../support/http';

const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';
const signingDir = path.join(__dirname, '../fixtures/alexa-signing');
const trustedCert = readFileSync(path.join(signingDir, 'trusted-cert.pem'), 'utf8');
const testRoot = readFileSync(path.join(signingDir, 'test-root-ca.pem'), 'utf8');
const trustedKey = readFileSync(path.join(signingDir, 'trusted-key.pem'), 'utf8');
const forgerKey = readFileSync(path.join(signingDir, 'forger-key.pem'), 'utf8');

function sign(body: string, key: string): string {
  return createSign('RSA-SHA256').update(body).sign(key, 'base64');
}

/** The real verifiers, downloading the test certificate (issued by the test root) in place of Amazon's. */
async function verifyingApp(): Promise<HttpApp> {
  const signature = signatureVerifier({ download: async () => trustedCert, trustedRoots: [testRoot] });
  return (await testHttpApp({ verifiers: [signature, timestampVerifier()] })).app;
}

const balanceBody = () => JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' }));

describe('POST /alexa with verification on', () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await verifyingApp();
  });

  /** Sends `sent` with a signature over `signed` (the same body unless a test tampers). */
  function post(signed: string, options: { key: string; certUrl?: string; sent?: string }) {
    return request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .set('SignatureCertChainUrl', options.certUrl ?? CERT_URL)
      .set('Signature-256', sign(signed, options.key))
      .send(options.sent ?? signed);
  }

  it('answers a request signed with the trusted certificate (control)', async () => {
    const res = await post(balanceBody(), { key: trustedKey });
    expect(res.status).toBe(200);
    expect(res.body.response.outputSpeech.ssml).toContain('$1,234.56');
  });

  it('rejects an unsigned request', async () => {
    const res = await request(app).post('/alexa').set('content-type', 'application/json').send(balanceBody());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'request verification failed' });
  });

  it('rejects a request signed with another key', async () => {
    expect((await post(balanceBody(), { key: forgerKey })).status).toBe(400);
  });

  it('rejects a signed request whose body was changed afterwards', async () => {
    const body = balanceBody();
    const res = await post(body, { key: trustedKey, sent: body.replace('sandbox-token-john', 'sandbox-token-ana') });
    expect(res.status).toBe(400);
  });

  it('rejects a certificate URL outside Amazon', async () => {
    expect(
      (await post(balanceBody(), { key: forgerKey, certUrl: 'https://evil.example.com/echo.api/cert.pem' })).status,
    ).toBe(400);
  });

  it('rejects a correctly signed request older than 150 seconds', async () => {
    const body = JSON.stringify(
      alexaEnvelope({
        intent: 'GetBalanceIntent',
        token: 'sandbox-token-john',
        timestamp: new Date(Date.now() - 200_000).toISOString(),
      }),
    );
    expect((await post(body, { key: trustedKey })).status).toBe(400);
  });
});

describe('POST /alexa input handling', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp());
  });

  it.each([
    ['bad JSON', '{"version": "1.0", ', 'body is not JSON'],
    ['a JSON array', '[1,2,3]', 'not an Alexa request envelope'],
    [
      'an envelope without a request',
      JSON.stringify({ version: '1.0', context: { System: {} } }),
      'not an Alexa request envelope',
    ],
    [
      'an IntentRequest without an intent',
      JSON.stringify({ ...alexaEnvelope(), request: { type: 'IntentRequest', requestId: 'r', timestamp: 't' } }),
      'not an Alexa request envelope',
    ],
    [
      'slots of the wrong type',
      JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent' })).replace('"slots":{}', '"slots":"checking"'),
      'not an Alexa request envelope',
    ],
  ])('answers %s with a short 400', async (_name, body, error) => {
    const res = await request(app).post('/alexa').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(error);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an empty body with 400', async () => {
    const res = await request(app).post('/alexa').set('content-type', 'application/json').send('');
    expect(res.status).toBe(400);
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ ...alexaEnvelope({ intent: 'GetBalanceIntent' }), padding: 'x'.repeat(300 * 1024) });
    const res = await request(app).post('/alexa').set('content-type', 'application/json').send(huge);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'request body too large' });
    const next = await request(app).post('/alexa').set('content-type', 'application/json').send(balanceBody());
    expect(next.status).toBe(200);
  });

  it('refuses a compressed body with 415 rather than reading it as text', async () => {
    const res = await request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(balanceBody());
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ error: 'bad request' });
  });

  it('keeps serving after a burst of malformed requests', async () => {
    const bad = ['{', 'null', '"text"', '{"request":{"type":"IntentRequest"}}', '\u0000\u0001'];
    for (const body of bad) {
      const res = await request(app).post('/alexa').set('content-type', 'application/json').send(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const res = await request(app).post('/alexa').set('content-type', 'application/json').send(balanceBody());
    expect(res.status).toBe(200);
    expect(res.body.response.outputSpeech.ssml).toContain('Checking ending in');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not found' });
  });
});

describe('ALEXA_SKILL_ID', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp({ env: { ALEXA_SKILL_ID: 'amzn1.ask.skill.saldo' } }));
  });

  it('rejects requests for another skill', async () => {
    const res = await request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify(
          alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john', skillId: 'amzn1.ask.skill.other' }),
        ),
      );
    expect(res.status).toBe(403);
  });

  it('serves its own skill', async () => {
    const res = await request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify(
          alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john', skillId: 'amzn1.ask.skill.saldo' }),
        ),
      );
    expect(res.status).toBe(200);
  });
});

describe('health', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp());
  });

  it('GET /healthz answers ok', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz reports the bank reachable', async () => {
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks['bank:sandbox']).toBe('ok');
  });

  it('GET /readyz reports the store reachable', async () => {
    const res = await request(app).get('/readyz');
    expect(res.body.checks.store).toBe('ok');
  });

  it('GET /readyz answers 503 when the bank is down', async () => {
    const { app: downApp, application } = await testHttpApp();
    application.bank.connector.ping = async () => {
      throw new Error('connection refused');
    };
    const res = await request(downApp).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not ready', checks: { store: 'ok', 'bank:sandbox': 'unreachable' } });
  });
});
