/**
 * The bench's bank: the sandbox fixture (with its history) plus customers of the bench's
 * own, copies of John, so that each paying connection has a daily limit and a PIN lease
 * of its own.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSandboxFixture, withOwnIds } from '../bank/sandbox/fixture';

export const payingToken = (i: number) => `bench-token-${i}-abcdef`;

/** Writes the fixture into `dir` and returns its file. */
export function benchFixture(dir: string, payingCustomers: number): string {
  const fixture = loadSandboxFixture();
  const john = fixture.customers[0]!;
  const extra = Array.from({ length: payingCustomers }, (_, i) => {
    const accountIds = new Map(john.accounts.map((a, j) => [a.id, `acc-bench-${i}-${j}`]));
    return withOwnIds(john, {
      id: `cust-bench-${i}`,
      accessToken: payingToken(i),
      rename: (id) => accountIds.get(id) ?? `${id}-bench-${i}`,
      accountNumber: (j) => `9${String(i).padStart(2, '0')}${j}0000000${String(i).padStart(2, '0')}${j}`,
    });
  });
  const file = path.join(dir, 'bench-bank.json');
  writeFileSync(file, JSON.stringify({ ...fixture, customers: [...fixture.customers, ...extra] }));
  return file;
}
