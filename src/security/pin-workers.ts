/**
 * scrypt for PIN checks in worker threads, within a CPU budget. A check is 100–200 ms of a
 * core, as much as a thousand balance answers, and its 32 MiB sweep competes for the caches
 * and memory the answers use: nice 10 alone (below) left a busy skill 30 % slower with checks
 * in flight.
 * So checks run one at a time per worker, on at most all cores but one, and each worker
 * earns CPU time at a share of one core that follows the event loop: all of a core while the
 * loop is mostly idle, only `cpuShare` while it is busy answering. Under load, checks queue
 * rather than the skill slowing for everyone. A check that could not start within
 * `maxWaitMs` is refused (PinCheckDeferredError) and never hashed, so that it is neither
 * counted as an attempt nor decided after the customer stopped waiting.
 */
import type { ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { cpuBudget, type CpuBudget } from './cpu-budget';
import type { DeriveKey } from './pin-hash';

/** The workers' nice value: below the event loop's (0), above "only when idle" (19). */
const WORKER_NICE = 10;

export interface PinWorkerOptions {
  /** Worker threads; default all cores but one. */
  readonly size?: number;
  /** The share of one core each worker earns while the event loop is busy answering. */
  readonly cpuShare?: number;
  /** CPU milliseconds a rested worker may spend at once (the default: about one check). */
  readonly burstMs?: number;
  /** A check not started by then is refused: half the turn's deadline, leaving time to pay. */
  readonly maxWaitMs?: number;
  /** A meter of the share each worker earns (tests fix it); default shareLeftByTheLoop. */
  readonly shareMeter?: (cpuShare: number) => () => number;
}

const DEFAULT_CPU_SHARE = 0.08;
const DEFAULT_BURST_MS = 200;
const DEFAULT_MAX_WAIT_MS = 3000;
/** A resting worker looks again this often, so that a loop gone quiet is noticed soon. */
const RECHECK_MS = 250;
/** Event loop utilisation at or below which checks earn a whole core, and at or above which `cpuShare`. */
const LOOP_QUIET = 0.2;
const LOOP_BUSY = 0.5;
/** The loop is judged over stretches at least this long: a shorter one is mostly the JavaScript measuring it. */
const MIN_STRETCH_MS = 50;

/**
 * The share of one core earned since the last call: a whole core while the event loop was
 * mostly idle, `cpuShare` while it was busy, in between in proportion; over a stretch too
 * short to judge, the share of the last one judged.
 */
export function shareLeftByTheLoop(cpuShare: number): () => number {
  let since = performance.eventLoopUtilization();
  let share = cpuShare;
  return () => {
    const now = performance.eventLoopUtilization();
    const stretch = performance.eventLoopUtilization(now, since);
    if (stretch.idle + stretch.active < MIN_STRETCH_MS) return share;
    since = now;
    const quiet = Math.min(1, Math.max(0, (LOOP_BUSY - stretch.utilization) / (LOOP_BUSY - LOOP_QUIET)));
    share = cpuShare + (1 - cpuShare) * quiet;
    return share;
  };
}

export class PinCheckDeferredError extends Error {
  constructor() {
    super('no PIN check could start in time: the PIN workers are at their CPU budget');
    this.name = 'PinCheckDeferredError';
  }
}

/**
 * Plain JavaScript, so that the worker needs no build step (tests run the TypeScript). It
 * reports the CPU time a check took: the thread's own on Linux (a clock that moves in
 * scheduler ticks: right over many checks, coarse for one short one), else the time it lasted.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
if (process.platform === 'linux') {
  // On Linux the nice value is per thread: this lowers this worker's, not the process's.
  try { require('node:os').setPriority(0, ${WORKER_NICE}); } catch {}
}
const threadCpuMs = () => {
  try { return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6; } catch { return NaN; }
};
parentPort.on('message', ({ pin, salt, keyLength, options }) => {
  const cpuBefore = threadCpuMs();
  const began = performance.now();
  let reply;
  try {
    reply = { key: scryptSync(pin, salt, keyLength, options) };
  } catch (error) {
    reply = { error: String(error && error.message) };
  }
  const cpuMs = threadCpuMs() - cpuBefore;
  parentPort.postMessage({ ...reply, cpuMs: cpuMs >= 0 ? cpuMs : performance.now() - began });
});
`;

interface Check {
  readonly message: { pin: string; salt: Buffer; keyLength: number; options: ScryptOptions };
  readonly resolve: (key: Buffer) => void;
  readonly reject: (error: Error) => void;
}

interface Queued extends Check {
  readonly expiry: NodeJS.Timeout;
}

interface Slot {
  worker?: Worker;
  running?: Check;
  /** Set while the worker rests to pay back its budget, with checks waiting. */
  wake?: NodeJS.Timeout;
  readonly budget: CpuBudget;
}

export interface PinWorkers {
  readonly derive: DeriveKey;
  close(): Promise<void>;
}

export function pinWorkers({
  size = Math.max(1, availableParallelism() - 1),
  cpuShare = DEFAULT_CPU_SHARE,
  burstMs = DEFAULT_BURST_MS,
  maxWaitMs = DEFAULT_MAX_WAIT_MS,
  shareMeter = shareLeftByTheLoop,
}: PinWorkerOptions = {}): PinWorkers {
  const slots: Slot[] = Array.from({ length: size }, () => ({ budget: cpuBudget(burstMs, shareMeter(cpuShare)) }));
  const queue: Queued[] = [];

  function start(slot: Slot): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // An idle worker never keeps the process alive.
    worker.unref();
    worker.on('message', ({ key, error, cpuMs }: { key?: Uint8Array; error?: string; cpuMs: number }) => {
      const check = slot.running;
      slot.running = undefined;
      worker.unref();
      slot.budget.spend(cpuMs, performance.now());
      if (key) check?.resolve(Buffer.from(key));
      else check?.reject(new Error(error ?? 'scrypt failed'));
      dispatch();
    });
    const fail = (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      slot.running?.reject(error);
      slot.running = undefined;
      dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PIN worker exited with ${code}`)));
    return worker;
  }

  /** Hands waiting checks, oldest first, to workers that are free and within their budget. */
  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot.running || slot.wake) continue;
      const now = performance.now();
      const readyAt = slot.budget.readyAt(now);
      if (readyAt > now) {
        slot.wake = setTimeout(
          () => {
            slot.wake = undefined;
            dispatch();
          },
          Math.min(readyAt - now, RECHECK_MS),
        );
        continue;
      }
      const { expiry, ...check } = queue.shift() as Queued;
      clearTimeout(expiry);
      const worker = (slot.worker ??= start(slot));
      slot.running = check;
      worker.ref();
      worker.postMessage(check.message);
    }
  }

  return {
    derive(pin, salt, keyLength, options) {
      return new Promise((resolve, reject) => {
        const queued: Queued = {
          message: { pin, salt, keyLength, options },
          resolve,
          reject,
          expiry: setTimeout(() => {
            const at = queue.indexOf(queued);
            if (at < 0) return;
            queue.splice(at, 1);
            reject(new PinCheckDeferredError());
          }, maxWaitMs),
        };
        queue.push(queued);
        dispatch();
      });
    },
    async close() {
      for (const { expiry, reject } of queue.splice(0)) {
        clearTimeout(expiry);
        reject(new Error('PIN workers closed'));
      }
      for (const slot of slots) clearTimeout(slot.wake);
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
