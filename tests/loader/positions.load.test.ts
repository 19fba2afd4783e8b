// `sra load positions`: CSV and JSON-array position files land as dataset
// positions.portfolio through the raw landing (SHA-256 dedupe, rows of the
// wrong width kept with their reason, a broken JSON file rejected whole),
// and --transform types them into versioned portfolios and builds the
// analytics.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadPositions } from '../../loader/sources/positions.ts';
import { count, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

const HEADER = 'portfolio,symbol,quantity,entry_price,entry_date,position_type,underlying,strike,expiry,tags,last_price';

describe('sra load positions', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('positions');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('lands a CSV file row by row, keeping a row of the wrong width with its reason', async () => {
    const file = writeCsv(
      tmp.dir,
      'pos/book.csv',
      [HEADER, 'book,AAA,100,10.5,2024-01-02,LONG,,,,tech;core,', 'book,BBB,-20,30,2024-01-02,SHORT,,,,,', 'book,CCC,1,2'],
      '\n',
    );
    const s = await loadPositions(db.pool, { paths: [file] });
    expect(s).toMatchObject({ landed: 1, rows: 2, rejected: 1, failed: 0 });
    const { rows } = await db.pool.query(`select source, dataset, origin, format, file_name from raw.batch`);
    expect(rows).toEqual([
      { source: 'positions', dataset: 'positions.portfolio', origin: 'csv', format: 'csv_row', file_name: 'book.csv' },
    ]);
    expect(
      await count(db.pool, `select count(*) as n from raw.rejected_row where line = 4 and reason = 'expected 11 fields, found 4'`),
    ).toBe(1);
  });

  it('skips a file whose SHA-256 already landed', async () => {
    const s = await loadPositions(db.pool, { paths: [`${tmp.dir}/pos/book.csv`] });
    expect(s).toMatchObject({ landed: 0, skipped: 1 });
  });

  it('lands a JSON array file whole, once', async () => {
    const file = `${tmp.dir}/pos/hedge.json`;
    fs.writeFileSync(
      file,
      JSON.stringify([
        { portfolio: 'hedge', symbol: 'SPY', quantity: -30, entry_price: 455.5, position_type: 'SHORT', tags: ['hedge'] },
        { portfolio: 'hedge', symbol: 'VUG', quantity: 40, entry_price: 300.1, position_type: 'LONG' },
      ]),
    );
    const s = await loadPositions(db.pool, { paths: [file] });
    expect(s).toMatchObject({ landed: 1, rows: 2 });
    const { rows } = await db.pool.query(
      `select b.origin, b.format, b.row_count, jsonb_array_length(r.payload) as n from raw.batch as b join raw.record as r using (batch_id) where b.file_name = 'hedge.json'`,
    );
    expect(rows).toEqual([{ origin: 'file', format: 'json', row_count: 2, n: 2 }]);
    expect((await loadPositions(db.pool, { paths: [file] })).skipped).toBe(1);
  });

  it('rejects a JSON file that is not an array of records, landing nothing, and the others still land', async () => {
    const dir = `${tmp.dir}/mixed`;
    fs.mkdirSync(dir);
    fs.writeFileSync(`${dir}/a-broken.json`, '[{"portfolio": "x", ');
    fs.writeFileSync(`${dir}/b-object.json`, '{"portfolio": "x"}');
    writeCsv(dir, 'c-good.csv', [HEADER, 'other,AAA,1,1,,LONG,,,,,'], '\n');
    const before = await count(db.pool, `select count(*) as n from raw.batch`);
    const s = await loadPositions(db.pool, { paths: [dir] });
    expect(s).toMatchObject({ landed: 1, failed: 2 });
    expect(s.results[0]!.message).toMatch(/a-broken\.json:1: not valid JSON/);
    expect(s.results[1]!.message).toMatch(/b-object\.json:1: expected a JSON array of records/);
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(before + 1);
    expect(await count(db.pool, `select count(*) as n from ops.file_tracker where status = 'failed'`)).toBe(2);
  });

  it('the CLI lands, transforms and builds the analytics with --transform; partial exit when a file failed', async () => {
    const file = writeCsv(tmp.dir, 'cli/new.csv', [HEADER, 'cli,AAA,5,10,,LONG,,,,,', 'cli,BBB,5,10,,SHORT,,,,,'], '\n');
    const r = await runCli(['load', 'positions', file, `${tmp.dir}/mixed/a-broken.json`, '--transform'], { DATABASE_URL: db.url });
    expect(r.code).toBe(3);
    expect(r.stderr + r.stdout).toMatch(/transform positions: \d+ batch\(es\)/);
    const { rows } = await db.pool.query(`select portfolio, position_count from core.portfolio order by portfolio`);
    expect(rows).toEqual([
      { portfolio: 'book', position_count: 2 },
      { portfolio: 'cli', position_count: 1 },
      { portfolio: 'hedge', position_count: 2 },
      { portfolio: 'other', position_count: 1 },
    ]);
    expect(
      await count(
        db.pool,
        `select count(*) as n from ops.quarantine where transform_name = 'positions' and reason = 'sign_contradicts_type'`,
      ),
    ).toBe(1);
    expect(await count(db.pool, `select count(*) as n from api.position_analytics`)).toBe(6);
  });

  it('names no file: a usage error (exit 2)', async () => {
    const r = await runCli(['load', 'positions'], { DATABASE_URL: db.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/);
  });
});
