/** `npm run pin`: set (from standard input), status and reset, against a real store. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { verifyPin } from '../../src/security/pin-hash';
import { readAudit } from '../../src/store/audit';
import { openStore } from '../../src/store/open';
import { pinCredentials } from '../../src/store/pin-credentials';
import { voiceProfiles } from '../../src/store/voice-profiles';
import { paymentStore } from '../../src/store/payments';
import { isWeakPin } from '../../src/security/pin-policy';
import { engines } from '../support/databases';

const PIN_TOOL = path.resolve(__dirname, '../../dist/tools/pin.js');

function pinTool(
  args: string[],
  databaseUrl: string,
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [PIN_TOOL, ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('weak PINs', () => {
  it.each(['0000', '1111', '1234', '4321', '6789'])('%s is refused', (pin) => expect(isWeakPin(pin)).toBe(true));
  it.each(['2468', '4831', '1357', '9021'])('%s is accepted', (pin) => expect(isWeakPin(pin)).toBe(false));
});

describe('npm run pin', () => {
  const [sqlite] = engines();

  it('names the store it acts on, and refuses a customer the bank does not know', async () => {
    const database = await sqlite!.fresh();
    try {
      const status = await pinTool(['status', 'cust-john'], database.url);
      expect(status.stderr).toContain(`pin: store ${database.url} (DATABASE_URL), bank sandbox`);
      const unknown = await pinTool(['set', 'cust-nobody'], database.url, '7391\n');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('bank sandbox has no customer cust-nobody');
      const db = await openStore(database.url);
      try {
        expect(await pinCredentials(db).status('sandbox', 'cust-nobody')).toEqual({ enrolled: false, failures: 0 });
      } finally {
        await db.close();
      }
      expect((await pinTool(['status', 'cust-john', '--bank', 'nobank'], database.url)).stderr).toContain(
        'no bank nobank is configured',
      );
    } finally {
      await database.drop();
    }
  }, 30_000);

  it('sets a PIN from standard input, shows status, resets a lockout, and audits each change', async () => {
    const database = await sqlite!.fresh();
    try {
      const set = await pinTool(['set', 'cust-john'], database.url, '7391\n');
      expect(set).toMatchObject({ code: 0 });
      expect(set.stdout).not.toContain('7391');
      const db = await openStore(database.url);
      try {
        const credentials = pinCredentials(db);
        expect(await verifyPin('7391', (await credentials.hash('sandbox', 'cust-john')) as string)).toBe(true);
        for (let i = 0; i < 3; i++) await credentials.recordFailure('sandbox', 'cust-john', 3, Date.now());

        const locked = await pinTool(['status', 'cust-john'], database.url);
        expect(locked.stdout).toMatch(/3 consecutive failure\(s\); locked since/);

        expect((await pinTool(['reset', 'cust-john'], database.url)).code).toBe(0);
        expect(await credentials.status('sandbox', 'cust-john')).toEqual({ enrolled: true, failures: 0 });
        expect((await pinTool(['status', 'cust-john'], database.url)).stdout).toContain(
          '0 consecutive failure(s); not locked',
        );

        const events = (await readAudit(db, 'sandbox', 'cust-john')).map((e) => e.event);
        expect(events).toEqual(['pin.set', 'pin.reset']);
        expect(JSON.stringify(await readAudit(db, 'sandbox', 'cust-john'))).not.toContain('7391');
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('refuses malformed and weak PINs and unknown commands', async () => {
    const database = await sqlite!.fresh();
    try {
      expect((await pinTool(['set', 'cust-john'], database.url, '12a4\n')).code).toBe(1);
      expect((await pinTool(['set', 'cust-john'], database.url, '1234\n')).stderr).toContain('too easy to guess');
      expect((await pinTool(['reset', 'nobody'], database.url)).code).toBe(1);
      expect((await pinTool(['frobnicate', 'cust-john'], database.url)).code).toBe(2);
    } finally {
      await database.drop();
    }
  });
});

describe('npm run pin -- set --person', () => {
  const [sqlite] = engines();

  it('enrols an Alexa voice profile with the PIN and shows it in the status', async () => {
    const database = await sqlite!.fresh();
    try {
      const person = 'amzn1.ask.person.TESTPERSON';
      const set = await pinTool(['set', 'cust-john', '--person', person], database.url, '7391\n');
      expect(set).toMatchObject({ code: 0 });
      expect(set.stdout).toContain('with a voice profile');
      expect((await pinTool(['status', 'cust-john'], database.url)).stdout).toContain('1 voice profile(s)');
      const db = await openStore(database.url);
      try {
        expect(await voiceProfiles(db).isEnrolled('sandbox', 'cust-john', person)).toBe(true);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('npm run pin -- forget', () => {
  const [sqlite] = engines();
  const john = { bankId: 'sandbox', customerId: 'cust-john', channel: 'test' };

  it('erases what Saldo keeps about the customer but the audit log, and refuses while a payment is undecided', async () => {
    const database = await sqlite!.fresh();
    try {
      expect((await pinTool(['set', 'cust-john', '--person', 'amzn1.ask.person.P'], database.url, '7391\n')).code).toBe(
        0,
      );
      const db = await openStore(database.url);
      try {
        const store = paymentStore(db);
        const terms = {
          kind: 'bill',
          payeeId: 'payee-john-power',
          sourceAccountId: 'acc-john-chk',
          amountMinor: 4520,
          currency: 'USD',
        } as const;
        const actor = { ...john, now: Date.now() };
        const payment = await store.propose(
          actor,
          { status: 'awaiting_pin', terms, readBack: 'paying' },
          undefined,
          300_000,
        );
        const approval = await store.approve(actor, payment.id, {
          day: '2026-11-29',
          limitMinor: 200_000,
          holder: 'h',
          leaseMs: 1000,
        });
        expect(approval.kind).toBe('approved');

        const refused = await pinTool(['forget', 'cust-john'], database.url);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain("1 payment(s) still waiting for the bank's answer");
        expect(await pinCredentials(db).status('sandbox', 'cust-john')).toMatchObject({ enrolled: true });

        await store.record(actor, payment.id, 'h', {
          kind: 'completed',
          outcome: { status: 'completed', reference: 'AB12' },
        });
        const forgotten = await pinTool(['forget', 'cust-john'], database.url);
        expect(forgotten.code).toBe(0);
        expect(forgotten.stdout).toContain('the audit log is kept');
        for (const table of [
          'pin_credentials',
          'voice_profiles',
          'read_approvals',
          'pending_payments',
          'voice_spending',
        ])
          expect(await db.query(`SELECT * FROM ${table} WHERE customer_id = 'cust-john'`)).toEqual([]);
        const events = (await readAudit(db, 'sandbox', 'cust-john')).map((e) => e.event);
        expect(events).toEqual([
          'pin.set',
          'payment.requested',
          'payment.approved',
          'payment.executed',
          'customer.forgotten',
        ]);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});
