/**
 * Voice PINs as salted scrypt hashes. Hashing runs off the event loop (libuv's thread
 * pool, or the PIN workers for checks); comparison is constant-time.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** scrypt's parameters: N = 2^log2N, block size r, parallelism p. */
export interface PinHashCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/** N = 2^15, r = 8: about 32 MiB and tens of milliseconds per check. */
const DEFAULT_COST: PinHashCost = { log2N: 15, r: 8, p: 1 };

export const PIN_PATTERN = /^\d{4}$/;

/** Derives a key with scrypt somewhere off the event loop. */
export type DeriveKey = (pin: string, salt: Buffer, keyLength: number, options: ScryptOptions) => Promise<Buffer>;

/** On libuv's thread pool. */
const scrypt: DeriveKey = (pin, salt, keyLength, options) =>
  new Promise((resolve, reject) => {
    scryptCallback(pin, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

function optionsFor(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

/** `scrypt$<log2N>$<r>$<p>$<salt>$<hash>`, base64url. */
export async function hashPin(pin: string, cost = DEFAULT_COST): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new Error('a voice PIN is four digits');
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(pin, salt, KEY_LENGTH, optionsFor(cost.log2N, cost.r, cost.p));
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** `derive`: where scrypt runs (default libuv's thread pool; checks use low-priority workers, see pin-workers). */
export async function verifyPin(pin: string, encoded: string, derive: DeriveKey = scrypt): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) throw new Error('unknown PIN hash format');
  const expected = Buffer.from(hash, 'base64url');
  // Hash even a malformed PIN so every answer costs the same.
  const actual = await derive(
    PIN_PATTERN.test(pin) ? pin : '',
    Buffer.from(salt, 'base64url'),
    KEY_LENGTH,
    optionsFor(Number(log2N), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected) && PIN_PATTERN.test(pin);
}
