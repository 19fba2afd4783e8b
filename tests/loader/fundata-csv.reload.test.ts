// A file whose SHA-256 already landed for its dataset is skipped, and says so;
// --force lands it again as a new batch.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { BOM, QUOTES_HEADER, count, quoteLines, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv re-loading a file', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let firstBatch: number;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('reload');
    file = writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, ...quoteLines(10)]);
    const s = await loadFundataCsv(db.pool, { paths: [file], progress: 'never' });
    expect(s.results[0]!.status).toBe('landed');
    firstBatch = s.results[0]!.batchId!;
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('skips an unchanged file and names the batch it already landed as', async () => {
    const s = await loadFundataCsv(db.pool, { paths: [file], progress: 'never' });
    expect(s).toMatchObject({ landed: 0, skipped: 1, failed: 0, rows: 0 });
    expect(s.results[0]).toMatchObject({ status: 'skipped', batchId: firstBatch });
    expect(s.results[0]!.message).toMatch(new RegExp(`already landed as batch ${firstBatch} \\(same SHA-256\\); use --force`));
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(1);
    expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(10);
  });

  it('skips the same content under another name or folder of the same dataset', async () => {
    const copy = writeCsv(tmp.dir, 'quotes/nested/renamed.csv', fs.readFileSync(file));
    const s = await loadFundataCsv(db.pool, { paths: [copy], progress: 'never' });
    expect(s.results[0]).toMatchObject({ status: 'skipped', batchId: firstBatch });
  });

  it('lands the same bytes for another dataset', async () => {
    const other = writeCsv(tmp.dir, 'data/same-bytes.csv', fs.readFileSync(file));
    const s = await loadFundataCsv(db.pool, { paths: [other], progress: 'never' });
    expect(s.results[0]).toMatchObject({ status: 'landed', dataset: 'fundata.data', rows: 10 });
  });

  it('lands a changed file as a new batch', async () => {
    const changed = writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, ...quoteLines(11)]);
    const s = await loadFundataCsv(db.pool, { paths: [changed], progress: 'never' });
    expect(s.results[0]).toMatchObject({ status: 'landed', rows: 11 });
    expect(s.results[0]!.batchId).toBeGreaterThan(firstBatch);
  });

  it('lands an unchanged file again with --force, and counts every pass in ops.file_tracker', async () => {
    const before = await count(db.pool, `select count(*) as n from raw.batch`);
    const s = await loadFundataCsv(db.pool, { paths: [file], force: true, progress: 'never' });
    expect(s.results[0]).toMatchObject({ status: 'landed', rows: 11 });
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(before + 1);
    const { rows } = await db.pool.query(
      `select status, process_count, last_batch_id::int as batch from ops.file_tracker where file_path like '%quotes/FundDailyNAVPSSeed.csv' order by first_processed_at`,
    );
    // the first version of the file: landed, then skipped; the changed one: landed twice
    expect(rows).toEqual([
      { status: 'skipped', process_count: 2, batch: firstBatch },
      { status: 'landed', process_count: 2, batch: s.results[0]!.batchId },
    ]);
  });

  it('says "skipped … already landed" on the command line, exits 0, and relands with --force', async () => {
    const skip = await runCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url });
    expect(skip.code).toBe(0);
    expect(skip.stderr).toMatch(
      /skipped .*FundDailyNAVPSSeed\.csv already landed as batch \d+ \(same SHA-256\); use --force to land it again/,
    );
    expect(skip.stderr).toMatch(/0 landed .* 1 skipped, 0 failed/);
    const forced = await runCli(['load', 'fundata-csv', '--force', file], { DATABASE_URL: db.url });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/landed .*FundDailyNAVPSSeed\.csv → fundata\.quotes batch \d+: 11 rows/);
  });
});
