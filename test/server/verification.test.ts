/**
 * Alexa request verification at its edges: timestamps either side of ±150 s or
 * unreadable, certificate URLs that only look like Amazon's (checked before anything is
 * fetched), downloads that hang, the certificate cache, real Amazon chains, long access
 * tokens, and the start-up warning when any skill id would be served.
 */
import { createSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import {
  downloadCertificate,
  MAX_CERTIFICATE_BYTES,
  normaliseCertificateUrl,
  signatureVerifier,
  SKILL_EVENT_TOLERANCE_MS,
  timestampVerifier,
  TIMESTAMP_TOLERANCE_MS,
  validateChain,
  VerificationError,
} from '../../src/server/alexa-verification';
import { MISSING_SKILL_ID } from '../../src/server/alexa-route';
import { alexaEnvelope } from '../support/alexa-requests';
import { testHttpApp } from '../support/http';

const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';
const signingDir = path.join(__dirname, '../fixtures/alexa-signing');
const fixture = (name: string) => readFileSync(path.join(signingDir, name), 'utf8');
const trustedCert = fixture('trusted-cert.pem');
const trustedKey = fixture('trusted-key.pem');
const testRoot = fixture('test-root-ca.pem');

const sign = (body: string) => createSign('RSA-SHA256').update(body).sign(trustedKey, 'base64');

function envelopeAt(timestamp: string, type?: string): string {
  const envelope = alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john', timestamp });
  if (type) (envelope.request as Record<string, unknown>).type = type;
  return JSON.stringify(envelope);
}

describe('timestamps', () => {
  const NOW = Date.parse('2026-11-29T15:00:00Z');
  const verifier = timestampVerifier({ now: () => NOW });
  const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

  it.each([
    ['now', 0],
    ['149 s ago', -149_000],
    ['149 s ahead', 149_000],
    ['exactly 150 s ago', -TIMESTAMP_TOLERANCE_MS],
  ])('accepts a request sent %s', async (_when, offset) => {
    await expect(verifier.verify(envelopeAt(at(offset)), {})).resolves.toBeUndefined();
  });

  it.each([
    ['151 s ago', -151_000],
    ['151 s in the future', 151_000],
    ['a day in the future', 86_400_000],
    ['a year ago', -365 * 86_400_000],
  ])('refuses a request sent %s', async (_when, offset) => {
    await expect(verifier.verify(envelopeAt(at(offset)), {})).rejects.toThrow(VerificationError);
  });

  it.each([
    ['not a date', 'not-a-date'],
    ['a date without a time', '2026-11-29'],
    ['a time without a zone', '2026-11-29T15:00:00'],
    ['a month that does not exist', '2026-13-29T15:00:00Z'],
    ['a number', 1796050800000],
    ['nothing', undefined],
  ])('refuses a timestamp that is %s', async (_what, timestamp) => {
    const body = JSON.parse(envelopeAt(at(0))) as { request: Record<string, unknown> };
    body.request.timestamp = timestamp;
    await expect(verifier.verify(JSON.stringify(body), {})).rejects.toThrow(VerificationError);
  });

  it('lets a skill event be up to an hour old, but not in the future', async () => {
    const event = 'AlexaSkillEvent.SkillDisabled';
    await expect(verifier.verify(envelopeAt(at(-30 * 60_000), event), {})).resolves.toBeUndefined();
    await expect(verifier.verify(envelopeAt(at(-SKILL_EVENT_TOLERANCE_MS - 1000), event), {})).rejects.toThrow();
    await expect(verifier.verify(envelopeAt(at(151_000), event), {})).rejects.toThrow();
  });
});

describe('certificate URLs', () => {
  it.each([
    ['https://s3.amazonaws.com/echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ['https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ['HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
  ])('normalises %s', (raw, normal) => {
    expect(normaliseCertificateUrl(raw)).toBe(normal);
  });

  it.each([
    'https://s3.amazonaws.com/echo.api/../evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com/echo.api/./echo-api-cert.pem',
    'https://s3.amazonaws.com/echo.api/%2e%2e/evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/.%2E/evil/cert.pem',
    'https://s3.amazonaws.com/echo.api%2f..%2fevil/cert.pem',
    'https://s3.amazonaws.com/echo.api\\..\\evil\\cert.pem',
    'https://s3.amazonaws.com/echo.api/\t../evil/cert.pem',
    'http://s3.amazonaws.com/echo.api/echo-api-cert.pem',
    'https://notamazon.com/echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem',
    'https://user:pass@s3.amazonaws.com/echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem',
    'https://s3.amazonaws.com/invalid.path/echo-api-cert.pem',
    'https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com/echo.api/echo-api-cert.pem?x=1',
    'https://s3.amazonaws.com/echo.api/echo-api-cert.pem#x',
    'not a url',
  ])('refuses %s', (raw) => {
    expect(() => normaliseCertificateUrl(raw)).toThrow(VerificationError);
  });
});

describe('signature verification over HTTP', () => {
  let app: HttpApp;
  let downloads: string[];
  let download: (url: string) => Promise<string>;

  beforeAll(async () => {
    const signature = signatureVerifier({
      download: (url) => {
        downloads.push(url);
        return download(url);
      },
      trustedRoots: [testRoot],
      downloadTimeoutMs: 200,
      cacheSize: 2,
    });
    ({ app } = await testHttpApp({ verifiers: [signature, timestampVerifier()] }));
  });
  beforeEach(() => {
    downloads = [];
    download = async () => trustedCert;
  });

  function post(certUrl: string, body = envelopeAt(new Date().toISOString())) {
    return request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .set('SignatureCertChainUrl', certUrl)
      .set('Signature-256', sign(body))
      .send(body);
  }

  it('never fetches a certificate URL with dot segments', async () => {
    const res = await post('https://s3.amazonaws.com/echo.api/../evil/cert.pem');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'request verification failed' });
    expect(downloads).toEqual([]);
  });

  it('refuses a correctly signed request dated in the future', async () => {
    const res = await post(CERT_URL, envelopeAt(new Date(Date.now() + 10 * 60_000).toISOString()));
    expect(res.status).toBe(400);
  });

  it('refuses a correctly signed request whose timestamp is not a date', async () => {
    expect((await post(CERT_URL, envelopeAt('not-a-date'))).status).toBe(400);
  });

  it('refuses, and keeps serving, when the certificate download hangs', async () => {
    download = () => new Promise<string>(() => undefined);
    const url = 'https://s3.amazonaws.com/echo.api/hangs.pem';
    expect((await post(url)).status).toBe(400);
    download = async () => trustedCert;
    // A failed download is not cached: the next request for the URL tries again.
    expect((await post(url)).status).toBe(200);
    expect(downloads).toEqual([url, url]);
  });

  it('downloads each certificate URL once, and keeps only the most recently used few', async () => {
    const url = (n: number) => `https://s3.amazonaws.com/echo.api/cert-${n}.pem`;
    for (const n of [1, 1, 2, 1, 3, 1, 2]) expect((await post(url(n))).status).toBe(200);
    // cache of 2: 1, 2 fetched; 3 evicts 2 (1 was used more recently); 2 comes back.
    expect(downloads).toEqual([url(1), url(2), url(3), url(2)]);
  });

  it('caches by the normalised URL', async () => {
    await post('https://s3.amazonaws.com/echo.api/same.pem');
    await post('https://S3.amazonaws.com:443/echo.api/same.pem');
    expect(downloads).toEqual(['https://s3.amazonaws.com/echo.api/same.pem']);
  });

  it('refuses a certificate issued to another name', async () => {
    download = async () => fixture('wrong-name-cert.pem');
    expect((await post('https://s3.amazonaws.com/echo.api/wrong-name.pem')).status).toBe(400);
  });

  it('accepts an access token of 8 KiB (banks issue long JWTs) and refuses a longer one', async () => {
    const withToken = (token: string) =>
      JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent', token, timestamp: new Date().toISOString() }));
    const long = `eyJ${'a'.repeat(8 * 1024 - 3)}`;
    const accepted = await post(CERT_URL, withToken(long));
    expect(accepted.status).toBe(200);
    expect(accepted.body.response.card?.type).toBe('LinkAccount');
    const refused = await post(CERT_URL, withToken(`${long}a`));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('not an Alexa request envelope');
  });
});

describe("Amazon's own certificate chain", () => {
  // A real echo-api.amazon.com chain (2019-05-22 to 2020-05-15), from the ask-sdk repository.
  const amazonChain = fixture('amazon-echo-api-cert-2019.pem');
  const roots = rootCertificates.map((pem) => new X509Certificate(pem));

  it('validates against the bundled roots while it was current', () => {
    const leaf = validateChain(amazonChain, roots, Date.parse('2019-12-01T00:00:00Z'));
    expect(leaf.subjectAltName).toBe('DNS:echo-api.amazon.com');
  });

  it('refuses a chain no bundled root vouches for (the test certificate)', () => {
    expect(() => validateChain(trustedCert, roots, Date.now())).toThrow(/trusted root/);
    expect(validateChain(trustedCert, [new X509Certificate(testRoot)], Date.now()).subject).toContain('echo-api');
  });

  it('is refused once expired, and without its intermediate', () => {
    expect(() => validateChain(amazonChain, roots, Date.now())).toThrow(/expired/);
    const leafOnly = amazonChain.slice(0, amazonChain.indexOf('-----END CERTIFICATE-----') + 25);
    expect(() => validateChain(leafOnly, roots, Date.parse('2019-12-01T00:00:00Z'))).toThrow(/trusted root/);
  });
});

describe('the start-up warning', () => {
  it('warns when verification is on and no bank claims an Alexa skill id', async () => {
    const { saldo } = await testHttpApp({ verifiers: [timestampVerifier()] });
    expect(saldo.logs.text()).toContain(MISSING_SKILL_ID);
  });

  it('stays quiet with ALEXA_SKILL_ID set, or with verification off', async () => {
    const configured = await testHttpApp({
      env: { ALEXA_SKILL_ID: 'amzn1.ask.skill.x' },
      verifiers: [timestampVerifier()],
    });
    expect(configured.saldo.logs.text()).not.toContain(MISSING_SKILL_ID);
    const local = await testHttpApp();
    expect(local.saldo.logs.text()).not.toContain(MISSING_SKILL_ID);
  });
});

describe('certificate downloads', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/cert.pem') res.end(trustedCert);
      else if (req.url === '/huge.pem') res.end('x'.repeat(MAX_CERTIFICATE_BYTES + 1));
      else if (req.url === '/moved.pem') res.writeHead(302, { location: '/cert.pem' }).end();
      else if (req.url === '/slow.pem') setTimeout(() => res.end(trustedCert), 5000).unref();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('returns a certificate chain', async () => {
    expect(await downloadCertificate(`${base}/cert.pem`)).toBe(trustedCert);
  });

  it.each([
    ['larger than 64 KiB', '/huge.pem'],
    ['redirected elsewhere', '/moved.pem'],
    ['not found', '/missing.pem'],
  ])('refuses a download %s', async (_what, file) => {
    await expect(downloadCertificate(`${base}${file}`)).rejects.toThrow();
  });

  it('gives up on a server that does not answer in time', async () => {
    await expect(downloadCertificate(`${base}/slow.pem`, 100)).rejects.toThrow();
  });
});
