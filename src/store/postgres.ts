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

/** The code's queries are a fixed set; a bound keeps a mistake from preparing without end. */
const MAX_PREPARED = 500;
const DATA_STATEMENT = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

interface Statement {
  readonly text: string;
  /** Data statements are prepared once per connection under this name (parsed and planned once). */
  readonly name?: string;
}

/** Each SQL text is numbered and named once per process. */
function statements(): (sql: string) => Statement {
  const known = new Map<string, Statement>();
  return (sql) => {
    let statement = known.get(sql);
    if (!statement) {
      const prepared = DATA_STATEMENT.test(sql) && known.size < MAX_PREPARED;
      statement = { text: numbered(sql), ...(prepared ? { name: `saldo_${known.size}` } : {}) };
      known.set(sql, statement);
    }
    return statement;
  };
}

function over(client: Pool | PoolClient, statement: (sql: string) => Statement): Omit<Db, 'transaction' | 'close'> {
  const config = (sql: string, params: readonly SqlValue[]) => ({
    ...statement(sql),
    values: params as SqlValue[],
    types: typeParsers,
  });
  return {
    engine: 'postgres',
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(config(sql, params))).rows as T[];
    },
    async run(sql, params = []) {
      return (await client.query(config(sql, params))).rowCount ?? 0;
    },
  };
}

export function openPostgres(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const statement = statements();
  const noNesting = () => {
    throw new Error('nested transactions are not supported');
  };
  return {
    ...over(pool, statement),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ ...over(client, statement), transaction: noNesting, close: async () => undefined });
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
