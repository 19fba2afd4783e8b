import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { ROOT } from '../../loader/migrate.ts';
import { parseEnv } from '../../loader/config.ts';
import { runRefresh, transformsStep, aggregatesStep } from '../../loader/refresh.ts';

const BIN = path.join(ROOT, 'bin', 'sra');

/** Run `sra <args>` against the test database, as an operator would. */
function sra(args: string[], url: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: url, SRA_PROGRESS: 'never' },
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

/** Replace a transform's function by one that raises for the batches of the given file (or for every batch). */
async function breakTransform(db: TestDb, name: string, o: { file?: string; errcode?: string }): Promise<void> {
  await db.pool.query(`alter function core.transform_${name}(bigint[], bigint) rename to transform_${name}_real`);
  await db.pool.query(`
    create function core.transform_${name}(p_batches bigint[], p_run_id bigint)
    returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    language plpgsql as $$
    begin
      if ${o.file ? `exists (select 1 from raw.batch as b where b.batch_id = any(p_batches) and b.file_name like '%${o.file}')` : 'true'} then
        raise exception 'simulated failure:
          the transform refuses this batch' using errcode = '${o.errcode ?? 'P0001'}';
      end if;
      return query select * from core.transform_${name}_real(p_batches, p_run_id);
    end $$`);
}

async function repairTransform(db: TestDb, name: string): Promise<void> {
  await db.pool.query(`drop function core.transform_${name}(bigint[], bigint)`);
  await db.pool.query(`alter function core.transform_${name}_real(bigint[], bigint) rename to transform_${name}`);
}

describe('sra transform: a batch that fails', () => {
  let db: TestDb;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    db = await freshDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failed-batch-'));
    const files: Record<string, string> = {
      'good-1.csv': 'InstrumentKey,Date,NAVPS\nF1,2024-03-01,10.00\n',
      'bad.csv': 'InstrumentKey,Date,NAVPS\nF1,2024-03-04,10.20\n',
      'good-2.csv': 'InstrumentKey,Date,NAVPS\nF2,2024-03-04,20.00\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
      const { rows } = await db.pool.query<{ batch_id: string }>(`select batch_id from raw.batch where file_name like '%' || $1`, [name]);
      ids[name] = Number(rows[0]!.batch_id);
    }
    const data = path.join(dir, 'general.csv');
    fs.writeFileSync(data, 'InstrumentKey,LegalName\nF1,Fund one\n');
    await landCsvFile(db.pool, { file: data, dataset: 'fundata.data', source: 'fundata', origin: 'csv' });
    await breakTransform(db, 'fundata_quotes', { file: 'bad.csv' });
  });
  afterAll(async () => db?.drop());

  it('exits 3 (partial), names the failed batch in one line, and consumes every other batch', async () => {
    const r = await sra(['transform'], db.url);
    expect(r.code).toBe(3);
    const lines = r.stderr.split('\n').filter((l) => / error /.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `transform fundata_quotes: batch ${ids['bad.csv']} \\(\\S*bad\\.csv\\) failed: simulated failure: the transform refuses this batch$`,
      ),
    );
    const { rows: consumed } = await db.pool.query<{ transform_name: string; batch_id: string }>(
      `select transform_name, batch_id from ops.transform_batch order by transform_name, batch_id`,
    );
    expect(consumed.map((c) => [c.transform_name, Number(c.batch_id)])).toEqual([
      ['fundata_data', expect.any(Number)],
      ['fundata_quotes', ids['good-1.csv']],
      ['fundata_quotes', ids['good-2.csv']],
    ]);
    const { rows: failed } = await db.pool.query(`select transform_name, batch_id::int, attempts from ops.failed_batch`);
    expect(failed).toEqual([{ transform_name: 'fundata_quotes', batch_id: ids['bad.csv'], attempts: 1 }]);
    const { rows: runs } = await db.pool.query(
      `select status, records_failed::int from ops.task_run where task_type = 'transform' order by task_run_id desc limit 1`,
    );
    expect(runs[0]).toEqual({ status: 'partial', records_failed: 1 });
  });

  it('does not retry the failed batch on the next run, exits 0 and says it waits', async () => {
    const r = await sra(['transform'], db.url);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `transform fundata_quotes: batch ${ids['bad.csv']} \\(\\S*bad\\.csv\\) failed earlier \\(1 attempt\\(s\\)\\) and waits for "sra transform --retry ${ids['bad.csv']}"`,
      ),
    );
  });

  it('--retry re-queues the batch and runs it again: still failing, it is failed again after two attempts', async () => {
    const r = await sra(['transform', '--retry', String(ids['bad.csv'])], db.url);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`batch ${ids['bad.csv']} re-queued \\(attempt 2\\)`));
    const { rows } = await db.pool.query(`select batch_id::int, attempts from ops.failed_batch`);
    expect(rows).toEqual([{ batch_id: ids['bad.csv'], attempts: 2 }]);
  });

  it('--retry consumes the batch once the transform takes it', async () => {
    await repairTransform(db, 'fundata_quotes');
    const r = await sra(['transform', 'fundata_quotes', '--retry', String(ids['bad.csv'])], db.url);
    expect(r.code).toBe(0);
    const { rows: left } = await db.pool.query(`select * from ops.transform_batch_failure`);
    expect(left).toEqual([]);
    const { rows } = await db.pool.query(`select count(*)::int as n from ops.transform_batch where batch_id = $1`, [ids['bad.csv']]);
    expect(rows[0].n).toBe(1);
  });

  it('--retry of a batch that did not fail, or of something that is not a batch id, is a usage error (exit 2)', async () => {
    const a = await sra(['transform', '--retry', String(ids['bad.csv'])], db.url);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/no failed batch to retry among/);
    const b = await sra(['transform', '--retry', 'last'], db.url);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--retry takes batch ids/);
  });

  it('a transform that fails as a whole does not stop the others (exit 3); when none can run, exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failed-transform-'));
    for (const [name, dataset, text] of [
      ['general-2.csv', 'fundata.data', 'InstrumentKey,LegalName\nF2,Fund two\n'],
      ['quotes-3.csv', 'fundata.quotes', 'InstrumentKey,Date,NAVPS\nF2,2024-03-05,20.10\n'],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      await landCsvFile(db.pool, { file, dataset, source: 'fundata', origin: 'csv' });
    }
    await breakTransform(db, 'fundata_data', { errcode: '42501' });
    const r = await sra(['transform', 'fundata_data', 'fundata_quotes'], db.url);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error transform fundata_data failed: simulated failure: the transform refuses this batch/);
    expect(r.stderr).toMatch(/transform fundata_quotes: 1 batch\(es\)/);
    const { rows } = await db.pool.query(`select count(*)::int as n from ops.failed_batch`);
    expect(rows[0].n).toBe(0);

    const none = await sra(['transform', 'fundata_data'], db.url);
    expect(none.code).toBe(1);
    const unknown = await sra(['transform', 'no_such_transform'], db.url);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/transform no_such_transform failed: unknown transform "no_such_transform"/);
  });
});

describe('sra refresh: a batch that fails', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-failed-batch-'));
    for (const [name, text] of [
      ['good.csv', 'InstrumentKey,Date,NAVPS\nF1,2024-03-01,10.00\n'],
      ['bad.csv', 'InstrumentKey,Date,NAVPS\nF1,2024-03-04,10.20\n'],
    ]) {
      const file = path.join(dir, name!);
      fs.writeFileSync(file, text!);
      await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    }
    await breakTransform(db, 'fundata_quotes', { file: 'bad.csv' });
  });
  afterAll(async () => db?.drop());

  it('makes the transforms step partial, names the batch, and the refresh goes on to the aggregates', async () => {
    const r = await runRefresh(db.pool, { env: parseEnv({ DATABASE_URL: db.url }), steps: [transformsStep, aggregatesStep] });
    expect(r.status).toBe('partial');
    expect(r.steps.map((s) => [s.name, s.status])).toEqual([
      ['transforms', 'partial'],
      ['aggregates', 'completed'],
    ]);
    expect(r.steps[0]!.summary).toMatch(/1 batch\(es\) consumed, 1 new rows, 1 batch\(es\) failed \(fundata_quotes \d+\)/);
    const { rows } = await db.pool.query(`select file_name from ops.failed_batch`);
    expect(rows).toEqual([{ file_name: expect.stringMatching(/bad\.csv$/) }]);
  });
});
