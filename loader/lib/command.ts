// Shared by the CLI commands: open the database (DATABASE_URL or the embedded
// one), run, close.
import { env, dbTimeouts, type Env } from '../config.ts';
import { makePool, resolveDatabase, type Database, type Pool } from './db.ts';

/** Exit codes: 0 ok, 1 failure, 2 usage/configuration, 3 partial (some inputs failed). */
export const EXIT = { ok: 0, failed: 1, usage: 2, partial: 3 } as const;

export async function withDatabase<T>(fn: (db: Database, pool: Pool, e: Env) => Promise<T>): Promise<T> {
  const e = env();
  const db = await resolveDatabase(e);
  const pool = makePool(db.url, 4, dbTimeouts(e));
  try {
    return await fn(db, pool, e);
  } finally {
    await pool.end();
    // connections still closing when an embedded server stops are not errors
    pool.removeAllListeners('error');
    pool.on('error', () => undefined);
    await db.stop();
  }
}
