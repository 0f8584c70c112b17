/**
 * Exactly-once payments on both store engines, with two sandbox instances sharing the
 * store: concurrent duplicates of one payment move money once; concurrent payments with
 * different keys on one consent are allowed once.
 */
import { engines, type TestDatabase } from '../support/databases';
import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/open';
import {
  JOHN,
  PIS,
  balancesOf,
  consentBody,
  johnInitiation,
  paymentBody,
  startSandbox,
  type RunningSandbox,
} from './helpers';

describe.each(engines().map((e) => [e.name, e] as const))('on %s', (_name, engine) => {
  let database: TestDatabase;
  let db: Db;
  let first: RunningSandbox;
  let second: RunningSandbox;

  beforeAll(async () => {
    database = await engine.fresh();
    db = await openStore(database.url);
    first = await startSandbox({ db });
    second = await startSandbox({ db });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.close();
    await database?.drop();
  });
  afterEach(() => {
    expect(first.app.responseValidationErrors).toEqual([]);
    expect(second.app.responseValidationErrors).toEqual([]);
  });

  const count = async (sql: string, params: string[]) => Number((await db.query<{ n: number }>(sql, params))[0]?.n);

  it('moves the money once for 10 concurrent identical payments across two instances', async () => {
    const initiation = johnInitiation({ amount: '3.33', id: 'engine-dup' });
    const consent = await first
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'engine-dup-c')
      .expect(201);
    const before = await balancesOf(first, JOHN, 'acc-john-chk');
    const body = paymentBody(consent.body.Data.ConsentId, initiation);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? first : second).post(JOHN, `${PIS}/domestic-payments`, body, 'engine-dup-key'),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.body.Data.DomesticPaymentId as string));
    expect(ids.size).toBe(1);
    const [paymentId = ''] = [...ids];
    expect(await count('SELECT COUNT(*) AS n FROM sandbox_transactions WHERE id LIKE ?', [`${paymentId}-%`])).toBe(1);
    expect(
      await count('SELECT COUNT(*) AS n FROM ob_sandbox_payments WHERE consent_id = ?', [consent.body.Data.ConsentId]),
    ).toBe(1);
    const after = await balancesOf(second, JOHN, 'acc-john-chk');
    expect(Number(before.InterimBooked?.amount) - Number(after.InterimBooked?.amount)).toBeCloseTo(3.33, 2);
  });

  it('lets one of 10 concurrent payments with different keys use a consent', async () => {
    const initiation = johnInitiation({ amount: '4.44', id: 'engine-race' });
    const consent = await first
      .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'engine-race-c')
      .expect(201);
    const body = paymentBody(consent.body.Data.ConsentId, initiation);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? first : second).post(JOHN, `${PIS}/domestic-payments`, body, `engine-race-${i}`),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(400)]);
    for (const r of responses.filter((x) => x.status === 400))
      expect(r.body.Errors[0].ErrorCode).toBe('UK.OBIE.Resource.InvalidConsentStatus');
    expect(
      await count('SELECT COUNT(*) AS n FROM ob_sandbox_payments WHERE consent_id = ?', [consent.body.Data.ConsentId]),
    ).toBe(1);
  });
});
