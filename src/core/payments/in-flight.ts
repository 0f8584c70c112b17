/**
 * Identical confirmations that arrive together (a retried request, a double tap) share
 * one answer instead of queueing for the PIN lease one by one. Only while the first is
 * running, and only within this process; the store's lease and keys still decide.
 */
import { createHash } from 'node:crypto';

export interface InFlight<T> {
  run(parts: readonly string[], work: () => Promise<T>): Promise<T>;
}

export function inFlight<T>(): InFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(parts, work) {
      // Hashed: the key is made of what the customer said, PIN included.
      const key = createHash('sha256').update(parts.join('\u0000')).digest('base64url');
      const existing = running.get(key);
      if (existing) return existing;
      const promise = work().finally(() => running.delete(key));
      running.set(key, promise);
      return promise;
    },
  };
}

/** Every confirmation runs on its own: the store alone decides (campaigns that race it use this). */
export function noCoalescing<T>(): InFlight<T> {
  return { run: (_parts, work) => work() };
}
