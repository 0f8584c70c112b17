/** PostgreSQL through a pg pool; `?` placeholders become `$n`. */
import { Pool, type PoolClient, types } from 'pg';
import type { Db, Row, SqlValue } from './db';

const INT8 = 20;
const NUMERIC = 1700;

/** Money and timestamps are BIGINT here and always within Number's safe range. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return types.getTypeParser(oid, format as 'text');
  }) as typeof types.getTypeParser,
};

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function over(client: Pool | PoolClient): Omit<Db, 'transaction' | 'close'> {
  return {
    engine: 'postgres',
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query({ text: numbered(sql), values: params as SqlValue[], types: typeParsers });
      return result.rows as T[];
    },
    async run(sql, params = []) {
      const result = await client.query({ text: numbered(sql), values: params as SqlValue[], types: typeParsers });
      return result.rowCount ?? 0;
    },
  };
}

export function openPostgres(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const noNesting = () => {
    throw new Error('nested transactions are not supported');
  };
  return {
    ...over(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ ...over(client), transaction: noNesting, close: async () => undefined });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
