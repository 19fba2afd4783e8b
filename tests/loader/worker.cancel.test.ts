import path from 'node:path';
import os from 'node:os';
import { spawn } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { startWorker } from '../../loader/worker/worker.ts';
import type { RefreshStep } from '../../loader/refresh.ts';
import { ROOT } from '../../loader/migrate.ts';

/** Backends of this database running pg_sleep. */
async function sleepers(pool: pg.Pool, name: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
     where datname = $1 and state = 'active' and query like '%pg_sleep%' and pid <> pg_backend_pid()`,
    [name],
  );
  return rows[0]!.n;
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = performance.now();
  while (!(await cond())) {
    if (performance.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - t0;
}

const longStep: RefreshStep = {
  name: 'long',
  async run({ pool }) {
    await pool.query(`select pg_sleep(60)`);
    return { status: 'completed', summary: 'slept' };
  },
};

describe('sra worker: stopping cancels the running statement in the server', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('a refresh step still running at the end of the grace period is cancelled in the server and recorded cancelled', async () => {
    const w = await startWorker({
      url: db.url,
      env: parseEnv({ DATABASE_URL: db.url }),
      port: 0,
      host: '127.0.0.1',
      steps: () => [longStep],
    });
    const run = w.trigger('daily');
    await waitFor(async () => (await sleepers(db.pool, db.name)) > 0, 5000);
    const t0 = performance.now();
    const stopped = await w.stop(2000);
    // within the grace period (and the pools' closing), not after the minute of pg_sleep
    expect(performance.now() - t0).toBeLessThan(3500);
    expect(stopped.cancelled).toBe(1);
    // the backend no longer runs it
    expect(await sleepers(db.pool, db.name)).toBe(0);
    expect((await run)?.status).toBe('cancelled');
    const { rows } = await db.pool.query(`select task_type, task_id, status from ops.task_run order by task_run_id`);
    expect(rows).toEqual([
      { task_type: 'refresh', task_id: 'daily', status: 'cancelled' },
      { task_type: 'refresh_step', task_id: 'daily long', status: 'cancelled' },
    ]);
  }, 20_000);

  it('the sra worker process on SIGTERM cancels its running job, records it cancelled and exits 0 within the grace period', async () => {
    // a job due every second whose statement runs for a minute
    await db.pool.query(
      `insert into ops.scheduled_job (job_name, schedule, command, description) values ('sleepy', '* * * * * *', 'select pg_sleep(60)', 'test')`,
    );
    const child = spawn(path.join(ROOT, 'bin', 'sra'), ['worker', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: db.url, LOG_LEVEL: 'info', SRA_SHUTDOWN_GRACE_MS: '2000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      await waitFor(async () => (await sleepers(db.pool, db.name)) > 0, 40_000);
      const t0 = performance.now();
      child.kill('SIGTERM');
      // gone from the server within the grace period, not a minute later
      const gone = await waitFor(async () => (await sleepers(db.pool, db.name)) === 0, 4000);
      expect(gone).toBeLessThan(2500);
      expect(await exited).toBe(0);
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(stderr).toMatch(/cancelled the running statement/);
      const { rows } = await db.pool.query(
        `select status from ops.task_run where task_type = 'job' and task_id = 'sleepy' order by task_run_id`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  }, 80_000);
});
