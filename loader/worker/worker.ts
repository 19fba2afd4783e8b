// `sra worker`: a long-running process for hosts such as Render.
// - runs the daily refresh (SRA_REFRESH_CRON) and the weekly loads
//   (SRA_WEEKLY_CRON), UTC, one at a time: a due run waits for the current
//   one in this process, and the PostgreSQL refresh lock keeps two worker
//   instances from overlapping (the second skips with a log line);
// - runs the in-database jobs of ops.scheduled_job on their schedules when
//   pg_cron does not (each under its own advisory lock), and says which in
//   /status;
// - serves GET / (identity), GET /health (database reachable), GET /status;
// - on SIGTERM stops scheduling, lets the running step finish (or, past the
//   grace period, leaves it to roll back), closes the server and exits 0.
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Cron } from 'croner';
import type { Env } from '../config.ts';
import { makePool } from '../lib/db.ts';
import { log, errorMessage } from '../lib/log.ts';
import { startRun, finishRun } from '../lib/runs.ts';
import { runRefresh, RefreshBusyError, type RefreshKind, type RefreshResult, type RefreshStep } from '../refresh.ts';
import { checkHealth, collectStatus, type SchedulerInfo } from './status.ts';
import pkg from '../../package.json' with { type: 'json' };

export interface WorkerOptions {
  url: string;
  env: Env;
  /** Port to listen on (default env PORT; 0 picks a free one). */
  port?: number;
  host?: string;
  /** Replace the refresh steps (tests). */
  steps?: (kind: RefreshKind) => RefreshStep[] | undefined;
  /** Who runs the in-database jobs: decided from the database (auto) unless forced. */
  inDatabaseJobs?: 'auto' | 'worker' | 'pg_cron';
  /** Statement timeout of /health and /status queries. */
  httpStatementTimeoutMs?: number;
}

export interface ScheduledJob {
  job_name: string;
  schedule: string;
  command: string;
}

export interface Worker {
  port: number;
  /** Run a refresh now, through the same queue as the schedules. */
  trigger(kind: RefreshKind): Promise<RefreshResult | undefined>;
  /** Run one in-database job now, as its schedule would. */
  runJob(name: string): Promise<void>;
  /** Stop scheduling, wait for the running work (up to graceMs), close everything. */
  stop(graceMs?: number): Promise<{ clean: boolean }>;
  readonly scheduler: SchedulerInfo;
}

const SERVICE = 'sra-data worker';

export async function startWorker(o: WorkerOptions): Promise<Worker> {
  const e = o.env;
  const pool = makePool(o.url, 4);
  // /health and /status: their own small pool, short timeouts, so a busy
  // refresh never delays them and a dead database answers "degraded" fast
  const httpPool = new pg.Pool({
    connectionString: o.url,
    max: 2,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 10_000,
    application_name: 'sra-data worker http',
    options: `-c statement_timeout=${o.httpStatementTimeoutMs ?? 5000}`,
  });
  httpPool.on('error', (err) => log.warn(`database connection error: ${err.message}`));
  const startedAt = new Date();
  const stopping = new AbortController();

  // -------------------------------------------------------------- settings
  if (e.SRA_RAW_RETENTION_DAYS !== undefined) {
    await pool.query(`update ops.setting set value = $1, updated_at = now() where name = 'raw_retention_days'`, [
      String(e.SRA_RAW_RETENTION_DAYS),
    ]);
    log.info(`worker: raw retention set to ${e.SRA_RAW_RETENTION_DAYS ? `${e.SRA_RAW_RETENTION_DAYS} days` : 'keep forever'} (SRA_RAW_RETENTION_DAYS)`);
  }
  // the loads' schedules, so the database can tell a job that would run in a load's hour
  await pool.query(
    `update ops.setting as s set value = v.value, updated_at = now()
     from (values ('refresh_schedule', $1::text), ('weekly_schedule', $2::text)) as v (name, value)
     where s.name = v.name and s.value is distinct from v.value`,
    [e.SRA_REFRESH_CRON, e.SRA_WEEKLY_CRON],
  );
  const { rows: clashes } = await pool.query<{ first_schedule: string; second_schedule: string; hours: number[] }>(
    'select * from ops.schedule_clashes()',
  );
  for (const c of clashes) {
    log.warn(`worker: ${c.first_schedule} and ${c.second_schedule} both run in hour ${c.hours.join(', ')} (UTC): move one (ops.scheduled_job, SRA_REFRESH_CRON, SRA_WEEKLY_CRON)`);
  }

  // ------------------------------------------------- in-database jobs: who?
  const { rows: jobs } = await pool.query<ScheduledJob & { cron_job_id: string | null }>(
    `select job_name, schedule, command, cron_job_id from ops.scheduled_job order by job_name`,
  );
  const { rows: cronRows } = await pool.query<{ on: boolean }>(
    `select exists (select 1 from pg_extension where extname = 'pg_cron')
        and not exists (select 1 from ops.scheduled_job where cron_job_id is null) as on`,
  );
  let installed = cronRows[0]!.on;
  if (installed) {
    // pg_cron's own table, where this role may read it: are the jobs still there and active?
    try {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from cron.job as j join ops.scheduled_job as s on s.cron_job_id = j.jobid where j.active`,
      );
      installed = rows[0]!.n === jobs.length;
    } catch {
      // not readable by this role: trust ops.scheduled_job
    }
  }
  const mode = o.inDatabaseJobs ?? 'auto';
  const byPgCron = mode === 'auto' ? installed : mode === 'pg_cron';
  log.info(
    byPgCron
      ? `worker: pg_cron runs the in-database jobs (${jobs.map((j) => j.job_name).join(', ')})`
      : `worker: pg_cron is not installed in this database: the worker runs the in-database jobs (${jobs.map((j) => `${j.job_name} "${j.schedule}"`).join(', ')})`,
  );

  // ------------------------------------------------------------ the queue
  // Loads run one at a time; a load that comes due while another runs waits
  // (at most one waiting per kind).
  let running: string | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const waiting = new Set<RefreshKind>();

  const runLoad = async (kind: RefreshKind): Promise<RefreshResult | undefined> => {
    if (stopping.signal.aborted) return undefined;
    running = `${kind} refresh`;
    try {
      const steps = o.steps?.(kind);
      return await runRefresh(pool, { kind, env: e, signal: stopping.signal, ...(steps ? { steps } : {}) });
    } catch (err) {
      if (err instanceof RefreshBusyError) log.warn(`worker: ${kind} refresh due: ${err.message}`);
      else log.error(`worker: ${kind} refresh: ${errorMessage(err)}`);
      return undefined;
    } finally {
      running = null;
    }
  };

  const trigger = (kind: RefreshKind): Promise<RefreshResult | undefined> => {
    if (stopping.signal.aborted) return Promise.resolve(undefined);
    if (running && waiting.has(kind)) {
      log.info(`worker: ${kind} refresh due while the ${running} runs; one is already waiting`);
      return current.then(() => undefined);
    }
    if (running) log.info(`worker: ${kind} refresh due while the ${running} runs: it starts right after`);
    waiting.add(kind);
    const p = current.then(() => {
      waiting.delete(kind);
      return runLoad(kind);
    });
    current = p.catch(() => undefined);
    return p;
  };

  // -------------------------------------------------------- in-database jobs
  const jobRunning = new Set<string>();
  const jobPromises = new Set<Promise<void>>();
  const runJob = async (name: string): Promise<void> => {
    const job = jobs.find((j) => j.job_name === name);
    if (!job) throw new Error(`unknown job "${name}"`);
    if (stopping.signal.aborted || jobRunning.has(name)) return;
    jobRunning.add(name);
    const p = (async () => {
      const c = await pool.connect();
      let locked = false;
      try {
        // one instance at a time across workers; a busy job skips this tick
        const { rows } = await c.query<{ ok: boolean }>(`select pg_try_advisory_lock(hashtext('sra.job'), hashtext($1)) as ok`, [name]);
        locked = rows[0]!.ok;
        if (!locked) {
          log.info(`worker: job ${name}: running elsewhere, skipped`);
          return;
        }
        const runId = await startRun(pool, 'job', name);
        const t0 = performance.now();
        try {
          // a command may be several statements (`set local role …; select …`),
          // run as one implicit transaction as pg_cron runs it: its last result counts
          const res: pg.QueryResult | pg.QueryResult[] = await c.query(job.command);
          const r = Array.isArray(res) ? res[res.length - 1]! : res;
          await finishRun(pool, runId, { status: 'completed', records: r.rowCount ?? 0, metrics: { rows: r.rows.slice(0, 50), ms: Math.round(performance.now() - t0) } });
          log.debug(`worker: job ${name} completed in ${Math.round(performance.now() - t0)} ms`);
        } catch (err) {
          await finishRun(pool, runId, { status: 'failed', errors: [{ message: errorMessage(err) }] });
          log.error(`worker: job ${name} failed: ${errorMessage(err)}`);
        }
      } finally {
        if (locked) await c.query(`select pg_advisory_unlock(hashtext('sra.job'), hashtext($1))`, [name]).catch(() => undefined);
        c.release();
      }
    })();
    jobPromises.add(p);
    try {
      await p;
    } finally {
      jobPromises.delete(p);
      jobRunning.delete(name);
    }
  };

  // ------------------------------------------------------------ schedules
  const crons: Cron[] = [];
  const daily = new Cron(e.SRA_REFRESH_CRON, { timezone: 'UTC' }, () => void trigger('daily'));
  const weekly = new Cron(e.SRA_WEEKLY_CRON, { timezone: 'UTC' }, () => void trigger('weekly'));
  crons.push(daily, weekly);
  const jobCrons = new Map<string, Cron>();
  if (!byPgCron) {
    for (const j of jobs) {
      const c = new Cron(j.schedule, { timezone: 'UTC' }, () => void runJob(j.job_name).catch((err) => log.error(errorMessage(err))));
      crons.push(c);
      jobCrons.set(j.job_name, c);
    }
  }

  const scheduler = (): SchedulerInfo => ({
    in_database_jobs: byPgCron ? 'pg_cron' : 'worker',
    jobs: jobs.map((j) => ({
      job_name: j.job_name,
      schedule: j.schedule,
      command: j.command,
      runner: byPgCron ? 'pg_cron' : 'worker',
      next_run: jobCrons.get(j.job_name)?.nextRun()?.toISOString() ?? null,
    })),
    loads: [
      { name: 'daily refresh', schedule: e.SRA_REFRESH_CRON, next_run: daily.nextRun()?.toISOString() ?? null },
      { name: 'weekly refresh', schedule: e.SRA_WEEKLY_CRON, next_run: weekly.nextRun()?.toISOString() ?? null },
    ],
    running: running ?? (jobRunning.size ? [...jobRunning].join(', ') : null),
  });

  // ------------------------------------------------------------ HTTP
  const identity = () => ({
    service: SERVICE,
    version: pkg.version,
    host: os.hostname(),
    started_at: startedAt.toISOString(),
    uptime_s: Math.round((Date.now() - startedAt.getTime()) / 1000),
    endpoints: ['/', '/health', '/status'],
  });
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body, null, 2);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://worker');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'only GET' });
    const handle = async () => {
      switch (url.pathname) {
        case '/':
          return send(res, 200, identity());
        case '/health': {
          const h = await checkHealth(httpPool);
          return send(res, h.status === 'ok' ? 200 : 503, { ...h, service: SERVICE, version: pkg.version, stopping: stopping.signal.aborted });
        }
        case '/status': {
          const h = await checkHealth(httpPool);
          if (h.status !== 'ok') return send(res, 503, { ...identity(), health: h, scheduler: scheduler() });
          return send(res, 200, { ...identity(), health: h, ...(await collectStatus(httpPool, scheduler())) });
        }
        default:
          return send(res, 404, { error: `no such path: ${url.pathname}`, endpoints: ['/', '/health', '/status'] });
      }
    };
    handle().catch((err) => send(res, 500, { error: errorMessage(err) }));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? e.PORT, o.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info(
    `worker: listening on :${port}; daily refresh "${e.SRA_REFRESH_CRON}" (next ${daily.nextRun()?.toISOString()}), weekly "${e.SRA_WEEKLY_CRON}" (next ${weekly.nextRun()?.toISOString()}), UTC`,
  );

  let stopped: Promise<{ clean: boolean }> | undefined;
  const stop = (graceMs = e.SRA_SHUTDOWN_GRACE_MS): Promise<{ clean: boolean }> => {
    stopped ??= (async () => {
      for (const c of crons) c.stop();
      stopping.abort();
      const work = Promise.all([current, ...jobPromises]).then(() => true);
      if (running || jobPromises.size) log.info(`worker: stopping: waiting up to ${Math.round(graceMs / 1000)}s for the ${scheduler().running} to finish its step`);
      let timer: NodeJS.Timeout | undefined;
      const clean = await Promise.race([work, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), graceMs)))]);
      clearTimeout(timer);
      if (!clean) log.warn('worker: grace period over: the running step\'s transaction rolls back when its connection closes');
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await httpPool.end().catch(() => undefined);
      if (clean) await pool.end().catch(() => undefined);
      log.info(`worker: stopped${clean ? '' : ' (work interrupted)'}`);
      return { clean };
    })();
    return stopped;
  };

  return {
    port,
    trigger,
    runJob,
    stop,
    get scheduler() {
      return scheduler();
    },
  };
}
