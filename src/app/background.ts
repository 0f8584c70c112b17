/**
 * Work that goes on after an answer was given (settling a lost payment). It is tracked, so
 * that stopping the server — or a test — can wait for it instead of cutting it off, and its
 * failures are logged with a name and a message only.
 */
import type { Logger } from '../shared/logger';

export interface Background {
  run(what: string, work: () => Promise<unknown>): void;
  /** Resolves once nothing is running (including work started while waiting). */
  settled(): Promise<void>;
}

export function backgroundWork(log: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(what, work) {
      const task: Promise<unknown> = work()
        .catch((error: unknown) =>
          log.warn(
            { err: error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) } },
            `background work failed: ${what}`,
          ),
        )
        .finally(() => running.delete(task));
      running.add(task);
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
