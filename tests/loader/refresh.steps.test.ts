import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, type FundataServer } from '../servers/fundata-server.ts';
import { startFmpServer, fmpEnv, type FmpServer } from '../servers/fmp-server.ts';
import { parseEnv } from '../../loader/config.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { runRefresh, overallStatus, refreshExitCode, RefreshBusyError } from '../../loader/refresh.ts';
import { ROOT } from '../../loader/migrate.ts';

const BIN = path.join(ROOT, 'bin', 'sra');

/** Run `sra <args>` with exactly this environment (plus PATH), as an operator would. */
function sra(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

interface RunRow {
  task_run_id: string;
  parent_run_id: string | null;
  task_type: string;
  task_id: string;
  status: string;
  duration_ms: string | null;
  peak_memory_mb: string | null;
  error_details: { message: string }[];
  performance_metrics: Record<string, unknown>;
}

async function stepsOf(db: TestDb, runId: number): Promise<RunRow[]> {
  const { rows } = await db.pool.query<RunRow>(
    `select * from ops.task_run where parent_run_id = $1 and task_type = 'refresh_step' order by task_run_id`,
    [runId],
  );
  return rows;
}

describe('sra refresh: sources not configured', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    // a seed file landed but not transformed yet: the refresh's transforms take it in
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-'));
    const file = path.join(dir, 'quotes.csv');
    fs.writeFileSync(file, 'InstrumentKey,Date,NAVPS,CurrentYield\nF1,2024-03-01,10.00,1.00\nF1,2024-03-04,10.20,1.50\n');
    await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
  });
  afterAll(async () => db?.drop());

  it('skips each unconfigured source with one clear reason, runs the rest, and completes', async () => {
    const r = await runRefresh(db.pool, { env: parseEnv({ DATABASE_URL: db.url }) });
    expect(r.status).toBe('completed');
    expect(refreshExitCode(r.status)).toBe(0);
    const steps = await stepsOf(db, r.runId);
    expect(steps.map((s) => [s.task_id, s.status])).toEqual([
      ['daily fmp backfill', 'skipped'],
      ['daily fmp daily', 'skipped'],
      ['daily fundata data', 'skipped'],
      ['daily fundata quotes', 'skipped'],
      ['daily transforms', 'completed'],
      ['daily aggregates', 'completed'],
    ]);
    expect(steps[0]!.performance_metrics.reason).toBe('FMP_API_KEY is not set');
    expect(steps[1]!.performance_metrics.reason).toBe('FMP_API_KEY is not set');
    expect(String(steps[2]!.performance_metrics.reason)).toMatch(/FUNDATA_ACCESS_KEY_ID/);
    for (const s of steps) {
      expect(s.duration_ms).not.toBeNull();
      expect(Number(s.peak_memory_mb)).toBeGreaterThan(0);
    }
    const { rows } = await db.pool.query(
      `select trading_days, closing_navps from agg.fund_nav_monthly where identifier = 'F1' and month_start_date = '2024-03-01'`,
    );
    expect(rows).toEqual([{ trading_days: 2, closing_navps: '10.20' }]);
    const { rows: parent } = await db.pool.query(`select task_type, status, parent_run_id from ops.task_run where task_run_id = $1`, [
      r.runId,
    ]);
    expect(parent).toEqual([{ task_type: 'refresh', status: 'completed', parent_run_id: null }]);
  });

  it('refuses to start while another refresh holds the lock', async () => {
    const c = await db.pool.connect();
    try {
      await c.query(`select pg_advisory_lock(hashtext('sra.refresh'))`);
      await expect(runRefresh(db.pool, { env: parseEnv({ DATABASE_URL: db.url }) })).rejects.toThrow(RefreshBusyError);
      const cli = await sra(['refresh'], { DATABASE_URL: db.url });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/another refresh is running/);
    } finally {
      await c.query(`select pg_advisory_unlock_all()`);
      c.release();
    }
  });
});

describe('sra refresh: one source failing', () => {
  let db: TestDb;
  let fundata: FundataServer;
  let fmp: FmpServer;
  let env: Record<string, string>;
  let cli: { code: number | null; stderr: string };

  beforeAll(async () => {
    db = await freshDb();
    fundata = await startFundataServer();
    fmp = await startFmpServer();
    const f = fundataEnv(fundata);
    const m = fmpEnv(fmp);
    env = {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
      SRA_PROGRESS: 'never',
      // FMP refuses this key (401 "Invalid API KEY")
      FMP_API_KEY: 'not-the-key-the-server-knows',
      FMP_BASE_URL: m.FMP_BASE_URL!,
      FMP_RETRY_BASE_MS: '20',
      FMP_SYMBOLS: 'AAPL',
      FUNDATA_ACCESS_KEY_ID: f.FUNDATA_ACCESS_KEY_ID!,
      FUNDATA_SECRET_ACCESS_KEY: f.FUNDATA_SECRET_ACCESS_KEY!,
      FUNDATA_AUTH_URL: f.FUNDATA_AUTH_URL,
      FUNDATA_BASE_URL: f.FUNDATA_BASE_URL,
      FUNDATA_POLL_INTERVAL_MS: '20',
      FUNDATA_POLL_TIMEOUT_MS: '10000',
    };
    cli = await sra(['refresh'], env);
  });
  afterAll(async () => {
    await fundata?.close();
    await fmp?.close();
    await db?.drop();
  });

  it('exits 3 (partial): FMP failed, Fundata, the transforms and the aggregates went on', async () => {
    expect(cli.code).toBe(3);
    const { rows: parents } = await db.pool.query(`select task_run_id, status from ops.task_run where task_type = 'refresh'`);
    expect(parents).toHaveLength(1);
    expect(parents[0].status).toBe('partial');
    const steps = await stepsOf(db, Number(parents[0].task_run_id));
    expect(steps.map((s) => [s.task_id, s.status])).toEqual([
      ['daily fmp backfill', 'completed'],
      ['daily fmp daily', 'failed'],
      ['daily fundata data', 'completed'],
      ['daily fundata quotes', 'completed'],
      ['daily transforms', 'completed'],
      ['daily aggregates', 'completed'],
    ]);
    expect(steps[1]!.error_details[0]!.message).toMatch(/API KEY|401/i);
  });

  it('lands and transforms the Fundata quotes, and the monthly aggregate follows', async () => {
    const { rows } = await db.pool.query(`select count(*)::int as n from core.fundata_quotes where data_source = 'API'`);
    expect(rows[0].n).toBeGreaterThan(0);
    const { rows: agg } = await db.pool.query(`select count(*)::int as n from agg.fund_nav_monthly`);
    expect(agg[0].n).toBeGreaterThan(0);
  });

  it('records every source load as a child of its step', async () => {
    const { rows } = await db.pool.query(
      `select s.task_id as step, r.task_type, r.task_id
       from ops.task_run as r join ops.task_run as s on s.task_run_id = r.parent_run_id
       where s.task_type = 'refresh_step' and r.task_type = 'load' order by r.task_run_id`,
    );
    expect(rows.map((r) => r.step)).toEqual(['daily fmp daily', 'daily fundata data', 'daily fundata quotes']);
  });

  it('never writes a credential into the runs or the log', async () => {
    const { rows } = await db.pool.query(`select string_agg(t::text, ' ') as all_text from ops.task_run as t`);
    for (const secret of [env.FMP_API_KEY!, env.FUNDATA_SECRET_ACCESS_KEY!]) {
      expect(rows[0].all_text).not.toContain(secret);
      expect(cli.stderr).not.toContain(secret);
    }
  });
});

describe('the overall status of a refresh', () => {
  it('is completed, partial or failed by the steps that ran; skipped steps do not count', () => {
    const s = (...xs: string[]) => xs.map((status) => ({ status: status as never }));
    expect(overallStatus(s('skipped', 'completed', 'completed'))).toBe('completed');
    expect(overallStatus(s('failed', 'completed', 'skipped'))).toBe('partial');
    expect(overallStatus(s('partial', 'completed'))).toBe('partial');
    expect(overallStatus(s('failed', 'failed', 'skipped'))).toBe('failed');
    expect(overallStatus(s('completed', 'cancelled'))).toBe('cancelled');
    expect([refreshExitCode('completed'), refreshExitCode('partial'), refreshExitCode('failed'), refreshExitCode('cancelled')]).toEqual([
      0, 3, 1, 3,
    ]);
  });
});
