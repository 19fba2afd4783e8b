// Rows the loader cannot read faithfully are never dropped silently: a row with
// the wrong number of fields, bytes that are not UTF-8 or a NUL byte is kept in
// raw.rejected_row (line, raw text, reason) while the rest of the file lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile, type LandResult } from '../../loader/lib/land.ts';
import { BOM, QUOTES_HEADER, count, quoteLines, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv rows that cannot be read', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let result: LandResult;
  const good = quoteLines(4);
  // the same row in Latin-1 (é = 0xE9) instead of UTF-8
  const latin1 = Buffer.from('26190,4096,,,2024-01-16,10.00000000,,,2024-01-15,9.90000000,,Activ\xe9,2024-01-16', 'latin1');

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('rejected');
    const text = [
      BOM + QUOTES_HEADER, // 1
      good[0], // 2
      '26180,4095,,,2024-01-03,11.60000000,0.1,0.2,2024-01-02,11.50000000,,Active,2024-01-03,extra', // 3: 14 fields
      '26181,4095,,,2024-01-04', // 4: 5 fields
      good[1], // 5
    ].join('\r\n');
    const file = writeCsv(
      tmp.dir,
      'quotes/bad-rows.csv',
      Buffer.concat([
        Buffer.from(text + '\r\n'),
        latin1, // 6
        Buffer.from('\r\n' + good[2] + '\r\n'), // 7
        Buffer.from('26191,4096,,,2024-01-17,10.00000000,,,2024-01-16,10.00000000,,Act\0ive,2024-01-17\r\n'), // 8: NUL
        Buffer.from('"26192","4096","","","2024-01-18","10.1","","","2024-01-17",\r\n"10.0","","Active","2024-01-18"\r\n'), // 9-10: 10 fields, then 4
        Buffer.from(good[3] + '\r\n'), // 11
      ]),
    );
    result = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('lands every readable row of the file in one committed batch', async () => {
    expect(result.status).toBe('landed');
    expect(result.rows).toBe(4);
    const { rows } = await db.pool.query(`select line, payload ->> 'RecordId' as id from raw.record order by line`);
    expect(rows).toEqual([
      { line: 2, id: good[0]!.split(',')[0] },
      { line: 5, id: good[1]!.split(',')[0] },
      { line: 7, id: good[2]!.split(',')[0] },
      { line: 11, id: good[3]!.split(',')[0] },
    ]);
  });

  it('keeps each unreadable row with its line, raw text and reason', async () => {
    const { rows } = await db.pool.query(`select line, raw_text, reason from raw.rejected_row where batch_id = $1 order by line`, [
      result.batchId,
    ]);
    expect(rows.map((r) => r.line)).toEqual([3, 4, 6, 8, 9, 10]);
    const by = new Map(rows.map((r) => [r.line, r]));
    expect(by.get(3)).toEqual({
      line: 3,
      raw_text: '26180,4095,,,2024-01-03,11.60000000,0.1,0.2,2024-01-02,11.50000000,,Active,2024-01-03,extra',
      reason: 'expected 13 fields, found 14',
    });
    expect(by.get(4)).toEqual({ line: 4, raw_text: '26181,4095,,,2024-01-04', reason: 'expected 13 fields, found 5' });
    // the file's bytes, not a decoding of them: the invalid byte shows as \xHH, NUL as \0
    expect(by.get(6)).toEqual({
      line: 6,
      raw_text: '26190,4096,,,2024-01-16,10.00000000,,,2024-01-15,9.90000000,,Activ\\xE9,2024-01-16',
      reason: 'bytes that are not valid UTF-8',
    });
    expect(by.get(8)).toEqual({
      line: 8,
      raw_text: '26191,4096,,,2024-01-17,10.00000000,,,2024-01-16,10.00000000,,Act\\0ive,2024-01-17',
      reason: 'a NUL byte',
    });
    expect(by.get(9)).toMatchObject({ reason: 'expected 13 fields, found 10' });
    expect(by.get(9).raw_text).toBe('"26192","4096","","","2024-01-18","10.1","","","2024-01-17",');
  });

  it('counts the kept rows on the batch and names the first in the result', async () => {
    expect(result.rejected).toBe(6);
    expect(result.message).toMatch(/6 row\(s\) kept in raw\.rejected_row, e\.g\. .*bad-rows\.csv:3: expected 13 fields, found 14/);
    expect(await count(db.pool, `select rejected_count as n from raw.batch where batch_id = $1`, [result.batchId])).toBe(6);
    expect(await count(db.pool, `select rejected as n from ops.file_tracker where last_batch_id = $1`, [result.batchId])).toBe(6);
  });

  it('keeps a rejected row that spans lines whole, including the last row of a file without a final line break', async () => {
    const file = writeCsv(
      tmp.dir,
      'quotes/spans.csv',
      Buffer.from(
        [
          QUOTES_HEADER,
          good[0],
          '26195,4095,"a\r\nb",,2024-01-05', // lines 3-4: a quoted line break, 5 fields
          good[1],
          '26196,4095,"x\ny\nz",,,,,,,,,,,,', // lines 6-8: 15 fields
          '26197,4095', // line 9, no final line break
        ].join('\r\n'),
      ),
    );
    const r = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    expect(r).toMatchObject({ status: 'landed', rows: 2, rejected: 3 });
    const { rows } = await db.pool.query(`select line, raw_text, reason from raw.rejected_row where batch_id = $1 order by line`, [
      r.batchId,
    ]);
    expect(rows).toEqual([
      { line: 3, raw_text: '26195,4095,"a\r\nb",,2024-01-05', reason: 'expected 13 fields, found 5' },
      { line: 6, raw_text: '26196,4095,"x\ny\nz",,,,,,,,,,,,', reason: 'expected 13 fields, found 15' },
      { line: 9, raw_text: '26197,4095', reason: 'expected 13 fields, found 2' },
    ]);
    const landed = await db.pool.query(`select line from raw.record where batch_id = $1 order by line`, [r.batchId]);
    expect(landed.rows.map((x) => x.line)).toEqual([2, 5]);
  });

  it('lands a row that really holds the replacement character U+FFFD, in a file of valid UTF-8', async () => {
    // over 64 KiB of accented rows first, shifted until an é straddles the first 64 KiB read
    const build = (pad: number) => {
      const lines = [QUOTES_HEADER];
      for (let i = 0; lines.length < 2_000; i++) {
        lines.push(
          `${i},4095,,,2024-01-15,11.58290000,,,2024-01-14,11.58270000,,${i ? '' : 'x'.repeat(pad)}Ré${'é'.repeat(i % 3)}sumé,2024-01-15`,
        );
      }
      lines.push('99999,4095,,,2024-01-16,11.60000000,,,2024-01-15,11.58290000,,Actif \uFFFD,2024-01-16');
      return lines;
    };
    let pad = 0;
    while ((Buffer.from(build(pad).join('\r\n'))[1 << 16]! & 0xc0) !== 0x80) pad++;
    const lines = build(pad);
    const file = writeCsv(tmp.dir, 'quotes/replacement-char.csv', lines);
    const r = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    expect(r).toMatchObject({ status: 'landed', rows: lines.length - 1, rejected: 0 });
    const { rows } = await db.pool.query(`select payload ->> 'RecordState' as s from raw.record where batch_id = $1 and line = $2`, [
      r.batchId,
      lines.length,
    ]);
    expect(rows).toEqual([{ s: 'Actif \uFFFD' }]);
  });

  it('keeps every row of a file whose rows are all unreadable, and lands an empty batch', async () => {
    // a file whose every data row has one field too many (say, a stray delimiter in every row)
    const lines = [QUOTES_HEADER, ...quoteLines(20_000).map((l) => l + ',x')];
    const file = writeCsv(tmp.dir, 'quotes/all-bad.csv', lines);
    const r = await landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    expect(r).toMatchObject({ status: 'landed', rows: 0, rejected: 20_000 });
    expect(await count(db.pool, `select count(*) as n from raw.rejected_row where batch_id = $1`, [r.batchId])).toBe(20_000);
    expect(await count(db.pool, `select min(line) as n from raw.rejected_row where batch_id = $1`, [r.batchId])).toBe(2);
    expect(await count(db.pool, `select max(line) as n from raw.rejected_row where batch_id = $1`, [r.batchId])).toBe(20_001);
  });
});
