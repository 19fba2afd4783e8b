// Broken quoting leaves no row boundary to trust, so the file is rejected
// whole: nothing of it lands, the operator gets file:line:reason, and
// ops.file_tracker records the failure. The other files of the load still land.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { BOM, QUOTES_HEADER, count, quoteLines, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv files with broken quoting', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  const good = quoteLines(6);

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('quoting');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  const land = (file: string) => landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });

  it('rejects a file with a character after a closing quote, naming the file and line, and lands nothing of it', async () => {
    const file = writeCsv(tmp.dir, 'quotes/closing.csv', [
      BOM + QUOTES_HEADER,
      good[0]!,
      good[1]!,
      '26190,"4095"x,,,2024-01-05,11.6,,,2024-01-04,11.5,,Active,2024-01-05', // line 4
      good[2]!,
    ]);
    const r = await land(file);
    expect(r.status).toBe('failed');
    expect(r.batchId).toBeUndefined();
    expect(r.message).toMatch(/closing\.csv:4: .*quote/i);
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(0);
    expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(0);
    expect(await count(db.pool, `select count(*) as n from raw.rejected_row`)).toBe(0);
  });

  it('rejects a file with a quote inside an unquoted field', async () => {
    const file = writeCsv(tmp.dir, 'quotes/opening.csv', [
      QUOTES_HEADER,
      good[0]!,
      '26191,4095,,,2024-01-05,11.6,,,2024-01-04,11.5,,Act"ive,2024-01-05',
    ]);
    const r = await land(file);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/opening\.csv:3: .*quote/i);
  });

  it('rejects a file whose quote never closes, naming the line where the quoted field opens', async () => {
    const file = writeCsv(tmp.dir, 'quotes/unclosed.csv', [
      QUOTES_HEADER,
      good[0]!,
      '',
      '26192,4095,,,2024-01-05,"11.6,,,2024-01-04,11.5,,Active,2024-01-05', // line 4: the quote opens here
      good[1]!,
      good[2]!,
      good[3]!,
    ]);
    const r = await land(file);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/unclosed\.csv:4: .*(quote|closed)/i);
    expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(0);
  });

  it('records the rejected file in ops.file_tracker with status failed and the reason', async () => {
    const { rows } = await db.pool.query(
      `select file_path, status, records, last_batch_id, last_error from ops.file_tracker order by file_path`,
    );
    expect(rows.map((r) => [path.basename(r.file_path), r.status, r.records, r.last_batch_id])).toEqual([
      ['closing.csv', 'failed', null, null],
      ['opening.csv', 'failed', null, null],
      ['unclosed.csv', 'failed', null, null],
    ]);
    expect(rows[0].last_error).toMatch(/closing\.csv:4: /);
  });

  it('still lands the other files of the same load, over the same connections', async () => {
    const dir = tempDir('quoting-mixed');
    try {
      writeCsv(dir.dir, 'quotes/a-broken.csv', [
        QUOTES_HEADER,
        good[0]!,
        '26193,"4095"x,,,2024-01-05,11.6,,,2024-01-04,11.5,,Active,2024-01-05',
      ]);
      writeCsv(dir.dir, 'quotes/b-good.csv', [QUOTES_HEADER, ...good]);
      writeCsv(dir.dir, 'quotes/c-broken.csv', [QUOTES_HEADER, '1,"2']);
      writeCsv(dir.dir, 'quotes/d-good.csv', [QUOTES_HEADER, ...quoteLines(3, '4096')]);
      const s = await loadFundataCsv(db.pool, { paths: [dir.dir], progress: 'never' });
      expect(s.results.map((r) => [path.basename(r.file), r.status])).toEqual([
        ['a-broken.csv', 'failed'],
        ['b-good.csv', 'landed'],
        ['c-broken.csv', 'failed'],
        ['d-good.csv', 'landed'],
      ]);
      expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(good.length + 3);
      const { rows } = await db.pool.query(`select status, error_count, error_details from ops.task_run order by task_run_id desc limit 1`);
      expect(rows[0]).toMatchObject({ status: 'partial', error_count: 2 });
      expect(JSON.stringify(rows[0].error_details)).toMatch(/a-broken\.csv:3: /);
    } finally {
      dir.cleanup();
    }
  });

  it('prints one line per rejected file on the command line and exits 3 (partial)', async () => {
    const dir = tempDir('quoting-cli');
    try {
      writeCsv(dir.dir, 'quotes/broken.csv', [
        QUOTES_HEADER,
        good[0]!,
        good[1]!,
        '26194,4095,"x"y,,2024-01-05,11.6,,,2024-01-04,11.5,,Active,2024-01-05',
      ]);
      writeCsv(dir.dir, 'quotes/good.csv', [QUOTES_HEADER, ...quoteLines(2, '5000')]);
      const r = await runCli(['load', 'fundata-csv', dir.dir], { DATABASE_URL: db.url });
      expect(r.code).toBe(3);
      const rejected = r.stderr.split('\n').filter((l) => / error /.test(l));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatch(/rejected .*broken\.csv:4: .*quot.*nothing landed/);
      expect(r.stderr).toMatch(/landed .*good\.csv/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('fundata-csv files without a usable header', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('header');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  const land = (file: string) => landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });

  it('rejects a header that names a column twice: one of the two values would be lost', async () => {
    const r = await land(writeCsv(tmp.dir, 'quotes/twice.csv', ['InstrumentKey,Date,NAVPS,NAVPS', '4095,2024-01-02,11.5,11.6']));
    expect(r).toMatchObject({ status: 'failed' });
    expect(r.message).toMatch(/twice\.csv:1: the header names the column "NAVPS" twice/);
  });

  it('rejects an empty file, and a file of empty lines, rather than landing an empty batch', async () => {
    for (const [name, content] of [
      ['empty.csv', ''],
      ['blank.csv', '\r\n\r\n'],
    ] as const) {
      const r = await land(writeCsv(tmp.dir, `quotes/${name}`, Buffer.from(content)));
      expect(r.status, name).toBe('failed');
      expect(r.message).toMatch(/the file is empty/);
    }
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(0);
  });

  it('lands a file with a header and no rows as an empty batch', async () => {
    const r = await land(writeCsv(tmp.dir, 'quotes/header-only.csv', [BOM + QUOTES_HEADER]));
    expect(r).toMatchObject({ status: 'landed', rows: 0, rejected: 0 });
    expect(await count(db.pool, `select row_count as n from raw.batch where batch_id = $1`, [r.batchId])).toBe(0);
  });
});
