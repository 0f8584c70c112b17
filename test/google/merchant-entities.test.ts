/**
 * The merchants a customer spends at reach Google as session type overrides on the first
 * turn, over HTTP against /google: merged into the model's MERCHANT brands (TYPE_MERGE),
 * named from the transaction descriptions, with opaque ids; never before the PIN in
 * privacy mode; scanned by the voice guard; and only Saldo's own overrides go out, never
 * the request's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import type { BankConnector } from '../../src/bank/connector';
import { entityId } from '../../src/core/entities';
import { customerIn, sandboxFixture } from '../alexa/helpers';
import { googleDriver, type Heard } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { privacyModeConfig } from '../support/privacy-bank';

interface Override {
  readonly name: string;
  readonly typeOverrideMode: string;
  readonly synonym: { entries: { name: string; synonyms: string[]; display: { title: string } }[] };
}

function overrides(heard: Heard): Override[] {
  return (JSON.parse(heard.raw) as { session?: { typeOverrides?: Override[] } }).session?.typeOverrides ?? [];
}

const merchantsOf = (heard: Heard) =>
  overrides(heard)
    .find((o) => o.name === 'MERCHANT')
    ?.synonym.entries.map((entry) => entry.display.title) ?? [];

let app: HttpApp;
beforeAll(async () => {
  ({ app } = await testHttpApp());
});

describe("a customer's merchants on Google", () => {
  it('go out on the first turn, added to the model brands, named from the descriptions, with opaque ids', async () => {
    const launch = await googleDriver(app, { token: 'sandbox-token-john', locale: 'en-US' }).say('Launch');
    const merchant = overrides(launch).find((o) => o.name === 'MERCHANT');
    expect(merchant?.typeOverrideMode).toBe('TYPE_MERGE');
    // Payees and nicknames still take the place of the model's generic ones.
    expect(overrides(launch).find((o) => o.name === 'PAYEE')?.typeOverrideMode).toBe('TYPE_REPLACE');
    const names = merchantsOf(launch);
    // "SQ *BLUE BOTTLE COFFEE", "POS 5454… SHELL OIL 5731", "STARBUCKS 2350": the merchants, not the terminals.
    expect(names).toEqual(expect.arrayContaining(['Blue Bottle Coffee', 'Shell Oil', 'Starbucks', 'Amazon']));
    // Not a merchant: the transfer to his savings, his salary.
    expect(names.join('|')).not.toMatch(/Rainy Day|Payroll/);
    expect(names.join('|')).not.toMatch(/\d/);
    expect(merchant?.synonym.entries.every((entry) => /^m-[A-Za-z0-9_-]{16}$/.test(entry.name))).toBe(true);
    expect(merchant?.synonym.entries.find((e) => e.display.title === 'Starbucks')?.name).toBe(
      entityId('cust-john', 'merchant', 'starbucks'),
    );
    expect(launch.raw).not.toMatch(/5454545454545454|cust-john|acc-john/);
  });

  it("are each customer's own, and sent once per session", async () => {
    const ana = googleDriver(app, { token: 'sandbox-token-ana', locale: 'es-ES' });
    const first = await ana.say('Launch');
    expect(merchantsOf(first)).toEqual(expect.arrayContaining(['Mercadona', 'Renfe']));
    expect(merchantsOf(first)).not.toContain('Blue Bottle Coffee');
    expect(overrides(await ana.say('GetBalance'))).toEqual([]);
  });

  it('let a merchant the model does not list be asked about, by its words', async () => {
    const john = googleDriver(app, { token: 'sandbox-token-john', locale: 'en-US' });
    const launch = await john.say('Launch');
    const blueBottle = overrides(launch)
      .find((o) => o.name === 'MERCHANT')!
      .synonym.entries.find((e) => e.display.title === 'Blue Bottle Coffee')!;
    // What Google sends when the session's entity matched: the words said, resolved to the entry's name.
    const heard = await john.say('GetSpending', {
      merchant: { spoken: 'blue bottle', id: blueBottle.name },
      since: { spoken: '2026-06-01' },
    });
    expect(heard.speech).toMatch(/^You spent \$[\d,.]+ at Blue Bottle Coffee since/);
  });

  it("never echo the request's own overrides", async () => {
    const res = await request(app)
      .post('/google')
      .send({
        handler: { name: 'GetBalance' },
        intent: { name: 'GetBalance', params: {}, query: '' },
        scene: { name: 'Main', slotFillingStatus: 'UNSPECIFIED', slots: {} },
        session: {
          id: 'echo',
          params: { started: true, saldo: {} },
          typeOverrides: [
            { name: 'PAYEE', mode: 'TYPE_REPLACE', synonym: { entries: [{ name: 'x', synonyms: ['evil'] }] } },
          ],
          languageCode: '',
        },
        user: { locale: 'en-US', params: { bearerToken: 'sandbox-token-john' }, verificationStatus: 'VERIFIED' },
        home: { params: {} },
        device: { capabilities: ['SPEECH'] },
      });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('evil');
    expect(res.body.session.typeOverrides).toBeUndefined();
  });
});

describe('in privacy mode', () => {
  it('merchants, read from transactions, go out only with the PIN, every type again', async () => {
    const { app: careful } = await testHttpApp({ env: { SALDO_CONFIG: privacyModeConfig() } });
    const john = googleDriver(careful, { token: 'sandbox-token-john', locale: 'en-US' });
    const launch = await john.say('Launch');
    expect(overrides(launch).map((o) => o.name)).toEqual(['PAYEE', 'ACCOUNT_TYPE']);
    const asked = await john.say('GetSpending', { merchant: { spoken: 'starbucks' } });
    expect(overrides(asked)).toEqual([]);
    const answered = await john.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(answered.speech).toContain('at Starbucks in November');
    expect(overrides(answered).map((o) => o.name)).toEqual(['PAYEE', 'ACCOUNT_TYPE', 'MERCHANT']);
    expect(merchantsOf(answered)).toContain('Blue Bottle Coffee');
  });
});

describe('the voice guard', () => {
  it('drops a merchant whose name carries one of the customer identifiers, and keeps the rest', async () => {
    // A description that holds John's access token, in the words a merchant name keeps.
    const fixture = sandboxFixture();
    customerIn(fixture, 'cust-john').transactions.push({
      accountId: 'acc-john-chk',
      daysAgo: 2,
      description: 'SANDBOX-TOKEN-JOHN',
      amount: '3.00',
      creditDebit: 'debit',
      status: 'booked',
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-merchants-')), 'sandbox-bank.json');
    writeFileSync(file, JSON.stringify(fixture));
    const { app: leaky } = await testHttpApp({ env: { SALDO_FIXTURE: file } });
    const launch = await googleDriver(leaky, { token: 'sandbox-token-john', locale: 'en-US' }).say('Launch');
    expect(launch.raw.toLowerCase()).not.toContain('sandbox-token-john');
    expect(merchantsOf(launch)).toEqual(expect.arrayContaining(['Starbucks', 'Target']));
  });
});

describe('a bank that counts its reads a day (a Berlin Group consent)', () => {
  it('is not read for merchants on a launch, nor when the PIN opens privacy mode: only questions spend its reads', async () => {
    const reads: string[] = [];
    const metered = (_bank: string, real: BankConnector): BankConnector => ({
      ...real,
      unattendedReadsPerDay: 4,
      listTransactions: (token, accountId, query) => {
        reads.push(accountId);
        return real.listTransactions(token, accountId, query);
      },
    });
    const { app: counted } = await testHttpApp({ overrides: { wrapConnector: metered } });
    const launch = await googleDriver(counted, { token: 'sandbox-token-john', locale: 'en-US' }).say('Launch');
    expect(overrides(launch).map((o) => o.name)).toEqual(['PAYEE', 'ACCOUNT_TYPE']);
    expect(reads).toEqual([]);

    const { app: private_ } = await testHttpApp({
      env: { SALDO_CONFIG: privacyModeConfig() },
      overrides: { wrapConnector: metered },
    });
    const john = googleDriver(private_, { token: 'sandbox-token-john', locale: 'en-US' });
    await john.say('Launch');
    await john.say('GetBalance', { accountType: { spoken: 'checking' } });
    const opened = await john.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(opened.speech).toContain('checking ending in 4217');
    expect(overrides(opened).map((o) => o.name)).toEqual(['PAYEE', 'ACCOUNT_TYPE']);
    expect(reads).toEqual([]);
  });
});

describe('a bank too slow to list the merchants for a launch', () => {
  it('does not hold up the welcome: it goes out with payees and nicknames only', async () => {
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const slow = (_bank: string, real: BankConnector): BankConnector => ({
      ...real,
      listTransactions: async (token, accountId, query) => {
        await stalled;
        return real.listTransactions(token, accountId, query);
      },
    });
    const { app: slowBank } = await testHttpApp({ overrides: { wrapConnector: slow, merchantReadBudgetMs: 50 } });
    try {
      const launch = await googleDriver(slowBank, { token: 'sandbox-token-john', locale: 'en-US' }).say('Launch');
      expect(launch.speech).toContain('Welcome');
      expect(overrides(launch).map((o) => o.name)).toEqual(['PAYEE', 'ACCOUNT_TYPE']);
    } finally {
      release();
    }
  });
});
