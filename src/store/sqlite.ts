/**
 * SQLite through better-sqlite3. One connection per process; its calls are synchronous,
 * so a transaction that awaits must not let other callers' statements slip into it:
 * every use of the connection waits its turn in one queue. Across processes, WAL mode,
 * a busy timeout and BEGIN IMMEDIATE serialise writers.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db, Row, SqlValue } from './db';

const FOR_UPDATE = /\s+FOR\s+UPDATE\b/gi;

/**
 * The native addon builds its errors once, in whichever JavaScript realm first loaded
 * it; a fresh Error (with SQLite's code) behaves the same in every realm and engine.
 */
function storeError(error: unknown): Error {
  const message = error instanceof Object && 'message' in error ? String(error.message) : String(error);
  const code = error instanceof Object && 'code' in error ? String(error.code) : undefined;
  return Object.assign(new Error(message), code ? { code } : {});
}

export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 10000');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql.replace(FOR_UPDATE, ''));
      statements.set(sql, statement);
    }
    return statement;
  };

  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  }

  const direct: Db = {
    engine: 'sqlite',
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      try {
        const statement = prepare(sql);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
      } catch (error) {
        throw storeError(error);
      }
    },
    async run(sql, params = []) {
      try {
        return prepare(sql).run(...params).changes;
      } catch (error) {
        throw storeError(error);
      }
    },
    transaction: () => {
      throw new Error('nested transactions are not supported');
    },
    close: async () => undefined,
  };

  return {
    engine: 'sqlite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    run: (sql, params) => exclusive(() => direct.run(sql, params)),
    transaction: (work) =>
      exclusive(async () => {
        connection.prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await work(direct);
          connection.prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (connection.inTransaction) connection.prepare('ROLLBACK').run();
          throw error;
        }
      }),
    close: () => exclusive(() => void connection.close()),
  };
}
