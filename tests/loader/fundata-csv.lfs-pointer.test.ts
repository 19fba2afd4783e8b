// A clone without `git lfs pull` holds small pointer files instead of the seed
// CSVs: the loader says so plainly and still lands the other files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv, type LoadSummary } from '../../loader/sources/fundata-csv.ts';
import {
  BOM,
  DATA_HEADER,
  LFS_POINTER,
  QUOTES_HEADER,
  count,
  quoteLines,
  runCli,
  tempDir,
  writeCsv,
} from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv with Git LFS pointer files', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let summary: LoadSummary;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('lfs');
    fs.writeFileSync(path.join(tmp.dir, 'data', 'FundGeneralSeed.csv'), LFS_POINTER);
    writeCsv(tmp.dir, 'data/BenchmarkGeneralSeed.csv', [
      BOM + DATA_HEADER,
      '900158,1,EN,S&P/TSX Composite Index,,,S&P Dow Jones Indices,1977-01-01,CAD,Active,2024-01-15,,,,,',
    ]);
    writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, ...quoteLines(5)]);
    summary = await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' });
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('reports the pointer file and tells the operator to run git lfs pull', () => {
    const pointer = summary.results.find((r) => r.file.endsWith('FundGeneralSeed.csv'))!;
    expect(pointer.status).toBe('lfs_pointer');
    expect(pointer.message).toMatch(/FundGeneralSeed\.csv is a Git LFS pointer.*git lfs pull/);
    expect(summary.failed).toBe(1);
  });

  it('lands the other files of the same load', async () => {
    expect(
      summary.results
        .filter((r) => r.status === 'landed')
        .map((r) => path.basename(r.file))
        .sort(),
    ).toEqual(['BenchmarkGeneralSeed.csv', 'FundDailyNAVPSSeed.csv']);
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(2);
    expect(await count(db.pool, `select count(*) as n from raw.batch where file_name = 'FundGeneralSeed.csv'`)).toBe(0);
    expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(6);
  });

  it('records the pointer in ops.file_tracker and the load as partial', async () => {
    const { rows } = await db.pool.query(`select status, records from ops.file_tracker where file_path like '%FundGeneralSeed.csv'`);
    expect(rows).toEqual([{ status: 'lfs_pointer', records: null }]);
    const run = await db.pool.query(`select status, error_details from ops.task_run where task_type = 'load'`);
    expect(run.rows[0].status).toBe('partial');
    expect(JSON.stringify(run.rows[0].error_details)).toMatch(/git lfs pull/);
  });

  it('recognises a pointer written with CRLF line endings too', async () => {
    const dir = tempDir('lfs-crlf');
    try {
      fs.writeFileSync(path.join(dir.dir, 'quotes', 'p.csv'), LFS_POINTER.replace(/\n/g, '\r\n'));
      const s = await loadFundataCsv(db.pool, { paths: [dir.dir], progress: 'never' });
      expect(s.results.map((r) => r.status)).toEqual(['lfs_pointer']);
    } finally {
      dir.cleanup();
    }
  });

  it('says "git lfs pull" on the command line and exits 3 (partial) while the real files land', async () => {
    const dir = tempDir('lfs-cli');
    try {
      fs.writeFileSync(path.join(dir.dir, 'quotes', 'a-pointer.csv'), LFS_POINTER);
      writeCsv(dir.dir, 'quotes/b-real.csv', [QUOTES_HEADER, ...quoteLines(3, '7777')]);
      const r = await runCli(['load', 'fundata-csv', dir.dir], { DATABASE_URL: db.url });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/a-pointer\.csv is a Git LFS pointer, not CSV data: run "git lfs pull"/);
      expect(r.stderr).toMatch(/landed .*b-real\.csv .*3 rows/);
    } finally {
      dir.cleanup();
    }
  });
});
