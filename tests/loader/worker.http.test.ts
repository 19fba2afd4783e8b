import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { serverUrl } from '../helpers/urls.ts';
import { parseEnv } from '../../loader/config.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { startWorker, type Worker } from '../../loader/worker/worker.ts';
import { transformsStep, aggregatesStep, type RefreshStep } from '../../loader/refresh.ts';
import { ROOT } from '../../loader/migrate.ts';
import pkg from '../../package.json' with { type: 'json' };
import { getJson } from '../helpers/http.ts';

const get = getJson;

function tmpCsv(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A step that takes a while inside the database, in its own transaction. */
function slowStep(name: string, seconds: number): RefreshStep {
  return {
    name,
    async run({ pool }) {
      await pool.query(`select pg_sleep($1)`, [seconds]);
      return { status: 'completed', summary: `slept ${seconds}s` };
    },
  };
}

describe('sra worker: HTTP endpoints and schedules', () => {
  let db: TestDb;
  let worker: Worker;
  const env = () => parseEnv({ DATABASE_URL: db.url, SRA_RAW_RETENTION_DAYS: '400' });

  beforeAll(async () => {
    db = await freshDb();
    await landCsvFile(db.pool, {
      file: tmpCsv('quotes.csv', 'InstrumentKey,Date,NAVPS\nW1,2024-04-01,10.00\nW1,2024-04-02,10.10\n'),
      dataset: 'fundata.quotes',
      source: 'fundata',
      origin: 'csv',
    });
    worker = await startWorker({
      url: db.url,
      env: env(),
      port: 0,
      host: '127.0.0.1',
      // no network: the refresh runs its in-database steps only
      steps: () => [transformsStep, aggregatesStep],
    });
  });
  afterAll(async () => {
    await worker?.stop(1000);
    await db?.drop();
  });

  it('GET / names the service and its version', async () => {
    const r = await get(worker.port, '/');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ service: 'sra-data worker', version: pkg.version });
  });

  it('GET /health answers 200 ok fast while the database is reachable', async () => {
    const r = await get(worker.port, '/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(r.ms).toBeLessThan(1000);
  });

  it('writes SRA_RAW_RETENTION_DAYS into ops.setting for the retention job', async () => {
    const { rows } = await db.pool.query(`select value from ops.setting where name = 'raw_retention_days'`);
    expect(rows[0].value).toBe('400');
  });

  it('records its load schedules, so the database can tell a job that would share their hour', async () => {
    const { rows } = await db.pool.query(
      `select name, value from ops.setting where name in ('backfill_schedule', 'refresh_schedule', 'weekly_schedule') order by name`,
    );
    expect(rows).toEqual([
      { name: 'backfill_schedule', value: '0 11 * * 1-6' },
      { name: 'refresh_schedule', value: '30 20,21 * * 1-5' },
      { name: 'weekly_schedule', value: '0 3 * * 0' },
    ]);
    const { rows: clashes } = await db.pool.query('select * from ops.schedule_clashes()');
    expect(clashes).toEqual([]);
  });

  it('GET /status before any run: the worker runs the in-database jobs (no pg_cron here), one batch pending', async () => {
    const r = await get(worker.port, '/status');
    expect(r.status).toBe(200);
    expect(r.body.scheduler.in_database_jobs).toBe('worker');
    expect(r.body.scheduler.jobs.map((j: { job_name: string }) => j.job_name).sort()).toEqual([
      'sra-aggregates',
      'sra-analytics',
      'sra-maintenance',
      'sra-retention',
      'sra-transforms',
    ]);
    expect(r.body.scheduler.jobs.every((j: { next_run: string | null }) => j.next_run !== null)).toBe(true);
    expect(r.body.scheduler.loads.map((l: { schedule: string }) => l.schedule)).toEqual(['30 20,21 * * 1-5', '0 3 * * 0', '0 11 * * 1-6']);
    const pending = Object.fromEntries(
      r.body.pending_batches.map((p: { transform_name: string; pending: number }) => [p.transform_name, p.pending]),
    );
    expect(pending.fundata_quotes).toBe(1);
    expect(r.body.freshness.find((f: { dataset: string }) => f.dataset === 'fundata.quotes')).toMatchObject({ batches: 1 });
  });

  it('runs the transforms job as pg_cron would, recorded as a task run', async () => {
    await worker.runJob('sra-transforms');
    const { rows } = await db.pool.query(`select task_type, task_id, status from ops.task_run where task_type = 'job'`);
    expect(rows).toEqual([{ task_type: 'job', task_id: 'sra-transforms', status: 'completed' }]);
    const { rows: q } = await db.pool.query(`select count(*)::int as n from core.fundata_quotes where identifier = 'W1'`);
    expect(q[0].n).toBe(2);
  });

  it('runs two due refreshes one after the other, never at once', async () => {
    const [a, b] = await Promise.all([worker.trigger('daily'), worker.trigger('weekly')]);
    expect(a?.status).toBe('completed');
    expect(b?.status).toBe('completed');
    const { rows } = await db.pool.query<{ task_id: string; started_at: Date; finished_at: Date }>(
      `select task_id, started_at, finished_at from ops.task_run where task_type = 'refresh' order by started_at`,
    );
    expect(rows.map((r) => r.task_id)).toEqual(['daily', 'weekly']);
    expect(rows[1]!.started_at.getTime()).toBeGreaterThanOrEqual(rows[0]!.finished_at.getTime());
  });

  it('GET /status after a refresh: last runs with status and duration, freshness, api view row counts', async () => {
    const r = await get(worker.port, '/status');
    const daily = r.body.last_runs.find((x: { task_type: string; task_id: string }) => x.task_type === 'refresh' && x.task_id === 'daily');
    expect(daily).toMatchObject({ status: 'completed' });
    expect(daily.duration_ms).toEqual(expect.any(String));
    const fresh = r.body.freshness.find((f: { dataset: string }) => f.dataset === 'fundata.quotes');
    expect(fresh.newest_business_date).toEqual({ fundata_quotes: '2024-04-02' });
    const counts = Object.fromEntries(r.body.api_views.map((v: { view: string; rows: number }) => [v.view, v.rows]));
    expect(counts['api.fund_nav']).toBe(2);
    expect(counts['api.fund_nav_monthly']).toBe(1);
    const pending = r.body.pending_batches.find((p: { transform_name: string }) => p.transform_name === 'fundata_quotes');
    expect(pending.pending).toBe(0);
  });

  it('a second worker instance skips a refresh while the first one runs it', async () => {
    const other = await startWorker({ url: db.url, env: env(), port: 0, host: '127.0.0.1', steps: () => [slowStep('slow', 1.5)] });
    try {
      const first = other.trigger('daily');
      await new Promise((r) => setTimeout(r, 300));
      const second = await worker.trigger('daily');
      expect(second).toBeUndefined();
      expect((await first)?.status).toBe('completed');
    } finally {
      await other.stop(5000);
    }
  });
});

describe('sra worker: shutdown', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('on stop lets the running step finish, starts no further step, and closes the server', async () => {
    const w = await startWorker({
      url: db.url,
      env: parseEnv({ DATABASE_URL: db.url }),
      port: 0,
      host: '127.0.0.1',
      steps: () => [slowStep('first', 1), slowStep('second', 1)],
    });
    const run = w.trigger('daily');
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await w.stop(10_000);
    expect(stopped.clean).toBe(true);
    expect((await run)?.status).toBe('cancelled');
    const { rows } = await db.pool.query(`select task_id, status from ops.task_run where task_type = 'refresh_step' order by task_run_id`);
    expect(rows).toEqual([
      { task_id: 'daily first', status: 'completed' },
      { task_id: 'daily second', status: 'cancelled' },
    ]);
    await expect(fetch(`http://127.0.0.1:${w.port}/health`)).rejects.toThrow();
  });

  it('GET /health answers 503 degraded, fast, when the database is gone', async () => {
    const gone = await freshDb();
    const w = await startWorker({ url: gone.url, env: parseEnv({ DATABASE_URL: gone.url }), port: 0, host: '127.0.0.1' });
    try {
      const admin = new pg.Client({ connectionString: serverUrl('postgres') });
      await admin.connect();
      await gone.pool.end();
      await admin.query(`drop database ${gone.name} with (force)`);
      await admin.end();
      // /health answers from the probe of the last second: degraded within about a second, every answer fast
      const t0 = performance.now();
      let r = await get(w.port, '/health');
      while (r.status === 200 && performance.now() - t0 < 5000) {
        expect(r.ms).toBeLessThan(500);
        await new Promise((res) => setTimeout(res, 50));
        r = await get(w.port, '/health');
      }
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: 'degraded', database: 'unreachable' });
      expect(r.ms).toBeLessThan(500);
      expect(performance.now() - t0).toBeLessThan(2500);
    } finally {
      await w.stop(500);
    }
  });

  // a start-up job still running is cancelled within the 5 s grace period, well before the SIGKILL
  it('the sra worker process exits 0 on SIGTERM', async () => {
    const w = await signalledWorker(db.url, { SRA_SHUTDOWN_GRACE_MS: '5000' });
    // on failure the message shows the worker's log and whether it was killed
    expect(w.how, w.stderr).toBe('exit 0');
    expect(w.stderr).toMatch(/worker: SIGTERM received/);
    expect(w.stderr).toMatch(/worker: stopped/);
  });

  // the signal comes while start-up waits on a database that accepts the
  // connection and never answers (10 s connect timeout): the worker stops at
  // once instead of finishing its start-up first
  it('the sra worker process exits 0 at once on a SIGTERM during a start-up that hangs', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const w = await signalledWorker(`postgresql://sra@127.0.0.1:${port}/sra`, { SRA_SHUTDOWN_GRACE_MS: '1000' });
      expect(w.how, w.stderr).toBe('exit 0');
      expect(w.stderr).toMatch(/worker: stopped/);
      expect(w.ms, w.stderr).toBeLessThan(6000);
    } finally {
      silent.close();
    }
  });
});

/**
 * Run `sra worker`, send SIGTERM once it listens, and wait for the process to
 * end (SIGKILL after 15 s): how it ended ('exit N' or the signal), its log,
 * and the milliseconds from SIGTERM to the end.
 */
async function signalledWorker(url: string, extraEnv: Record<string, string>): Promise<{ how: string; stderr: string; ms: number }> {
  const child = spawn(path.join(ROOT, 'bin', 'sra'), ['worker', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: url, LOG_LEVEL: 'info', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  for (let i = 0; i < 100 && !/listening on/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
  expect(stderr).toMatch(/listening on/);
  const t0 = performance.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const how = await exited;
  clearTimeout(timer);
  return { how, stderr, ms: performance.now() - t0 };
}

describe('sra worker: configuration', () => {
  it('refuses a schedule that is not a cron expression, naming the variable', () => {
    expect(() => parseEnv({ SRA_REFRESH_CRON: 'every day at two' })).toThrow(/SRA_REFRESH_CRON is not a valid cron expression/);
    expect(() => parseEnv({ SRA_WEEKLY_CRON: '0 3 * * 8' })).toThrow(/SRA_WEEKLY_CRON/);
    expect(parseEnv({ SRA_REFRESH_CRON: '30 1 * * 1-5' }).SRA_REFRESH_CRON).toBe('30 1 * * 1-5');
    expect(parseEnv({}).PORT).toBe(8080);
  });
});
