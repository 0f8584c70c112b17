/** The generated history: up to date, deterministic, and carried by both sandbox banks. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_FIXTURE_PATH, historyFileFor, loadSandboxFixture } from '../../src/bank/sandbox/fixture';
import { generateHistory, historyJson, HISTORY_FIRST_DAYS_AGO } from '../../src/bank/sandbox/history';

const handWritten = loadSandboxFixture(DEFAULT_FIXTURE_PATH, { withHistory: false });

it('fixtures/sandbox-history.json is what `npm run fixtures:history` writes', () => {
  expect(readFileSync(historyFileFor(DEFAULT_FIXTURE_PATH), 'utf8')).toBe(historyJson(generateHistory(handWritten)));
});

it('is appended after the hand-written month, older than all of it', () => {
  const full = loadSandboxFixture();
  for (const customer of full.customers) {
    const own = handWritten.customers.find((c) => c.id === customer.id)!;
    expect(customer.transactions.slice(0, own.transactions.length)).toEqual(own.transactions);
    const older = customer.transactions.slice(own.transactions.length);
    expect(older.length).toBeGreaterThan(100);
    expect(Math.min(...older.map((t) => t.daysAgo))).toBeGreaterThanOrEqual(HISTORY_FIRST_DAYS_AGO);
    expect(Math.max(...own.transactions.map((t) => t.daysAgo))).toBeLessThan(HISTORY_FIRST_DAYS_AGO);
  }
});

it('has card purchases with category codes, refunds and both legs of own-account transfers', () => {
  for (const customer of loadSandboxFixture().customers) {
    const history = customer.transactions;
    expect(history.filter((t) => t.merchantCategoryCode && t.creditDebit === 'credit').length).toBeGreaterThan(0);
    const transfers = history.filter((t) => t.transferAccountId);
    for (const leg of transfers.filter((t) => t.creditDebit === 'debit')) {
      expect(transfers).toContainEqual(
        expect.objectContaining({
          accountId: leg.transferAccountId,
          transferAccountId: leg.accountId,
          daysAgo: leg.daysAgo,
          amount: leg.amount,
          creditDebit: 'credit',
        }),
      );
    }
    expect(transfers.length).toBeGreaterThan(4);
  }
});

it('writes each currency its own merchants', () => {
  const gbp = structuredClone(handWritten);
  const customer = gbp.customers[0]!;
  gbp.customers = [{ ...customer, accounts: customer.accounts.map((a) => ({ ...a, currency: 'GBP' })) }];
  const descriptions = generateHistory(gbp).customers[customer.id]!.transactions.map((t) => t.description);
  expect(descriptions.some((d) => d.startsWith('TESCO STORES'))).toBe(true);
  expect(descriptions.some((d) => d.startsWith('STARBUCKS'))).toBe(false);
});

it('is checked entry by entry with the customer it joins: a bad one, or one on an unknown account, is refused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-history-'));
  const fixtureFile = path.join(dir, 'sandbox-bank.json');
  copyFileSync(DEFAULT_FIXTURE_PATH, fixtureFile);
  const history = (transaction: object) =>
    writeFileSync(
      historyFileFor(fixtureFile),
      JSON.stringify({ customers: { 'cust-john': { transactions: [transaction] } } }),
    );
  const good = {
    accountId: 'acc-john-chk',
    daysAgo: 40,
    description: 'CITY POWER',
    amount: '10.00',
    creditDebit: 'debit',
    status: 'booked',
  };
  history(good);
  expect(loadSandboxFixture(fixtureFile).customers[0]?.transactions.at(-1)).toEqual(good);
  history({ ...good, amount: '-10.00' });
  expect(() => loadSandboxFixture(fixtureFile)).toThrow(/amount/);
  history({ ...good, accountId: 'acc-nobody' });
  expect(() => loadSandboxFixture(fixtureFile)).toThrow(/unknown account/);
});
