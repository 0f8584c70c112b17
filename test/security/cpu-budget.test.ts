/** The CPU budget PIN checks run within: a share of one core over time, after a burst. */
import fc from 'fast-check';
import { cpuBudget } from '../../src/security/cpu-budget';

const steady = (share: number) => () => share;

describe('CPU budget', () => {
  it('lets a burst run at once, then makes the work wait until the debt is paid back', () => {
    const budget = cpuBudget(300, steady(0.1));
    expect(budget.readyAt(1000)).toBe(1000);
    budget.spend(200, 1200);
    expect(budget.readyAt(1200)).toBe(1200);
    budget.spend(150, 1350);
    // 300 ms of credit and 35 earned while the pieces ran, 350 spent: 15 ms of debt, paid back at 10 %.
    expect(budget.readyAt(1350)).toBeCloseTo(1350 + 15 / 0.1);
  });

  it('refills at its share, never beyond the burst', () => {
    const budget = cpuBudget(100, steady(0.5));
    budget.spend(100, 0);
    expect(budget.readyAt(0)).toBe(0);
    budget.spend(50, 0);
    expect(budget.readyAt(0)).toBe(100);
    // A long rest fills the burst and no more: 100 ms at once, then a wait.
    expect(budget.readyAt(1_000_000)).toBe(1_000_000);
    budget.spend(150, 1_000_000);
    expect(budget.readyAt(1_000_000)).toBe(1_000_000 + 50 / 0.5);
  });

  it('offsets a piece of work with what it earned while it ran, before the burst caps the credit', () => {
    const budget = cpuBudget(0, steady(0.5));
    expect(budget.readyAt(0)).toBe(0);
    // 100 ms of CPU over 200 ms of time, at half a core: nothing owed.
    budget.spend(100, 200);
    expect(budget.readyAt(200)).toBe(200);
    budget.spend(100, 250);
    expect(budget.readyAt(250)).toBe(250 + 75 / 0.5);
  });

  it('earns each stretch of time at the share of that stretch', () => {
    const shares = [0.5, 0.5, 1, 0.1];
    const budget = cpuBudget(0, () => shares.shift() as number);
    budget.spend(100, 0);
    // 100 ms of debt: at half a core, 200 ms to pay back.
    expect(budget.readyAt(0)).toBe(200);
    // The next 50 ms earned a whole core: 50 ms of debt left, 50 more at that share.
    expect(budget.readyAt(50)).toBe(100);
    // But the 50 after that earned only a tenth: 45 ms of debt left, 450 at that share.
    expect(budget.readyAt(100)).toBeCloseTo(550);
  });

  it('keeps any run of work within the most it could earn, plus one burst', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (shares, burstMs, pieces) => {
          let call = 0;
          const budget = cpuBudget(burstMs, () => shares[call++ % shares.length] as number);
          const most = Math.max(...shares);
          let clock = 0;
          let spent = 0;
          for (const cpuMs of pieces) {
            clock = budget.readyAt(clock);
            // Every piece started so far, except this one, was paid for by the time it starts.
            expect(spent).toBeLessThanOrEqual(burstMs + most * clock + 1e-6 * (1 + spent));
            clock += cpuMs;
            spent += cpuMs;
            budget.spend(cpuMs, clock);
          }
        },
      ),
    );
  });

  it('refuses a share or a burst that means nothing', () => {
    expect(() => cpuBudget(100, steady(0)).readyAt(0)).toThrow(/share/);
    expect(() => cpuBudget(100, steady(1.5)).readyAt(0)).toThrow(/share/);
    expect(() => cpuBudget(-1, steady(0.1))).toThrow(/burst/);
  });
});
