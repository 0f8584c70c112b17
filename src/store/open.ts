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
    const applied = await migrate(db);
    migrated?.(applied);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/** DATABASE_URL without its password, fit for a log line or an error. */
export function describeDatabaseUrl(url: string): string {
  if (url.startsWith('sqlite:')) return url;
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}
