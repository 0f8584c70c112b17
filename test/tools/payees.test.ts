/** `npm run payees`: a customer's payees enrolled in Saldo for a Berlin Group bank, audited by name only. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAudit } from '../../src/store/audit';
import { enrolledPayees } from '../../src/store/enrolled-payees';
import { openStore } from '../../src/store/open';

const TOOL = path.resolve(__dirname, '../../dist/tools/payees.js');
const dir = mkdtempSync(path.join(tmpdir(), 'saldo-payees-'));
const config = path.join(dir, 'saldo.json');
const database = `sqlite:${path.join(dir, 'saldo.db')}`;
writeFileSync(
  config,
  JSON.stringify({
    banks: [
      {
        id: 'banco-berlin',
        names: { 'es-ES': 'Banco Berlín' },
        connector: { type: 'berlingroup', baseUrl: 'https://bank.example/psd2', tppIpAddress: '192.0.2.10' },
      },
      { id: 'sandbox', names: { 'en-US': 'Sandbox' }, connector: { type: 'sandbox' } },
    ],
  }),
);

function payees(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TOOL, ...args],
      { env: { ...process.env, DATABASE_URL: database, SALDO_CONFIG: config } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

it('enrols, lists by name with the IBAN masked, and removes a payee; the audit names it only', async () => {
  const bank = ['--bank', 'banco-berlin'];
  const added = await payees([
    'add',
    'acc-ana-chk',
    ...bank,
    '--id',
    'laura',
    '--name',
    'Laura Martínez',
    '--iban',
    'ES38 0182 4321 5602 0098 7654',
    '--alias',
    'mi hermana',
    '--alias',
    'laura',
    '--person',
  ]);
  expect(added).toMatchObject({ code: 0, stdout: 'acc-ana-chk: payee Laura Martínez enrolled\n' });
  const listed = await payees(['list', 'acc-ana-chk', ...bank]);
  expect(listed.stdout).toBe('laura: Laura Martínez (person), account ending in 7654\n');
  const db = await openStore(database);
  try {
    expect(await enrolledPayees(db).list('banco-berlin', 'acc-ana-chk')).toEqual([
      {
        id: 'laura',
        name: 'Laura Martínez',
        kind: 'person',
        aliases: ['mi hermana', 'laura'],
        account: 'ES3801824321560200987654',
      },
    ]);
    expect((await payees(['remove', 'acc-ana-chk', ...bank, '--id', 'laura'])).code).toBe(0);
    expect(await enrolledPayees(db).list('banco-berlin', 'acc-ana-chk')).toEqual([]);
    const audit = await readAudit(db, 'banco-berlin', 'acc-ana-chk');
    expect(audit.map((a) => a.event)).toEqual(['payee.enrolled', 'payee.removed']);
    expect(JSON.stringify(audit)).not.toContain('ES38');
  } finally {
    await db.close();
  }
});

it('refuses a bank that is not Berlin Group, and an IBAN that is not one', async () => {
  const sandbox = await payees([
    'add',
    'cust-john',
    '--bank',
    'sandbox',
    '--id',
    'x',
    '--name',
    'X',
    '--iban',
    'ES3801824321560200987654',
  ]);
  expect(sandbox).toMatchObject({ code: 1, stderr: expect.stringContaining('Berlin Group bank') });
  const badIban = await payees([
    'add',
    'acc-ana-chk',
    '--bank',
    'banco-berlin',
    '--id',
    'x',
    '--name',
    'X',
    '--iban',
    '1234',
  ]);
  expect(badIban).toMatchObject({ code: 1, stderr: expect.stringContaining('valid --iban') });
});
