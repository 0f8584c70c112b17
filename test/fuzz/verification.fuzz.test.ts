/**
 * POST /alexa with verification on, fuzzed: certificate URLs that almost look like
 * Amazon's, signatures and timestamps of every kind. Only a request signed with the
 * trusted key, dated within ±150 s, is answered; nothing else is, and no certificate is
 * ever fetched from anywhere but a normal /echo.api/ URL on s3.amazonaws.com.
 */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { signatureVerifier, timestampVerifier } from '../../src/server/alexa-verification';
import { alexaEnvelope } from '../support/alexa-requests';
import { testHttpApp } from '../support/http';
import { expectNothingInternalOrSecret, forbiddenSecrets, fuzz, FUZZ_TIMEOUT_MS, hostileText, sender } from './support';

const signingDir = path.join(__dirname, '../fixtures/alexa-signing');
const trustedCert = readFileSync(path.join(signingDir, 'trusted-cert.pem'), 'utf8');
const trustedKey = readFileSync(path.join(signingDir, 'trusted-key.pem'), 'utf8');
const forgerKey = readFileSync(path.join(signingDir, 'forger-key.pem'), 'utf8');
const testRoot = readFileSync(path.join(signingDir, 'test-root-ca.pem'), 'utf8');

const sign = (body: string, key: string) => createSign('RSA-SHA256').update(body).sign(key, 'base64');

/** Amazon's certificate URL, bent every way an attacker might. */
const certificateUrl = fc.oneof(
  fc.constant('https://s3.amazonaws.com/echo.api/echo-api-cert.pem'),
  fc
    .tuple(
      fc.constantFrom('https', 'HTTPS', 'http', 'ftp', 'file', 'https:'),
      fc.constantFrom(
        's3.amazonaws.com',
        'S3.AmazonAWS.com',
        's3.amazonaws.com.evil.example',
        'evil.example',
        'user@s3.amazonaws.com',
        '127.0.0.1',
      ),
      fc.constantFrom('', ':443', ':8443', ':0'),
      fc.constantFrom(
        '/echo.api/',
        '/echo.api/../',
        '/ECHO.API/',
        '/echo.api/%2e%2e/',
        '/echo.api\\..\\',
        '/',
        '/echo.api/./',
        '//echo.api/',
      ),
      fc.constantFrom('echo-api-cert.pem', 'evil/cert.pem', '', 'cert.pem?x=1', 'cert.pem#x', '%00.pem'),
    )
    .map(([scheme, host, port, dir, file]) => `${scheme}://${host}${port}${dir}${file}`),
  hostileText,
);

describe('POST /alexa with verification on, fuzzed', () => {
  jest.setTimeout(FUZZ_TIMEOUT_MS);
  const downloaded: string[] = [];
  let send: ReturnType<typeof sender>;

  beforeAll(async () => {
    const signature = signatureVerifier({
      download: async (url) => {
        downloaded.push(url);
        return trustedCert;
      },
      trustedRoots: [testRoot],
    });
    const http = await testHttpApp({
      verifiers: [signature, timestampVerifier()],
      overrides: { log: pino({ level: 'silent' }) },
    });
    send = sender(http.app);
  });

  it('answers only what the trusted key signed within ±150 s, and fetches only normal Amazon URLs (1,000 requests)', async () => {
    const request = fc.record({
      url: certificateUrl,
      key: fc.constantFrom(trustedKey, forgerKey, 'none'),
      // Clear of the ±150 s edge, where a test's own seconds could tip the answer (the edge has its own tests).
      ageSeconds: fc
        .oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(0))
        .filter((s) => Math.abs(Math.abs(s) - 150) > 10),
      timestamp: fc.option(hostileText, { nil: undefined, freq: 4 }),
      tamper: fc.boolean(),
      signature: fc.option(hostileText, { nil: undefined, freq: 6 }),
    });
    await fuzz(
      request,
      async (r) => {
        const timestamp = r.timestamp ?? new Date(Date.now() - r.ageSeconds * 1000).toISOString();
        const body = JSON.stringify(
          alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john', timestamp }),
        );
        const signed = r.key === 'none' ? undefined : sign(body, r.key);
        const headers: Record<string, string> = { signaturecertchainurl: r.url.replace(/[\r\n\0]/g, '') };
        const signature = r.signature ?? signed;
        if (signature !== undefined) headers['signature-256'] = signature.replace(/[\r\n\0]/g, '');
        const sent = r.tamper ? body.replace('GetBalanceIntent', 'AMAZON.HelpIntent') : body;
        let answer;
        try {
          answer = await send('POST', '/alexa', sent, headers);
        } catch {
          return; // a header value the HTTP layer itself refuses never reaches Saldo
        }
        expectNothingInternalOrSecret(answer, forbiddenSecrets(sent, 'sandbox-token-john'));
        const genuine =
          r.url === 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem' &&
          r.key === trustedKey &&
          r.signature === undefined &&
          !r.tamper &&
          r.timestamp === undefined &&
          Math.abs(r.ageSeconds) < 150;
        if (genuine !== (answer.status === 200)) {
          throw new Error(`${genuine ? 'refused a genuine' : 'answered a forged'} request: ${answer.status}`);
        }
        for (const url of downloaded) {
          if (!/^https:\/\/s3\.amazonaws\.com\/echo\.api\/[A-Za-z0-9._~%-/]*$/.test(url) || /\/\.\.?\//.test(url)) {
            throw new Error(`fetched ${url}`);
          }
        }
      },
      1000,
    );
    // Every URL is fetched once at most: the cache holds the validated chain.
    expect(new Set(downloaded).size).toBe(downloaded.length);
  });
});
