// A file that changes while it lands (appended to, cut short, rewritten) lands
// nothing: the bytes are hashed as they stream and compared with the file that
// was checked. The load says so, records the file as failed, exits non-zero,
// and the next load lands the file as it then is.
//
// The change is made while the landing waits: a lock on raw.stored_record holds its
// COPY, and the file stream stops on backpressure after its first chunks.
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile, type LandResult } from '../../loader/lib/land.ts';
import { QUOTES_HEADER, count, quoteLines, startCli, tempDir, waitFor, writeCsv, type CliResult } from '../fixtures/fundata/fixtures.ts';

const CHANGED = /file changed while it was being landed; run the load again/;

describe('fundata-csv file that changes while it lands', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  // about 5 MB, far more than the stream reads ahead; another instrument per test, so no file is already landed
  const lines = (key: string) => [QUOTES_HEADER, ...quoteLines(50_000, key)];

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('changed');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  /** Start `run`, change the file with `change` once its COPY waits on a lock, then let it go on. */
  async function changeWhileLanding<T>(run: () => Promise<T>, change: () => void): Promise<T> {
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table raw.stored_record in share mode');
      const landing = run();
      await waitFor('the COPY to wait for the lock', async () => {
        const { rowCount } = await db.pool.query(
          `select 1 from pg_stat_activity where datname = current_database() and query like 'copy raw.stored_record %' and wait_event_type = 'Lock'`,
        );
        return rowCount! > 0;
      });
      change();
      await locker.query('commit');
      return await landing;
    } finally {
      await locker.end();
    }
  }

  const land = (file: string) => landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });

  async function expectNothingLanded(r: LandResult, name: string) {
    expect(r.status).toBe('failed');
    expect(r.batchId).toBeUndefined();
    expect(r.message).toMatch(CHANGED);
    expect(await count(db.pool, `select count(*) as n from raw.batch where file_name = $1`, [name])).toBe(0);
    const { rows } = await db.pool.query(`select status, last_error from ops.file_tracker where file_path like $1`, [`%/${name}`]);
    expect(rows).toEqual([{ status: 'failed', last_error: expect.stringMatching(CHANGED) }]);
  }

  it('lands nothing of a file appended to while it lands; the next load lands it whole', async () => {
    const file = writeCsv(tmp.dir, 'quotes/appended.csv', lines('4101'));
    const r = await changeWhileLanding(
      () => land(file),
      () => fs.appendFileSync(file, quoteLines(10, '4096').join('\r\n') + '\r\n'),
    );
    await expectNothingLanded(r, 'appended.csv');
    expect(r.message).toMatch(/bytes were read while landing/);
    const again = await land(file);
    expect(again).toMatchObject({ status: 'landed', rows: 50_010, rejected: 0 });
  });

  it('lands nothing of a file cut short while it lands', async () => {
    const file = writeCsv(tmp.dir, 'quotes/truncated.csv', lines('4102'));
    const full = fs.readFileSync(file);
    const r = await changeWhileLanding(
      () => land(file),
      () => fs.truncateSync(file, Math.floor(full.length / 2)),
    );
    await expectNothingLanded(r, 'truncated.csv');
    fs.writeFileSync(file, full);
    expect(await land(file)).toMatchObject({ status: 'landed', rows: 50_000, rejected: 0 });
  });

  it('lands nothing of a file rewritten in place (same size) while it lands', async () => {
    const file = writeCsv(tmp.dir, 'quotes/rewritten.csv', lines('4103'));
    const size = fs.statSync(file).size;
    const r = await changeWhileLanding(
      () => land(file),
      () => {
        // the last row's ChangeDate becomes another date of the same length
        const fd = fs.openSync(file, 'r+');
        fs.writeSync(fd, '1999-12-31\r\n', size - 12);
        fs.closeSync(fd);
      },
    );
    await expectNothingLanded(r, 'rewritten.csv');
    expect(fs.statSync(file).size).toBe(size);
    expect(r.message).toMatch(/another SHA-256/);
    const again = await land(file);
    expect(again).toMatchObject({ status: 'landed', rows: 50_000 });
    expect(
      await count(db.pool, `select count(*) as n from raw.record where batch_id = $1 and payload ->> 'ChangeDate' = '1999-12-31'`, [
        again.batchId,
      ]),
    ).toBe(1);
  });

  it('exits 3 on the command line when the other files landed, and the next run lands the file', async () => {
    const dir = tempDir('changed-cli');
    try {
      const a = writeCsv(dir.dir, 'quotes/a-changing.csv', lines('5001'));
      writeCsv(dir.dir, 'quotes/b-steady.csv', [QUOTES_HEADER, ...quoteLines(5, '5002')]);
      const env = { DATABASE_URL: db.url };
      const first: CliResult = await changeWhileLanding(
        () => startCli(['load', 'fundata-csv', dir.dir], env).done,
        () => fs.appendFileSync(a, quoteLines(1, '5003').join('') + '\r\n'),
      );
      expect(first.stderr).toMatch(/error rejected .*a-changing\.csv: file changed while it was being landed; run the load again/);
      expect(first.stderr).toMatch(/fundata-csv: 1 landed .* 1 failed/);
      expect(first.code).toBe(3);
      expect(await count(db.pool, `select count(*) as n from raw.batch where file_name = 'a-changing.csv'`)).toBe(0);
      const second = await startCli(['load', 'fundata-csv', dir.dir], env).done;
      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/landed .*a-changing\.csv → fundata\.quotes batch \d+: 50001 rows/);
      expect(second.stderr).toMatch(/skipped .*b-steady\.csv already landed/);
    } finally {
      dir.cleanup();
    }
  });
});
