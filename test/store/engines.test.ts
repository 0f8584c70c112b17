/** The store's guarantees, on every engine: schema, append-only audit, atomic counters and limits. */
import { auditLog, readAudit } from '../../src/store/audit';
import type { Db } from '../../src/store/db';
import { MIGRATIONS, migrate } from '../../src/store/migrations';
import { openStore } from '../../src/store/open';
import { pinCredentials } from '../../src/store/pin-credentials';
import { voiceSpending } from '../../src/store/spending';
import { engines, type TestDatabase } from '../support/databases';

describe.each(engines().map((e) => [e.name, e] as const))('store on %s', (_name, engine) => {
  let database: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    database = await engine.fresh();
    db = await openStore(database.url);
  });

  afterEach(async () => {
    await db.close();
    await database.drop();
  });

  it('applies every migration once, and again is a no-op', async () => {
    const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  it('keeps the audit log append-only', async () => {
    await auditLog(
      db,
      () => new Date(),
    )({ bankId: 'b', customerId: 'c', event: 'pin.failed', details: { consecutiveFailures: 1 } });
    await expect(db.run("UPDATE audit_log SET event = 'pin.set'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await readAudit(db, 'b', 'c')).toHaveLength(1);
  });

  it('counts PIN failures atomically and locks at the limit', async () => {
    const pins = pinCredentials(db);
    await pins.set('b', 'c', 'hash', 1);
    const results = await Promise.all(Array.from({ length: 10 }, () => pins.recordFailure('b', 'c', 3, 2)));
    expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const status = await pins.status('b', 'c');
    expect(status).toEqual({ enrolled: true, failures: 10, lockedAt: 2 });
    expect(await pins.reset('b', 'c', 3)).toBe(true);
    expect(await pins.status('b', 'c')).toEqual({ enrolled: true, failures: 0 });
  });

  it('grants the PIN-check lease to one caller at a time', async () => {
    const pins = pinCredentials(db);
    await pins.set('b', 'c', 'hash', 1);
    const granted = await Promise.all(Array.from({ length: 10 }, () => pins.tryLease('b', 'c', 1000, 5000)));
    expect(granted.filter(Boolean)).toHaveLength(1);
    expect(await pins.tryLease('b', 'c', 7000, 5000)).toBe(true);
  });

  it('never lets concurrent reservations pass the daily limit', async () => {
    const spending = voiceSpending(db);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => spending.reserve('b', 'c', '2026-11-29', 'USD', 30000, 200000)),
    );
    expect(results.filter(Boolean)).toHaveLength(6);
    expect(await spending.spentOn('b', 'c', '2026-11-29', 'USD')).toBe(180000);
  });
});
