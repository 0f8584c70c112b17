/**
 * The store engines the same tests run against: SQLite always, PostgreSQL at
 * TEST_DATABASE_URL (default: the local server). Locally, a missing PostgreSQL skips
 * its half with a note; under CI it fails, never skips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function postgresReachable(): boolean {
  try {
    const url = new URL(TEST_DATABASE_URL);
    execFileSync('pg_isready', ['-h', url.hostname, '-p', url.port || '5432', '-t', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A PostgreSQL schema of its own, so parallel suites never share tables. */
async function freshPostgres(): Promise<TestDatabase> {
  const schema = `saldo_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A SQLite file of its own, so several processes can share it. */
async function freshSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-store-'));
  return {
    url: `sqlite:${path.join(dir, 'saldo.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  fresh(): Promise<TestDatabase>;
}

const sqlite: Engine = { name: 'sqlite', fresh: freshSqlite };
const postgres: Engine = { name: 'postgres', fresh: freshPostgres };

/** The engines to test here: PostgreSQL is required under CI. */
export function engines(): Engine[] {
  if (process.env.CI || postgresReachable()) return [sqlite, postgres];
  console.warn(`PostgreSQL at ${TEST_DATABASE_URL} is not reachable: its tests are skipped (they fail under CI).`);
  return [sqlite];
}
