/** A broken fixture is refused under the setting that named it, its first few problems listed and the rest counted. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApplication } from '../../src/app/application';
import { ConfigError } from '../../src/config';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';

it('lists five problems of a fixture broken throughout, then how many more', async () => {
  const fixture = loadSandboxFixture();
  const john = fixture.customers[0]!;
  // Eight transactions on an account John does not have.
  const broken = {
    ...fixture,
    customers: [{ ...john, transactions: john.transactions.slice(0, 8).map((t) => ({ ...t, accountId: 'acc-x' })) }],
  };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-broken-')), 'bank.json');
  writeFileSync(file, JSON.stringify(broken));
  const started = createApplication(
    { SALDO_FIXTURE: file, DATABASE_URL: 'sqlite::memory:', SALDO_VERIFY_REQUESTS: 'false' },
    { log: pino({ level: 'silent' }) },
  );
  const refused = await started.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(ConfigError);
  const message = (refused as ConfigError).message;
  expect(message).toMatch(new RegExp(`^SALDO_FIXTURE ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  expect(message.match(/unknown account/g)).toHaveLength(5);
  expect(message).toMatch(/customers\.0\.transactions\.0\.accountId: unknown account;.*; and 3 more$/);
});
