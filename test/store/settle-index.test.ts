/**
 * Every turn asks the store for the customer's payments still to settle. The question is
 * answered from an index of undecided payments alone (migration 9), so its cost does not
 * grow with the payments a customer has made: the plan of the very statement the store
 * runs names that index, on each engine.
 */
import type { Db, Row, SqlValue } from '../../src/store/db';
import { openStore } from '../../src/store/open';
import { unsettledPayments } from '../../src/store/pending-payments';
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

describe.each(engines().map((e) => [e.name, e] as const))('payments to settle on %s', (name, engine) => {
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

  it('are found through the index of undecided payments', async () => {
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
