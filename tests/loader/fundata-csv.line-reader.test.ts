// The landing reads rows without a quote by cutting lines at their commas and
// hands rows with quotes to csv-parse. What lands must be exactly what
// csv-parse alone reads from the same bytes: the records are compared with
// csv-parse's sync parse of the whole file (an independent reading), for a
// file mixing plain and quoted rows, CRLF line ends, a byte-order mark, empty
// lines, a quoted line break and an escaped quote. A file whose quoting
// csv-parse refuses is still refused whole, naming the line, as before.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { tempDir } from '../fixtures/fundata/fixtures.ts';

const HEADER = 'InstrumentKey,Date,NAVPS,Name';
const ROWS = [
  '1001,2024-01-15,11.58,Plain Fund',
  '1002,2024-01-15,"1,287.83","Fund, Series A"',
  '',
  '1003,2024-01-15,9.10,"Say ""hello"""',
  '1004,2024-01-15,8.00,"two',
  'lines"',
  '1005,2024-01-15,,',
  '1006,2024-01-15,"",""',
  '1007,2024-01-15,7.77,tab\there back\\slash',
];

describe('fundata-csv: rows read by line and by csv-parse alike', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('line-reader');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  async function landed(name: string, bytes: string) {
    const file = path.join(tmp.dir, 'quotes', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    const r = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    const { rows } = await db.pool.query<{ payload: Record<string, string> }>(
      'select payload from raw.record where batch_id = $1 order by line',
      [r.batchId],
    );
    return { r, records: rows.map((x) => x.payload), file };
  }

  /** csv-parse's reading of the whole file, as the JSON records raw.record shows. */
  function expected(file: string): Record<string, string>[] {
    const [head, ...rows] = parse(fs.readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    return rows.map((r) => Object.fromEntries(head!.map((k, i) => [k.trim(), r[i]!])));
  }

  it('lands LF files exactly as csv-parse reads them', async () => {
    const { r, records, file } = await landed('lf.csv', [HEADER, ...ROWS].join('\n') + '\n');
    expect(r).toMatchObject({ status: 'landed', rows: 7, rejected: 0 });
    expect(records).toEqual(expected(file));
    expect(records[1]).toEqual({ InstrumentKey: '1002', Date: '2024-01-15', NAVPS: '1,287.83', Name: 'Fund, Series A' });
    expect(records[3]!.Name).toBe('two\nlines');
  });

  it('lands CRLF files with a byte-order mark and no final line break exactly as csv-parse reads them', async () => {
    const { r, records, file } = await landed('crlf.csv', '\uFEFF' + [HEADER, ...ROWS].join('\r\n'));
    expect(r).toMatchObject({ status: 'landed', rows: 7, rejected: 0 });
    expect(records).toEqual(expected(file));
    expect(records[3]!.Name).toBe('two\r\nlines');
  });

  it('numbers rows by the line they start on, a quoted line break included', async () => {
    const { r } = await landed('lines.csv', [HEADER, ...ROWS].join('\n') + '\n');
    const { rows } = await db.pool.query<{ line: number }>('select line from raw.record where batch_id = $1 order by line', [r.batchId]);
    expect(rows.map((x) => x.line)).toEqual([2, 3, 5, 6, 8, 9, 10]);
  });

  it('still refuses a file with broken quoting whole, naming its line', async () => {
    const { r } = await landed(
      'broken.csv',
      [HEADER, '1001,2024-01-15,11.58,Plain', '1002,2024-01-15,"1.0"x,Bad', '1003,2024-01-15,2.0,Ok'].join('\n'),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/broken\.csv:3: .*broken quoting/);
  });
});
