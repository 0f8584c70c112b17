/**
 * PIN checks' scrypt in low-priority workers gives exactly the keys scrypt gives, within
 * the workers' CPU budget: checks beyond it wait, and one that cannot start in time is refused.
 */
import { scryptSync } from 'node:crypto';
import { hashPin, verifyPin, type PinHashCost } from '../../src/security/pin-hash';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PinCheckDeferredError,
  pinWorkers,
  shareLeftByTheLoop,
  type PinWorkerOptions,
} from '../../src/security/pin-workers';

const CHEAP: PinHashCost = { log2N: 10, r: 8, p: 1 };

describe('PIN workers', () => {
  const workers = pinWorkers({ size: 2 });
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

describe('PIN workers within their CPU budget', () => {
  const salt = Buffer.from('0123456789abcdef');
  // Tens of milliseconds of a core: enough for the thread's CPU clock, which moves in
  // scheduler ticks, to see it.
  const costly = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 2 ** 20 };
  const opened: Array<ReturnType<typeof pinWorkers>> = [];
  // The share earned is fixed at cpuShare, as though the event loop were always busy.
  const busyLoop = (cpuShare: number) => () => cpuShare;
  const pool = (options: PinWorkerOptions) => {
    const workers = pinWorkers({ size: 1, shareMeter: busyLoop, ...options });
    opened.push(workers);
    return workers;
  };
  afterAll(() => Promise.all(opened.map((workers) => workers.close())));

  it('refuse a check that could not start within its wait, once the budget is spent', async () => {
    // After one check, paying its CPU back at this share takes hours.
    const workers = pool({ cpuShare: 1e-6, burstMs: 0, maxWaitMs: 50 });
    await expect(workers.derive('2468', salt, 32, costly)).resolves.toEqual(scryptSync('2468', salt, 32, costly));
    await expect(workers.derive('2468', salt, 32, costly)).rejects.toBeInstanceOf(PinCheckDeferredError);
  });

  it('run a burst of checks at once, up to the burst, before any waits', async () => {
    // Each check waits for the one before it; without the burst, the second would wait hours.
    const workers = pool({ cpuShare: 1e-6, burstMs: 60_000, maxWaitMs: 10_000 });
    const keys = await Promise.all(['1111', '2222', '3333'].map((pin) => workers.derive(pin, salt, 32, costly)));
    expect(keys).toHaveLength(3);
  });

  it('give every queued check its own key at a small share: none lost or mixed up in the queue', async () => {
    // Tiny checks (a scheduler tick or two, as the thread's clock sees them) at a twentieth
    // of a core: each rest is a fraction of a second, and the wait is long.
    const workers = pool({ cpuShare: 0.05, burstMs: 0, maxWaitMs: 60_000 });
    const cheap = { N: 1024, r: 8, p: 1 };
    const pins = ['1111', '2222', '3333', '4444'];
    const keys = await Promise.all(pins.map((pin) => workers.derive(pin, salt, 32, cheap)));
    expect(keys).toEqual(pins.map((pin) => scryptSync(pin, salt, 32, cheap)));
  }, 30_000);

  it('refuse what is still queued when closed', async () => {
    const workers = pinWorkers({ size: 1, cpuShare: 1e-6, burstMs: 0, maxWaitMs: 60_000, shareMeter: busyLoop });
    await workers.derive('2468', salt, 32, costly);
    const refused = expect(workers.derive('2468', salt, 32, costly)).rejects.toThrow('PIN workers closed');
    await workers.close();
    await refused;
  });
});

describe('the share of a core PIN checks earn', () => {
  it('is a whole core while the event loop waits, and the floor while it is blocked', async () => {
    const share = shareLeftByTheLoop(0.05);
    await sleep(100);
    expect(share()).toBeCloseTo(1, 1);
    const blockedUntil = performance.now() + 100;
    while (performance.now() < blockedUntil);
    expect(share()).toBeCloseTo(0.05, 2);
  });

  it('keeps the last share over a stretch too short to judge (the measuring itself is busy)', async () => {
    const share = shareLeftByTheLoop(0.05);
    await sleep(100);
    expect(share()).toBeCloseTo(1, 1);
    expect(share()).toBeCloseTo(1, 1);
  });
});
