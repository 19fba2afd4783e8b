// Connections: DATABASE_URL when given; otherwise (demo) an embedded PostgreSQL
// in the local data folder, started on demand and stopped on exit.
import pg from 'pg';
import type { Env } from '../config.ts';
import { log } from './log.ts';
import { startEmbedded } from './embedded.ts';

// numeric and bigint come back as strings: exact to the cent, never floats.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export function makePool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'sra-data' });
  pool.on('error', (err) => log.warn(`database connection error: ${err.message}`));
  return pool;
}

/** Run fn in one transaction: commit on success, roll back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (err) {
    await c.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL, or an embedded PostgreSQL kept in SRA_DATA_DIR/pgdata (./embedded.ts). */
export async function resolveDatabase(e: Env): Promise<Database> {
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, stop: async () => undefined };
  const server = await startEmbedded({ dataDir: e.SRA_DATA_DIR, port: e.SRA_EMBEDDED_PORT, binDir: e.SRA_POSTGRES_BIN_DIR });
  return { url: server.url, embedded: true, stop: server.stop };
}
