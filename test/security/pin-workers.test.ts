/** PIN checks' scrypt in low-priority workers gives exactly the keys scrypt gives. */
import { scryptSync } from 'node:crypto';
import { hashPin, verifyPin, type PinHashCost } from '../../src/security/pin-hash';
import { pinWorkers } from '../../src/security/pin-workers';

const CHEAP: PinHashCost = { log2N: 10, r: 8, p: 1 };

describe('PIN workers', () => {
  const workers = pinWorkers(2);
  afterAll(() => workers.close());

  it('derive the same key as scrypt on the event loop would', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const options = { N: 1024, r: 8, p: 1 };
    const keys = await Promise.all(['2468', '1357', '0000'].map((pin) => workers.derive(pin, salt, 32, options)));
    expect(keys).toEqual(['2468', '1357', '0000'].map((pin) => scryptSync(pin, salt, 32, options)));
  });

  it('check PINs: the right one passes, a wrong one does not', async () => {
    const hash = await hashPin('2468', CHEAP);
    await expect(verifyPin('2468', hash, workers.derive)).resolves.toBe(true);
    await expect(verifyPin('2469', hash, workers.derive)).resolves.toBe(false);
  });

  it('reject a check scrypt refuses, and keep working', async () => {
    const salt = Buffer.from('salt');
    await expect(workers.derive('2468', salt, 32, { N: 3, r: 8, p: 1 })).rejects.toThrow();
    await expect(workers.derive('2468', salt, 32, { N: 1024, r: 8, p: 1 })).resolves.toHaveLength(32);
  });
});
