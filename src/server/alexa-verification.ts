/**
 * Alexa's request verification, as Amazon's "host a custom skill as a web service" page
 * asks: the signing-certificate URL is normalised and checked before anything is fetched,
 * the certificate chain is downloaded once per URL (with a timeout and a size bound) and
 * validated against the platform's trusted roots, the body's SHA-256 signature is checked
 * with it, and the request's timestamp must be within 150 seconds of now, either way.
 */
import { createVerify, X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { rootCertificates } from 'node:tls';

export interface RequestVerifier {
  verify(body: string, headers: IncomingHttpHeaders): Promise<unknown>;
}

/** A refusal; its message says why, for the log (never for the caller). */
export class VerificationError extends Error {
  override name = 'VerificationError';
}

/** A request's timestamp may be this far from now, earlier or later. */
export const TIMESTAMP_TOLERANCE_MS = 150_000;
/** Skill events (AlexaSkillEvent.*) may be delivered up to an hour late, as Amazon documents. */
export const SKILL_EVENT_TOLERANCE_MS = 3_600_000;
const CERTIFICATE_DOWNLOAD_TIMEOUT_MS = 3000;
/** Amazon's chain is about 6 KB; anything much larger is not it. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
/** Distinct certificate URLs kept; Alexa uses one at a time, so a handful is plenty. */
const CERTIFICATE_CACHE_SIZE = 16;

const CERTIFICATE_HOST = 's3.amazonaws.com';
const CERTIFICATE_PATH_PREFIX = '/echo.api/';
const SIGNING_NAME = 'echo-api.amazon.com';

/** At most this much of anything the caller sent goes into a log line. */
function quote(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}

/**
 * The certificate URL in its one normal form, or a refusal: https, host s3.amazonaws.com
 * (any case), port 443 if any, a path under /echo.api/ (case-sensitive). Dot segments,
 * encoded or not, are refused outright rather than resolved: Alexa never sends them, and
 * resolving them is how `…/echo.api/../evil/cert.pem` got past a prefix check.
 */
export function normaliseCertificateUrl(raw: string): string {
  // Printable ASCII only: the URL parser would otherwise drop tabs and newlines silently.
  if (!/^[\x21-\x7e]+$/.test(raw) || /\\|%2e|%2f|%5c/i.test(raw) || /\/\.{1,2}(\/|$|[?#])/.test(raw)) {
    throw new VerificationError(
      `certificate URL has dot segments, encoded separators or odd characters: ${quote(raw)}`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VerificationError(`certificate URL is not a URL: ${quote(raw)}`);
  }
  if (url.protocol !== 'https:') throw new VerificationError(`certificate URL is not https: ${quote(raw)}`);
  if (url.hostname !== CERTIFICATE_HOST) throw new VerificationError(`certificate URL host: ${quote(raw)}`);
  if (url.port !== '') throw new VerificationError(`certificate URL port: ${quote(raw)}`);
  if (url.username || url.password || url.search || url.hash) {
    throw new VerificationError(`certificate URL has credentials, a query or a fragment: ${quote(raw)}`);
  }
  if (!url.pathname.startsWith(CERTIFICATE_PATH_PREFIX)) {
    throw new VerificationError(`certificate URL path: ${quote(raw)}`);
  }
  return url.href;
}

type CertificateDownload = (url: string) => Promise<string>;

/** GET without redirects, within the timeout, refusing bodies larger than a certificate chain. */
export async function downloadCertificate(url: string, timeoutMs = CERTIFICATE_DOWNLOAD_TIMEOUT_MS): Promise<string> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new VerificationError(`certificate download answered ${response.status}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_CERTIFICATE_BYTES) throw new VerificationError('certificate download too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves with the download, or refuses after `ms` however the download behaves. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VerificationError(`certificate download took over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function isValidAt(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}

/**
 * The chain as Amazon serves it (leaf first), checked at `now`: every certificate in date,
 * the leaf named echo-api.amazon.com, each one signed by the next (a CA), up to one that a
 * trusted root signed. Returns the leaf.
 */
export function validateChain(pem: string, roots: readonly X509Certificate[], now: number): X509Certificate {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  let chain: X509Certificate[];
  try {
    chain = blocks.map((block) => new X509Certificate(block));
  } catch {
    throw new VerificationError('certificate chain does not parse');
  }
  const leaf = chain[0];
  if (!leaf) throw new VerificationError('no certificate in the download');
  const names = (leaf.subjectAltName ?? '').split(',').map((name) => name.trim());
  if (!names.includes(`DNS:${SIGNING_NAME}`)) throw new VerificationError(`certificate is not for ${SIGNING_NAME}`);
  for (const [index, certificate] of chain.entries()) {
    if (!isValidAt(certificate, now)) throw new VerificationError('certificate expired or not yet valid');
    const trustedIssuer = roots.find(
      (root) => root.subject === certificate.issuer && isValidAt(root, now) && certificate.verify(root.publicKey),
    );
    if (trustedIssuer) return leaf;
    const issuer = chain[index + 1];
    if (!issuer || !issuer.ca || !certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) {
      throw new VerificationError('certificate chain does not lead to a trusted root');
    }
  }
  throw new VerificationError('certificate chain does not lead to a trusted root');
}

export interface SignatureVerifierOptions {
  readonly download?: CertificateDownload;
  /** PEM roots to trust; Node's bundled Mozilla roots by default. */
  readonly trustedRoots?: readonly string[];
  readonly now?: () => number;
  readonly cacheSize?: number;
  readonly downloadTimeoutMs?: number;
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (typeof value !== 'string' || value.length === 0) throw new VerificationError(`missing ${name} header`);
  return value;
}

/**
 * Checks `Signature-256` over the raw body with the certificate at `SignatureCertChainUrl`.
 * Validated chains are kept by normalised URL (least recently used out first) and checked
 * for expiry again on every use; concurrent first uses of a URL share one download.
 */
export function signatureVerifier(options: SignatureVerifierOptions = {}): RequestVerifier {
  const timeoutMs = options.downloadTimeoutMs ?? CERTIFICATE_DOWNLOAD_TIMEOUT_MS;
  const download = options.download ?? ((url: string) => downloadCertificate(url, timeoutMs));
  const roots = (options.trustedRoots ?? rootCertificates).map((pem) => new X509Certificate(pem));
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? CERTIFICATE_CACHE_SIZE;
  const cache = new Map<string, Promise<X509Certificate>>();

  const leafFor = (url: string): Promise<X509Certificate> => {
    const cached = cache.get(url);
    if (cached) {
      cache.delete(url);
      cache.set(url, cached);
      return cached;
    }
    const loading = within(timeoutMs, download(url)).then((pem) => validateChain(pem, roots, now()));
    cache.set(url, loading);
    loading.catch(() => cache.delete(url));
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return loading;
  };

  return {
    async verify(body, headers) {
      const url = normaliseCertificateUrl(singleHeader(headers, 'signaturecertchainurl'));
      const signature = singleHeader(headers, 'signature-256');
      const leaf = await leafFor(url);
      if (!isValidAt(leaf, now())) {
        cache.delete(url);
        throw new VerificationError('certificate expired');
      }
      const valid = createVerify('RSA-SHA256').update(body, 'utf8').verify(leaf.publicKey, signature, 'base64');
      if (!valid) throw new VerificationError('signature does not match the body');
    },
  };
}

/** ISO 8601 with a time zone, as Alexa writes it ("2026-11-29T15:00:00Z", optional fraction). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The request's timestamp within ±150 s of now; skill events may be up to an hour old
 * (never in the future). A missing or unparseable timestamp is refused.
 */
export function timestampVerifier(options: { readonly now?: () => number } = {}): RequestVerifier {
  const now = options.now ?? Date.now;
  return {
    async verify(body) {
      let request: { type?: unknown; timestamp?: unknown } | undefined;
      try {
        request = (JSON.parse(body) as { request?: typeof request } | null)?.request;
      } catch {
        throw new VerificationError('body is not JSON');
      }
      const timestamp = request?.timestamp;
      if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) {
        throw new VerificationError('timestamp missing or not ISO 8601');
      }
      const sent = Date.parse(timestamp);
      if (Number.isNaN(sent)) throw new VerificationError('timestamp is not a date');
      const age = now() - sent;
      const event = typeof request?.type === 'string' && request.type.startsWith('AlexaSkillEvent.');
      const oldest = event ? SKILL_EVENT_TOLERANCE_MS : TIMESTAMP_TOLERANCE_MS;
      if (age > oldest) throw new VerificationError(`timestamp ${Math.round(age / 1000)} s old`);
      if (-age > TIMESTAMP_TOLERANCE_MS) throw new VerificationError(`timestamp ${Math.round(-age / 1000)} s ahead`);
    },
  };
}
