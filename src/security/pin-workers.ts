/**
 * scrypt for PIN checks in worker threads of low CPU priority. A check is ~100 ms of a
 * core: at full priority, a few checks at once take the cores the requests being answered
 * meanwhile need. Here they run on at most all cores but one, and on Linux at a lower
 * priority (nice 10, per thread), so answers come first and checks take what is left,
 * about a tenth of a contended core when there is no idle one.
 */
import type { ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DeriveKey } from './pin-hash';

/** The workers' nice value: below the event loop's (0), above "only when idle" (19). */
const WORKER_NICE = 10;

/** Plain JavaScript, so that the worker needs no build step (tests run the TypeScript). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
if (process.platform === 'linux') {
  // On Linux the nice value is per thread: this lowers this worker's, not the process's.
  try { require('node:os').setPriority(0, ${WORKER_NICE}); } catch {}
}
parentPort.on('message', ({ id, pin, salt, keyLength, options }) => {
  try {
    const key = scryptSync(pin, salt, keyLength, options);
    parentPort.postMessage({ id, key });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

interface Pending {
  readonly resolve: (key: Buffer) => void;
  readonly reject: (error: Error) => void;
}

interface PinWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

export interface PinWorkers {
  readonly derive: DeriveKey;
  close(): Promise<void>;
}

export function pinWorkers(size = Math.max(1, availableParallelism() - 1)): PinWorkers {
  const workers: Array<PinWorker | undefined> = Array.from({ length: size }, () => undefined);
  let nextId = 0;

  function start(slot: number): PinWorker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const started: PinWorker = { worker, pending: new Map() };
    // Idle workers never keep the process alive.
    worker.unref();
    worker.on('message', ({ id, key, error }: { id: number; key?: Uint8Array; error?: string }) => {
      const waiting = started.pending.get(id);
      started.pending.delete(id);
      if (started.pending.size === 0) worker.unref();
      if (key) waiting?.resolve(Buffer.from(key));
      else waiting?.reject(new Error(error ?? 'scrypt failed'));
    });
    const fail = (error: Error) => {
      workers[slot] = undefined;
      for (const waiting of started.pending.values()) waiting.reject(error);
      started.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PIN worker exited with ${code}`)));
    workers[slot] = started;
    return started;
  }

  /** The worker with the fewest checks queued. */
  function leastBusy(): PinWorker {
    let best = 0;
    for (let slot = 0; slot < size; slot++) {
      const candidate = workers[slot];
      if (!candidate) return start(slot);
      if (candidate.pending.size < (workers[best] as PinWorker).pending.size) best = slot;
    }
    return workers[best] as PinWorker;
  }

  return {
    derive(pin: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
      const target = leastBusy();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.worker.ref();
        target.worker.postMessage({ id, pin, salt, keyLength, options });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w?.worker.terminate()));
    },
  };
}
