// A backslash in a CSV cell is text: `\u0000`, `\n`, `\t`, `\\` written in the
// file land as those characters, byte for byte, in values and in header names,
// and type as text. Only a real NUL byte makes a row unreadable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile, type LandResult } from '../../loader/lib/land.ts';
import { DATA_HEADER, QUOTES_HEADER, count, quoteLines, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

// the cells as written in the file (these are the characters, not escapes)
const LITERALS = ['\\u0000', 'a\\u0000b', '\\n', 'C:\\\\data\\new', 'x\\ty', '\\"quoted\\"', '\\\\u0000', '\\', 'end\\'];

describe('fundata-csv backslashes in cells', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let result: LandResult;
  const good = quoteLines(LITERALS.length + 1);

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('backslash');
    // each literal in RecordState (field 12), quoted when it holds a quote
    const rows = LITERALS.map((lit, i) => {
      const f = good[i]!.split(',');
      f[11] = lit.includes('"') ? `"${lit.replace(/"/g, '""')}"` : lit;
      return f.join(',');
    });
    const file = writeCsv(tmp.dir, 'quotes/backslash.csv', [
      QUOTES_HEADER,
      ...rows,
      good[LITERALS.length]!.replace('Active', 'Act\0ive'), // a real NUL byte
    ]);
    result = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('lands every cell holding a backslash sequence as the characters written', async () => {
    expect(result).toMatchObject({ status: 'landed', rows: LITERALS.length, rejected: 1 });
    const { rows } = await db.pool.query(`select line, payload ->> 'RecordState' as s from raw.record where batch_id = $1 order by line`, [
      result.batchId,
    ]);
    expect(rows).toEqual(LITERALS.map((s, i) => ({ line: i + 2, s })));
  });

  it('stores them in the JSON payload as escaped text, not as control characters', async () => {
    const { rows } = await db.pool.query(
      `select payload ->> 'RecordState' as s, position(chr(10) in payload ->> 'RecordState') as lf, position(chr(9) in payload ->> 'RecordState') as tab
       from raw.record where batch_id = $1 and line = 4`,
      [result.batchId],
    );
    expect(rows).toEqual([{ s: '\\n', lf: 0, tab: 0 }]);
  });

  it('keeps only the row with a real NUL byte aside', async () => {
    const { rows } = await db.pool.query(`select line, reason from raw.rejected_row where batch_id = $1`, [result.batchId]);
    expect(rows).toEqual([{ line: LITERALS.length + 2, reason: 'a NUL byte' }]);
  });

  it('keeps backslashes in header names', async () => {
    const header = QUOTES_HEADER.replace('Split', 'Split\\n').replace('RecordState', 'Record\\State');
    const file = writeCsv(tmp.dir, 'quotes/backslash-header.csv', [header, ...quoteLines(2, '4095', 900)]);
    const r = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    expect(r).toMatchObject({ status: 'landed', rows: 2, rejected: 0 });
    const { rows } = await db.pool.query(
      `select distinct k from raw.record, jsonb_object_keys(payload) as k where batch_id = $1 and position(chr(92) in k) > 0 order by k`,
      [r.batchId],
    );
    expect(rows.map((x) => x.k)).toEqual(['Record\\State', 'Split\\n']);
    expect(
      await count(db.pool, `select count(*) as n from raw.record where batch_id = $1 and payload ->> 'Record\\State' = 'Active'`, [
        r.batchId,
      ]),
    ).toBe(2);
  });

  it('types a literal \\u0000 as text in core', async () => {
    const fields = DATA_HEADER.split(',');
    const row = fields.map(
      (k) =>
        ({
          InstrumentKey: '777001',
          RecordId: '1',
          Language: 'EN',
          LegalName: '\\u0000',
          Currency: 'CAD',
          RecordState: 'Active',
          ChangeDate: '2024-01-15',
        })[k] ?? '',
    );
    const file = writeCsv(tmp.dir, 'data/backslash.csv', [DATA_HEADER, row.join(',')]);
    const r = await landCsvFile(db.pool, { file, dataset: 'fundata.data', source: 'fundata', origin: 'csv' });
    expect(r).toMatchObject({ status: 'landed', rows: 1, rejected: 0 });
    await db.pool.query(`select * from ops.run_transform('fundata_data')`);
    const { rows } = await db.pool.query(`select legal_name from core.fundata_data where identifier = '777001'`);
    expect(rows).toEqual([{ legal_name: '\\u0000' }]);
  });
});
