/** The bench's bank is a valid sandbox fixture whose extra customers share nothing with John. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';
import { benchFixture, payingToken } from '../../src/bench/fixture';

it('loads as the server loads it, each paying customer with accounts of its own everywhere they are named', () => {
  const file = benchFixture(mkdtempSync(path.join(tmpdir(), 'saldo-bench-fixture-')), 3);
  const fixture = loadSandboxFixture(file);
  const john = fixture.customers.find((c) => c.id === 'cust-john')!;
  const copies = fixture.customers.filter((c) => c.id.startsWith('cust-bench-'));
  expect(copies.map((c) => c.accessToken)).toEqual([0, 1, 2].map(payingToken));
  const johnAccounts = new Set(john.accounts.map((a) => a.id));
  for (const copy of copies) {
    const own = new Set(copy.accounts.map((a) => a.id));
    expect([...own].some((id) => johnAccounts.has(id))).toBe(false);
    const named = [
      ...copy.transactions.flatMap((t) => [t.accountId, ...(t.transferAccountId ? [t.transferAccountId] : [])]),
      ...copy.upcoming.map((u) => u.accountId),
    ];
    expect(named.every((id) => own.has(id))).toBe(true);
    // John's whole history, once: it is not appended again beside the bench's file.
    expect(copy.transactions).toHaveLength(john.transactions.length);
    expect(copy.accounts.map((a) => a.number)).not.toEqual(john.accounts.map((a) => a.number));
  }
});
