/**
 * The store's guarantees, on every engine: schema, append-only audit, atomic counters and
 * limits, and each new conversation's question of payments to settle answered from its own
 * index (so its cost does not grow with the payments a customer has made).
 */
import { auditLog, readAudit } from '../../src/store/audit';
import type { Db, Row, SqlValue } from '../../src/store/db';
import { MIGRATIONS, migrate } from '../../src/store/migrations';
import { openStore } from '../../src/store/open';
import { unsettledPayments } from '../../src/store/pending-payments';
import { pinCredentials } from '../../src/store/pin-credentials';
import { reserveSpending, spentOn } from '../../src/store/spending';
import { engines, type TestDatabase } from '../support/databases';

/** The statement and parameters unsettledPayments sends, captured on their way to the store. */
async function settleQuery(db: Db): Promise<{ sql: string; params: readonly SqlValue[] }> {
  let sent: { sql: string; params: readonly SqlValue[] } | undefined;
  const recording: Db = {
    ...db,
    query: <T extends Row>(sql: string, params: readonly SqlValue[] = []) => {
      sent = { sql, params };
      return db.query<T>(sql, params);
    },
  };
  await unsettledPayments(recording, 'bank', 'customer', Date.now());
  if (!sent) throw new Error('unsettledPayments sent no statement');
  return sent;
}

describe.each(engines().map((e) => [e.name, e] as const))('store on %s', (name, engine) => {
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
    const granted = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pins.tryLease('b', 'c', `holder-${i}`, 1000, 5000)),
    );
    expect(granted.filter(Boolean)).toHaveLength(1);
    expect(await pins.tryLease('b', 'c', 'late', 7000, 5000)).toBe(true);
  });

  it('gives the PIN-check lease back only for its holder', async () => {
    const pins = pinCredentials(db);
    await pins.set('b', 'c', 'hash', 1);
    expect(await pins.tryLease('b', 'c', 'slow', 1000, 5000)).toBe(true);
    // The slow check outlived its lease; another took it over.
    expect(await pins.tryLease('b', 'c', 'next', 7000, 5000)).toBe(true);
    await pins.releaseLease('b', 'c', 'slow');
    expect(await pins.tryLease('b', 'c', 'third', 8000, 5000)).toBe(false);
    await pins.releaseLease('b', 'c', 'next');
    expect(await pins.tryLease('b', 'c', 'third', 8000, 5000)).toBe(true);
  });

  it('never lets concurrent reservations pass the daily limit', async () => {
    const day = { bankId: 'b', customerId: 'c', day: '2026-11-29', currency: 'USD' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => db.transaction((tx) => reserveSpending(tx, day, 30000, 200000))),
    );
    expect(results.filter(Boolean)).toHaveLength(6);
    expect(await spentOn(db, day)).toBe(180000);
  });

  it('finds the payments a new conversation must settle through the index of undecided payments alone (migration 9)', async () => {
    const { sql, params } = await settleQuery(db);
    const plan =
      name === 'sqlite'
        ? await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)
        : // An empty table is read whole by PostgreSQL's planner unless told what a large one costs.
          await db.transaction(async (tx) => {
            await tx.run('SET LOCAL enable_seqscan = off');
            return tx.query<Row>(`EXPLAIN ${sql}`, params);
          });
    expect(JSON.stringify(plan)).toContain('pending_payments_to_settle');
  });
});
