// A file landed again under its name (--force, a vendor's corrected file)
// stores only the rows that differ from its earlier landing; the others are
// kept as references (raw.record_ref), so the batch's lineage stays complete:
// raw.batch_records lists every row of the file as it arrived.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { BOM, QUOTES_HEADER, count, quoteLines, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

/** The file's rows as (line, record): an independent reading (no quoted fields in these files). */
function fileRecords(file: string): { line: number; payload: Record<string, string> }[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  const header = lines[0]!.split(',');
  return lines
    .map((l, i) => ({ l, line: i + 1 }))
    .filter(({ l, line }) => line > 1 && l !== '')
    .map(({ l, line }) => ({ line, payload: Object.fromEntries(l.split(',').map((v, k) => [header[k]!, v])) }));
}

describe('fundata-csv: a file landed again stores only what changed', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  const first = quoteLines(10);
  // line 6 (the fifth row) corrected, one row appended
  const corrected = [...first.slice(0, 4), first[4]!.replace(/,Active,/, ',Inactive,'), ...first.slice(5), ...quoteLines(11).slice(10)];
  const batches: number[] = [];

  const records = (batch: number) =>
    db.pool
      .query<{ line: number; payload: Record<string, string>; stored_batch_id: string }>(
        `select line, payload, stored_batch_id from raw.batch_records($1) order by line`,
        [batch],
      )
      .then((r) => r.rows);

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('reload-refs');
    file = writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, ...first]);
    const s = await loadFundataCsv(db.pool, { paths: [file], progress: 'never' });
    batches.push(s.results[0]!.batchId!);
    await db.pool.query(`select * from ops.run_transform('fundata_quotes')`);
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('stores the first landing whole', async () => {
    expect(await count(db.pool, `select count(*) as n from raw.record where batch_id = $1`, [batches[0]])).toBe(10);
    expect(await count(db.pool, `select count(*) as n from raw.record_ref`)).toBe(0);
    // the header is recorded once per batch: core.stage reads each row with these keys only
    const { rows } = await db.pool.query(`select header from raw.batch where batch_id = $1`, [batches[0]]);
    expect(rows).toEqual([{ header: QUOTES_HEADER.split(',') }]);
  });

  it('stores a corrected file’s changed and new rows, and refers to the unchanged ones', async () => {
    writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, ...corrected]);
    const s = await loadFundataCsv(db.pool, { paths: [file], progress: 'never' });
    expect(s.results[0]).toMatchObject({ status: 'landed', rows: 11, referenced: 9 });
    const b = s.results[0]!.batchId!;
    batches.push(b);
    const { rows: stored } = await db.pool.query(`select line from raw.record where batch_id = $1 order by line`, [b]);
    expect(stored.map((r) => r.line)).toEqual([6, 12]);
    const { rows: runs } = await db.pool.query(
      `select line_from, line_to, ref_batch_id::int as ref, ref_line_from from raw.record_ref where batch_id = $1 order by line_from`,
      [b],
    );
    expect(runs).toEqual([
      { line_from: 2, line_to: 5, ref: batches[0], ref_line_from: 2 },
      { line_from: 7, line_to: 11, ref: batches[0], ref_line_from: 7 },
    ]);
    const { rows: batch } = await db.pool.query(`select row_count, referenced_count from raw.batch where batch_id = $1`, [b]);
    expect(batch).toEqual([{ row_count: 11, referenced_count: 9 }]);
    // the lineage is complete: every row of the file, as it arrived
    expect((await records(b)).map(({ line, payload }) => ({ line, payload }))).toEqual(fileRecords(file));
  });

  it('writes versions only for what changed, and shows each latest row its own landed record', async () => {
    const { rows } = await db.pool.query(`select rows_in::int, rows_out::int from ops.run_transform('fundata_quotes')`);
    expect(rows).toEqual([{ rows_in: 2, rows_out: 2 }]);
    const { rows: latest } = await db.pool.query(
      `select batch_id::int as batch, batch_line, data_version, raw_json ->> 'RecordState' as state
       from core.fundata_quotes_latest where batch_id = $1 order by batch_line`,
      [batches[1]],
    );
    expect(latest).toEqual([
      { batch: batches[1], batch_line: 6, data_version: 2, state: 'Inactive' },
      { batch: batches[1], batch_line: 12, data_version: 1, state: 'Active' },
    ]);
  });

  it('refers an unchanged --force reload to where each record is stored, storing nothing', async () => {
    const s = await loadFundataCsv(db.pool, { paths: [file], force: true, progress: 'never' });
    expect(s.results[0]).toMatchObject({ status: 'landed', rows: 11, referenced: 11 });
    const b = s.results[0]!.batchId!;
    expect(await count(db.pool, `select count(*) as n from raw.record where batch_id = $1`, [b])).toBe(0);
    const all = await records(b);
    expect(all.map(({ line, payload }) => ({ line, payload }))).toEqual(fileRecords(file));
    // references lead to stored records, never to another reference
    expect(new Set(all.map((r) => Number(r.stored_batch_id)))).toEqual(new Set(batches));
    const { rows } = await db.pool.query(`select rows_in::int, rows_out::int from ops.run_transform('fundata_quotes')`);
    expect(rows).toEqual([{ rows_in: 0, rows_out: 0 }]);
  });
});

// A reference stands for the record where the row is stored, under the header
// of the batch that stores it: a header that changed order in between must
// not make a different row look the same.
describe('fundata-csv: references across headers in another order', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  const names = QUOTES_HEADER.split(',');
  const a = names.indexOf('NAVPS');
  const b = names.indexOf('PreviousNAVPS');
  /** The line with its values at a and b swapped. */
  const swap = (line: string) => {
    const v = line.split(',');
    [v[a], v[b]] = [v[b]!, v[a]!];
    return v.join(',');
  };
  const rows = quoteLines(5);

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('reload-reordered');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('stores a row whose values moved between columns, though an earlier landing refers to a row with those values', async () => {
    const land = async (header: string, lines: string[]) => {
      const file = writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + header, ...lines]);
      const s = await loadFundataCsv(db.pool, { paths: [file], force: true, progress: 'never' });
      return { file, result: s.results[0]! };
    };
    await land(QUOTES_HEADER, rows);
    // the same records, their columns NAVPS and PreviousNAVPS in the other order: all referenced
    const second = await land(swap(QUOTES_HEADER), rows.map(swap));
    expect(second.result).toMatchObject({ status: 'landed', rows: 5, referenced: 5 });
    // the first header again, each row's NAVPS and PreviousNAVPS swapped: other
    // records, stored, but for a row whose two values are equal (the same record)
    const same = rows.filter((r) => swap(r) === r).length;
    expect(same).toBeLessThan(rows.length);
    const third = await land(QUOTES_HEADER, rows.map(swap));
    expect(third.result).toMatchObject({ status: 'landed', rows: 5, referenced: same });
    const { rows: got } = await db.pool.query(`select line, payload from raw.batch_records($1) order by line`, [third.result.batchId]);
    expect(got).toEqual(fileRecords(third.file));
  });
});
