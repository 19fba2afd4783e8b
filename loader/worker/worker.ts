// `sra worker`: a long-running process for hosts such as Render.
// - listens first: GET / (identity) and GET /health (a cached database probe,
//   503 while the database does not answer) work before and without the
//   database; GET /status and GET /metrics (Prometheus) are for operators
//   (loader/worker/http.ts says who may read them);
// - runs the daily refresh (SRA_REFRESH_CRON, at the New York close), the
//   weekly loads (SRA_WEEKLY_CRON) and the FMP backfill of open gap requests
//   (SRA_BACKFILL_CRON), UTC, one at a time: a due run waits for the current
//   one in this process, and the PostgreSQL refresh lock keeps two worker
//   instances from overlapping (the second skips with a log line);
// - runs the in-database jobs of ops.scheduled_job on their schedules when
//   pg_cron does not (each under its own advisory lock); until it reaches the
//   database it retries, and says so in /status;
// - on SIGTERM stops scheduling and lets the running step finish; a step
//   still running near the end of the grace period has its statement
//   cancelled in the server (pg_cancel_backend), rolls back and is recorded
//   'cancelled'; then the server closes and the process exits 0.
// Its parts, in order: start() → listen() → probe → setUp() (settings, who
// runs the jobs) → schedule(); trigger()/runJob() run work; stop() shuts down.
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { Cron } from 'croner';
import { dbTimeouts, type Env } from '../config.ts';
import { makePool } from '../lib/db.ts';
import { log, errorMessage } from '../lib/log.ts';
import { startRun, finishRun } from '../lib/runs.ts';
import { runRefresh, RefreshBusyError, type RefreshKind, type RefreshResult, type RefreshStep } from '../refresh.ts';
import { collectStatus, type SchedulerInfo } from './status.ts';
import { HealthProbe } from './health.ts';
import { WorkerMetrics } from './metrics.ts';
import { refuse, sendJson, sendText } from './http.ts';
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
  /** Statement timeout of the /status and /metrics queries (default SRA_STATUS_TIMEOUT_MS). */
  httpStatementTimeoutMs?: number;
  /** Time between two attempts to reach the database at start (default 5 s). */
  setUpRetryMs?: number;
}

export interface ScheduledJob {
  job_name: string;
  schedule: string;
  command: string;
}

const SERVICE = 'sra-data worker';
const ENDPOINTS = ['/', '/health', '/status', '/metrics'];
/** SQLSTATE of a statement cancelled by pg_cancel_backend. */
const QUERY_CANCELED = '57014';

/** Wait ms, or less when signal aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    t.unref();
    signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
  });
/** true when p settles within ms. */
const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), Math.max(0, ms)).unref())]);

export class Worker {
  readonly env: Env;
  /** The work: refreshes and in-database jobs. */
  readonly pool: pg.Pool;
  /** /status and /metrics: their own connections with a short statement timeout, so a busy refresh never delays them. */
  private readonly statusPool: pg.Pool;
  readonly probe: HealthProbe;
  private readonly metrics: WorkerMetrics;
  private readonly server: http.Server;
  private readonly startedAt = new Date();
  private readonly stopping = new AbortController();
  port = 0;

  // who runs the in-database jobs, once the database told us
  private jobs: ScheduledJob[] = [];
  private byPgCron: boolean | null = null;
  private setUpLoop: Promise<void> | undefined;

  private readonly crons: Cron[] = [];
  private readonly jobCrons = new Map<string, Cron>();
  private daily: Cron | undefined;
  private weekly: Cron | undefined;
  private backfill: Cron | undefined;

  // the queue: loads one at a time, at most one waiting per kind
  private running: string | null = null;
  private current: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Set<RefreshKind>();
  private readonly jobRunning = new Set<string>();
  private readonly jobPromises = new Set<Promise<void>>();

  /** Server process ids of the work pool's connections: what stop() may cancel. */
  private readonly backends = new Set<number>();
  private stopped: Promise<{ clean: boolean; cancelled: number }> | undefined;

  constructor(private readonly o: WorkerOptions) {
    this.env = o.env;
    const t = dbTimeouts(o.env);
    this.pool = makePool(o.url, 4, { ...t, application_name: 'sra-data worker' });
    this.pool.on('connect', (c) => {
      const pid = (c as pg.PoolClient & { processID?: number }).processID;
      if (pid) this.backends.add(pid);
    });
    this.pool.on('remove', (c) => this.backends.delete((c as pg.PoolClient & { processID?: number }).processID ?? 0));
    const statusMs = o.httpStatementTimeoutMs ?? o.env.SRA_STATUS_TIMEOUT_MS;
    this.statusPool = makePool(o.url, 2, {
      application_name: 'sra-data worker http',
      connectTimeoutMs: t.connectTimeoutMs,
      statementTimeoutMs: statusMs,
      queryTimeoutMs: statusMs + 1000,
      idleInTransactionTimeoutMs: 0,
      idleTimeoutMs: 10_000,
    });
    this.probe = new HealthProbe(o.url, { timeoutMs: o.env.SRA_HEALTH_TIMEOUT_MS, intervalMs: o.env.SRA_HEALTH_INTERVAL_MS });
    this.metrics = new WorkerMetrics(this.statusPool, () => this.probe.current());
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  // ------------------------------------------------------------ start

  /** Listen, probe the database, set up and schedule; resolves once listening and set up (or retrying in the background). */
  async start(): Promise<this> {
    await this.listen();
    // stopped while it was starting (a signal during start-up): schedule nothing
    if (this.stopping.signal.aborted) return this;
    this.scheduleLoads();
    await this.probe.start();
    if (this.stopping.signal.aborted) return this;
    try {
      await this.setUp();
    } catch (err) {
      log.warn(
        `worker: database not reachable yet (${errorMessage(err)}): retrying every ${Math.round((this.o.setUpRetryMs ?? 5000) / 1000)}s; /health answers 503 meanwhile`,
      );
      this.setUpLoop = this.retrySetUp();
    }
    return this;
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port ?? this.env.PORT, this.o.host ?? '0.0.0.0', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    log.info(`worker: listening on :${this.port}`);
  }

  private scheduleLoads(): void {
    const e = this.env;
    this.daily = new Cron(e.SRA_REFRESH_CRON, { timezone: 'UTC' }, () => void this.dailyAtClose());
    this.weekly = new Cron(e.SRA_WEEKLY_CRON, { timezone: 'UTC' }, () => void this.trigger('weekly'));
    this.backfill = new Cron(e.SRA_BACKFILL_CRON, { timezone: 'UTC' }, () => void this.trigger('backfill'));
    this.crons.push(this.daily, this.weekly, this.backfill);
    log.info(
      `worker: daily refresh "${e.SRA_REFRESH_CRON}"${e.SRA_REFRESH_AT_CLOSE === 'on' ? ' at 16:30 New York' : ''} (next ${this.daily.nextRun()?.toISOString()}), weekly "${e.SRA_WEEKLY_CRON}" (next ${this.weekly.nextRun()?.toISOString()}), backfill "${e.SRA_BACKFILL_CRON}" (next ${this.backfill.nextRun()?.toISOString()}), UTC`,
    );
  }

  /**
   * The daily refresh fires at 20:30 and 21:30 UTC; with SRA_REFRESH_AT_CLOSE
   * on, only the firing that is 16:30 in New York (summer or winter time) goes
   * ahead: the database's ops.new_york_close_due decides (docs/CONTINUITY.md).
   */
  async dailyAtClose(at: Date = new Date()): Promise<RefreshResult | undefined> {
    if (this.env.SRA_REFRESH_AT_CLOSE === 'on') {
      try {
        const { rows } = await this.pool.query<{ due: boolean }>('select ops.new_york_close_due($1) as due', [at]);
        if (!rows[0]!.due) {
          log.info(`worker: daily refresh: ${at.toISOString()} is not 16:30 in New York; the other firing runs it`);
          return undefined;
        }
      } catch (err) {
        log.error(`worker: daily refresh: could not ask the database for the New York time: ${errorMessage(err)}`);
        return undefined;
      }
    }
    return this.trigger('daily');
  }

  private async retrySetUp(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      await sleep(this.o.setUpRetryMs ?? 5000, this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      try {
        await this.setUp();
        log.info('worker: database reached');
        return;
      } catch (err) {
        log.debug(`worker: database still not reachable: ${errorMessage(err)}`);
      }
    }
  }

  /** The first queries: the retention setting, the in-database jobs and who runs them; then their schedules. */
  private async setUp(): Promise<void> {
    const e = this.env;
    if (e.SRA_RAW_RETENTION_DAYS !== undefined) {
      await this.pool.query(`update ops.setting set value = $1, updated_at = now() where name = 'raw_retention_days'`, [
        String(e.SRA_RAW_RETENTION_DAYS),
      ]);
      log.info(
        `worker: raw retention set to ${e.SRA_RAW_RETENTION_DAYS ? `${e.SRA_RAW_RETENTION_DAYS} days` : 'keep forever'} (SRA_RAW_RETENTION_DAYS)`,
      );
    }
    // the loads' schedules, so the database can tell a job that would run in a load's hour
    await this.pool.query(
      `update ops.setting as s set value = v.value, updated_at = now()
       from (values ('refresh_schedule', $1::text), ('weekly_schedule', $2::text), ('backfill_schedule', $3::text)) as v (name, value)
       where s.name = v.name and s.value is distinct from v.value`,
      [e.SRA_REFRESH_CRON, e.SRA_WEEKLY_CRON, e.SRA_BACKFILL_CRON],
    );
    const { rows: clashes } = await this.pool.query<{ first_schedule: string; second_schedule: string; hours: number[] }>(
      'select * from ops.schedule_clashes()',
    );
    for (const c of clashes) {
      log.warn(
        `worker: ${c.first_schedule} and ${c.second_schedule} both run in hour ${c.hours.join(', ')} (UTC): move one (ops.scheduled_job, SRA_REFRESH_CRON, SRA_WEEKLY_CRON, SRA_BACKFILL_CRON)`,
      );
    }
    const { rows: jobs } = await this.pool.query<ScheduledJob>(
      `select job_name, schedule, command from ops.scheduled_job order by job_name`,
    );
    const { rows: cronRows } = await this.pool.query<{ on: boolean }>(
      `select exists (select 1 from pg_extension where extname = 'pg_cron')
          and not exists (select 1 from ops.scheduled_job where cron_job_id is null) as on`,
    );
    let installed = cronRows[0]!.on;
    if (installed) {
      // pg_cron's own table, where this role may read it: are the jobs still there and active?
      try {
        const { rows } = await this.pool.query<{ n: number }>(
          `select count(*)::int as n from cron.job as j join ops.scheduled_job as s on s.cron_job_id = j.jobid where j.active`,
        );
        installed = rows[0]!.n === jobs.length;
      } catch {
        // not readable by this role: trust ops.scheduled_job
      }
    }
    const mode = this.o.inDatabaseJobs ?? 'auto';
    this.jobs = jobs;
    this.byPgCron = mode === 'auto' ? installed : mode === 'pg_cron';
    log.info(
      this.byPgCron
        ? `worker: pg_cron runs the in-database jobs (${jobs.map((j) => j.job_name).join(', ')})`
        : `worker: pg_cron is not installed in this database: the worker runs the in-database jobs (${jobs.map((j) => `${j.job_name} "${j.schedule}"`).join(', ')})`,
    );
    this.scheduleJobs();
  }

  private scheduleJobs(): void {
    if (this.byPgCron || this.stopping.signal.aborted) return;
    for (const j of this.jobs) {
      const c = new Cron(j.schedule, { timezone: 'UTC' }, () => void this.runJob(j.job_name).catch((err) => log.error(errorMessage(err))));
      this.crons.push(c);
      this.jobCrons.set(j.job_name, c);
    }
  }

  // ------------------------------------------------------------ work

  /** Run a refresh now, through the same queue as the schedules. */
  trigger(kind: RefreshKind): Promise<RefreshResult | undefined> {
    if (this.stopping.signal.aborted) return Promise.resolve(undefined);
    if (this.running && this.waiting.has(kind)) {
      log.info(`worker: ${kind} refresh due while the ${this.running} runs; one is already waiting`);
      return this.current.then(() => undefined);
    }
    if (this.running) log.info(`worker: ${kind} refresh due while the ${this.running} runs: it starts right after`);
    this.waiting.add(kind);
    const p = this.current.then(() => {
      this.waiting.delete(kind);
      return this.runLoad(kind);
    });
    this.current = p.catch(() => undefined);
    return p;
  }

  private async runLoad(kind: RefreshKind): Promise<RefreshResult | undefined> {
    if (this.stopping.signal.aborted) return undefined;
    this.running = `${kind} refresh`;
    try {
      const steps = this.o.steps?.(kind);
      return await runRefresh(this.pool, { kind, env: this.env, signal: this.stopping.signal, ...(steps ? { steps } : {}) });
    } catch (err) {
      if (err instanceof RefreshBusyError) log.warn(`worker: ${kind} refresh due: ${err.message}`);
      else log.error(`worker: ${kind} refresh: ${errorMessage(err)}`);
      return undefined;
    } finally {
      this.running = null;
    }
  }

  /** Run one in-database job now, as its schedule would. */
  async runJob(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.job_name === name);
    if (!job) throw new Error(`unknown job "${name}"${this.byPgCron === null ? ' (the worker has not reached the database yet)' : ''}`);
    if (this.stopping.signal.aborted || this.jobRunning.has(name)) return;
    this.jobRunning.add(name);
    const p = this.runJobOnce(job);
    this.jobPromises.add(p);
    try {
      await p;
    } finally {
      this.jobPromises.delete(p);
      this.jobRunning.delete(name);
    }
  }

  private async runJobOnce(job: ScheduledJob): Promise<void> {
    const name = job.job_name;
    const c = await this.pool.connect();
    let locked = false;
    try {
      // one instance at a time across workers; a busy job skips this tick
      const { rows } = await c.query<{ ok: boolean }>(`select pg_try_advisory_lock(hashtext('sra.job'), hashtext($1)) as ok`, [name]);
      locked = rows[0]!.ok;
      if (!locked) {
        log.info(`worker: job ${name}: running elsewhere, skipped`);
        return;
      }
      const runId = await startRun(this.pool, 'job', name);
      const t0 = performance.now();
      try {
        // a command may be several statements (`set local role …; select …`),
        // run as one implicit transaction as pg_cron runs it: its last result counts
        const res: pg.QueryResult | pg.QueryResult[] = await c.query(job.command);
        const r = Array.isArray(res) ? res[res.length - 1]! : res;
        await finishRun(this.pool, runId, {
          status: 'completed',
          records: r.rowCount ?? 0,
          metrics: { rows: r.rows.slice(0, 50), ms: Math.round(performance.now() - t0) },
        });
        log.debug(`worker: job ${name} completed in ${Math.round(performance.now() - t0)} ms`);
      } catch (err) {
        const cancelled = this.stopping.signal.aborted && (err as { code?: string }).code === QUERY_CANCELED;
        await finishRun(this.pool, runId, { status: cancelled ? 'cancelled' : 'failed', errors: [{ message: errorMessage(err) }] });
        if (cancelled) log.warn(`worker: job ${name} cancelled: the worker is stopping`);
        else log.error(`worker: job ${name} failed: ${errorMessage(err)}`);
      }
    } finally {
      if (locked) await c.query(`select pg_advisory_unlock(hashtext('sra.job'), hashtext($1))`, [name]).catch(() => undefined);
      c.release();
    }
  }

  // ------------------------------------------------------------ HTTP

  get scheduler(): SchedulerInfo {
    const runner = this.byPgCron === null ? null : this.byPgCron ? 'pg_cron' : 'worker';
    return {
      in_database_jobs: runner,
      jobs: this.jobs.map((j) => ({
        job_name: j.job_name,
        schedule: j.schedule,
        command: j.command,
        runner: runner ?? 'worker',
        next_run: this.jobCrons.get(j.job_name)?.nextRun()?.toISOString() ?? null,
      })),
      loads: [
        { name: 'daily refresh', schedule: this.env.SRA_REFRESH_CRON, next_run: this.daily?.nextRun()?.toISOString() ?? null },
        { name: 'weekly refresh', schedule: this.env.SRA_WEEKLY_CRON, next_run: this.weekly?.nextRun()?.toISOString() ?? null },
        { name: 'backfill', schedule: this.env.SRA_BACKFILL_CRON, next_run: this.backfill?.nextRun()?.toISOString() ?? null },
      ],
      running: this.running ?? (this.jobRunning.size ? [...this.jobRunning].join(', ') : null),
    };
  }

  private identity() {
    return {
      service: SERVICE,
      version: pkg.version,
      host: os.hostname(),
      started_at: this.startedAt.toISOString(),
      uptime_s: Math.round((Date.now() - this.startedAt.getTime()) / 1000),
      endpoints: ENDPOINTS,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://worker');
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'only GET' });
      switch (url.pathname) {
        case '/':
          return sendJson(res, 200, this.identity());
        case '/health': {
          const h = this.probe.current();
          return sendJson(res, h.status === 'ok' ? 200 : 503, {
            ...h,
            service: SERVICE,
            version: pkg.version,
            stopping: this.stopping.signal.aborted,
          });
        }
        case '/status': {
          if (refuse(req, res, this.env.SRA_ADMIN_TOKEN)) return;
          const h = this.probe.current();
          if (h.status !== 'ok') return sendJson(res, 503, { ...this.identity(), health: h, scheduler: this.scheduler });
          return sendJson(res, 200, { ...this.identity(), health: h, ...(await collectStatus(this.statusPool, this.scheduler)) });
        }
        case '/metrics': {
          if (refuse(req, res, this.env.SRA_ADMIN_TOKEN)) return;
          const text = await this.metrics.render();
          return sendText(res, 200, this.metrics.contentType, text);
        }
        default:
          return sendJson(res, 404, { error: `no such path: ${url.pathname}`, endpoints: ENDPOINTS });
      }
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: errorMessage(err) });
      else res.end();
    }
  }

  // ------------------------------------------------------------ shutdown

  /**
   * Stop scheduling and let the running work finish; a statement still
   * running when the grace period nears its end (its last 3 s, or last half
   * when shorter than 6 s) is cancelled in the server, so the work ends
   * within graceMs.
   */
  stop(graceMs = this.env.SRA_SHUTDOWN_GRACE_MS): Promise<{ clean: boolean; cancelled: number }> {
    this.stopped ??= this.shutdown(graceMs);
    return this.stopped;
  }

  private async shutdown(graceMs: number): Promise<{ clean: boolean; cancelled: number }> {
    const deadline = Date.now() + graceMs;
    for (const c of this.crons) c.stop();
    this.stopping.abort();
    const work = Promise.all([this.current, ...this.jobPromises, this.setUpLoop]);
    const busy = this.scheduler.running;
    if (busy) log.info(`worker: stopping: waiting up to ${(graceMs / 1000).toFixed(1)}s for the ${busy} to finish its step`);
    let cancelled = 0;
    let clean = await within(work, graceMs - Math.min(3000, graceMs / 2));
    if (!clean) {
      cancelled = await this.cancelRunning();
      clean = await within(work, deadline - Date.now());
    }
    if (!clean) log.warn("worker: grace period over: the running step's transaction rolls back when its connection closes");
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    // from here every step is bounded: a busy or silent database never keeps
    // the process more than a few seconds past its grace period
    await within(this.probe.stop(), 1000);
    if (!clean || cancelled) {
      const closing = this.closeOwnRuns().catch((err) => log.warn(`worker: could not close its runs: ${errorMessage(err)}`));
      if (!(await within(closing, 2000))) log.warn('worker: could not record its cut-off runs as cancelled in time');
    }
    await within(this.statusPool.end(), 1000);
    await within(this.pool.end(), clean ? 2000 : 500);
    log.info(`worker: stopped${cancelled ? ` (${cancelled} statement(s) cancelled)` : ''}${clean ? '' : ' (work interrupted)'}`);
    return { clean, cancelled };
  }

  /** Cancel the statements the work pool's connections are running, from another connection. */
  private async cancelRunning(): Promise<number> {
    if (!this.backends.size) return 0;
    try {
      const { rows } = await this.statusPool.query<{ pid: number; query: string }>(
        `with active as materialized (
             select a.pid, left(a.query, 200) as query
             from pg_stat_activity as a
             where a.pid = any($1::int[]) and a.state = 'active'
         )
         select pid, query from active where pg_cancel_backend(pid)`,
        [[...this.backends]],
      );
      for (const r of rows)
        log.warn(`worker: grace period ending: cancelled the running statement of backend ${r.pid} (${r.query.replace(/\s+/g, ' ')})`);
      return rows.length;
    } catch (err) {
      log.warn(`worker: could not cancel the running statements: ${errorMessage(err)}`);
      return 0;
    }
  }

  /** Runs of this process still 'running' (their step was cut off) become 'cancelled'. */
  private async closeOwnRuns(): Promise<void> {
    const { rowCount } = await this.statusPool.query(
      `update ops.task_run set status = 'cancelled', finished_at = clock_timestamp(),
           error_count = error_count + 1,
           error_details = error_details || jsonb_build_array(jsonb_build_object('message', 'the worker stopped before the task finished'))
       where status = 'running' and host = $1 and pid = $2 and started_at >= $3`,
      [os.hostname(), process.pid, this.startedAt],
    );
    if (rowCount) log.warn(`worker: ${rowCount} run(s) still running recorded as cancelled`);
  }
}

/** Start a worker: listening at once, set up as soon as the database answers. */
export async function startWorker(o: WorkerOptions): Promise<Worker> {
  return new Worker(o).start();
}
