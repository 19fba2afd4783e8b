// A loader killed mid-file (SIGKILL: no cleanup code runs) leaves no batch a
// transform could see, and running the same command again lands the file
// exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { generateFundata } from '../../scripts/generate-fundata.ts';
import { count, runCli, startCli, tempDir, waitFor } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv loader killed mid-file', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let dataLines: number;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('killed');
    await generateFundata({ out: tmp.dir, quotesRows: 300_000, pricedFunds: 300 });
    file = path.join(tmp.dir, 'quotes', 'FundDailyNAVPSSeed.csv');
    // every non-empty line after the header is one row (the generator writes no line breaks inside fields)
    dataLines = fs
      .readFileSync(file, 'utf8')
      .split('\r\n')
      .slice(1)
      .filter((l) => l !== '').length;
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('leaves nothing visible to transforms, and a rerun lands the file exactly once', async () => {
    const run = startCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url });
    // wait until the COPY is well under way, then kill the process outright
    const copying = await waitFor('the loader COPY to pass 30,000 rows', async () => {
      const { rows } = await db.pool.query<{ pid: number; n: string }>(
        `select pid, tuples_processed as n from pg_stat_progress_copy where datname = current_database() and relid = 'raw.stored_record'::regclass`,
      );
      return rows[0] && Number(rows[0].n) >= 30_000 ? rows[0] : undefined;
    });
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    // its server session notices the closed connection and rolls back
    await waitFor(
      'the killed loader session to end',
      async () => (await count(db.pool, `select count(*) as n from pg_stat_activity where pid = $1`, [copying.pid])) === 0,
    );

    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(0);
    expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(0);
    expect(await count(db.pool, `select count(*) as n from raw.rejected_row`)).toBe(0);
    expect(await count(db.pool, `select cardinality(ops.pending_batches('fundata_quotes')) as n`)).toBe(0);
    const { rows: transformed } = await db.pool.query(`select batches, rows_in from ops.run_transform('fundata_quotes')`);
    expect(transformed).toEqual([{ batches: 0, rows_in: '0' }]);
    expect(await count(db.pool, `select count(*) as n from ops.file_tracker where status = 'landed'`)).toBe(0);

    // the same command again
    const rerun = await runCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url });
    expect(rerun.code).toBe(0);
    const { rows: batches } = await db.pool.query(`select batch_id::int as id, row_count, rejected_count from raw.batch`);
    expect(batches).toHaveLength(1);
    const b = batches[0]!;
    expect(b.row_count + b.rejected_count).toBe(dataLines);
    expect(await count(db.pool, `select count(*) as n from raw.record where batch_id = $1`, [b.id])).toBe(b.row_count);
    expect(await count(db.pool, `select count(distinct line) as n from raw.record`)).toBe(b.row_count);
    expect(await db.pool.query(`select ops.pending_batches('fundata_quotes') as p`).then((r) => r.rows[0].p.map(Number))).toEqual([b.id]);

    // the killed load's run was closed as failed by the next load on this host
    const { rows: runs } = await db.pool.query(
      `select status, error_details from ops.task_run where task_type = 'load' order by task_run_id`,
    );
    expect(runs.map((r) => r.status)).toEqual(['failed', 'completed']);
    expect(JSON.stringify(runs[0].error_details)).toMatch(/ended before the task finished/);

    // and once more: nothing new
    const third = await runCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url });
    expect(third.stderr).toMatch(/skipped .*already landed as batch/);
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(1);
  });
});
