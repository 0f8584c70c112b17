/**
 * A token bucket of CPU time: work earns credit at a share of one core, which may change
 * from one stretch of time to the next, up to `burstMs` of CPU at once after a rest.
 * Spending past the credit leaves a debt that time pays back; the next piece of work starts
 * when the credit is no longer negative.
 */
export interface CpuBudget {
  /**
   * Records `cpuMs` of CPU spent by work that ran from the last `readyAt` to `at` (ms): what
   * it earned meanwhile offsets it, so that work at no more than the share leaves no debt.
   */
  spend(cpuMs: number, at: number): void;
  /** When (ms) the next piece of work may start, `at` or later, at the share of the moment. */
  readyAt(at: number): number;
}

/**
 * `shareSinceLastCall`: the share of one core earned since it was last called (more than 0,
 * at most 1); it is called once per refill, so that each stretch of time earns at its own share.
 */
export function cpuBudget(burstMs: number, shareSinceLastCall: () => number): CpuBudget {
  if (!(burstMs >= 0)) throw new Error('a CPU burst is 0 ms or more');
  let credit = burstMs;
  let share = 0;
  let updatedAt: number | undefined;

  const earnedUntil = (at: number) => {
    share = checkedShare(shareSinceLastCall());
    const earned = updatedAt !== undefined && at > updatedAt ? (at - updatedAt) * share : 0;
    updatedAt = Math.max(at, updatedAt ?? at);
    return earned;
  };

  return {
    spend(cpuMs, at) {
      credit = Math.min(burstMs, credit + earnedUntil(at) - cpuMs);
    },
    readyAt(at) {
      credit = Math.min(burstMs, credit + earnedUntil(at));
      return credit >= 0 ? at : at - credit / share;
    },
  };
}

function checkedShare(share: number): number {
  if (!(share > 0 && share <= 1)) throw new Error('a CPU share is more than 0 and at most 1');
  return share;
}
