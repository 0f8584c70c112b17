/**
 * The one SQL interface both engines implement. Statements are written once with `?`
 * placeholders; `FOR UPDATE` row locks are honoured by PostgreSQL and dropped for
 * SQLite, whose write transactions (BEGIN IMMEDIATE) already lock the whole database.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface Db {
  readonly engine: 'sqlite' | 'postgres';
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs `work` in one write transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function queryOne<T extends Row>(
  db: Db,
  sql: string,
  params?: readonly SqlValue[],
): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}
