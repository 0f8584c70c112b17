/** Opens the engine DATABASE_URL names and brings its schema up to date. */
import type { Db } from './db';
import { migrate } from './migrations';

/** `migrated` hears which migration versions this start applied (none when the schema was current). */
export async function openStore(databaseUrl: string, migrated?: (versions: number[]) => void): Promise<Db> {
  // Only the engine in use is loaded: a SQLite deployment never pays for pg, nor the reverse.
  const db = databaseUrl.startsWith('sqlite:')
    ? (await import('./sqlite')).openSqlite(databaseUrl.slice('sqlite:'.length))
    : (await import('./postgres')).openPostgres(databaseUrl);
  try {
    migrated?.(await migrate(db));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
