// A field or row over its bound (SRA_MAX_FIELD_BYTES, SRA_MAX_RECORD_BYTES) is
// kept aside while parsing, with its reason and its first bytes, and the rest
// of the file lands: the loader never holds a giant row, whatever the file holds.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { landCsvFile, landJsonDocument, DocumentTooLargeError, EXCERPT_BYTES } from '../../loader/lib/land.ts';
import { QUOTES_HEADER, count, quoteLines, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

/** A quote line for key 4095 with its RecordState (field 12) replaced by `state`, as written. */
const withState = (line: string, state: string) => {
  const f = line.split(',');
  f[11] = state;
  return f.join(',');
};

describe('fundata-csv rows over a bound', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('oversize');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  const limits = { maxFieldBytes: 200, maxRecordBytes: 600 };
  const land = (file: string) => landCsvFile(db.pool, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv', limits });

  it('keeps each oversized row aside with its reason and lands every other row on its line', async () => {
    const good = quoteLines(9);
    const wide = '"' + 'w,'.repeat(70) + '"'; // 142 bytes, under the field bound
    const multi = '"a ""quoted"" line\r\n' + 'y'.repeat(250) + '\r\nlast line"';
    const wideRow = [wide, wide, wide, wide, wide, '2024-01-05'].join(',');
    const rows: [string, number][] = [
      [QUOTES_HEADER, 1],
      [good[0]!, 2],
      [withState(good[1]!, 'x'.repeat(300)), 3], // an unquoted field of 300 bytes
      [good[2]!, 4],
      [withState(good[3]!, multi), 5], // lines 5-7, cut inside the quotes
      [good[4]!, 8],
      [wideRow, 9], // 6 fields, 725 bytes: the row is over, no field is
      [good[5]!, 10],
      [withState(good[6]!, '"' + 'a'.repeat(198) + '""' + 'b'.repeat(50) + '"'), 11], // cut between the two quotes of a doubled quote
      [good[7]!, 12],
      [withState(good[8]!, '"' + 'c'.repeat(199) + '"'), 13], // cut at the closing quote
    ];
    const text = rows.map(([l]) => l).join('\r\n') + '\r\n' + withState(good[8]!, '"' + 'z\n'.repeat(150) + '"'); // lines 14-164, no final line break
    const file = writeCsv(tmp.dir, 'quotes/oversize.csv', Buffer.from(text));
    const r = await land(file);
    expect(r).toMatchObject({ status: 'landed', rows: 5, rejected: 6 });
    const landed = await db.pool.query(`select line, payload ->> 'RecordId' as id from raw.record where batch_id = $1 order by line`, [
      r.batchId,
    ]);
    expect(landed.rows).toEqual([
      { line: 2, id: good[0]!.split(',')[0] },
      { line: 4, id: good[2]!.split(',')[0] },
      { line: 8, id: good[4]!.split(',')[0] },
      { line: 10, id: good[5]!.split(',')[0] },
      { line: 12, id: good[7]!.split(',')[0] },
    ]);
    const kept = await db.pool.query(`select line, reason, raw_text from raw.rejected_row where batch_id = $1 order by line`, [r.batchId]);
    expect(kept.rows.map((x) => [x.line, x.reason])).toEqual([
      [3, 'field_too_large: field 12 (RecordState) is 300 bytes, over the bound of 200 (SRA_MAX_FIELD_BYTES)'],
      [5, `field_too_large: field 12 (RecordState) is ${Buffer.byteLength(multi)} bytes, over the bound of 200 (SRA_MAX_FIELD_BYTES)`],
      [9, `record_too_large: the row is ${Buffer.byteLength(wideRow)} bytes, over the bound of 600 (SRA_MAX_RECORD_BYTES)`],
      [11, 'field_too_large: field 12 (RecordState) is 252 bytes, over the bound of 200 (SRA_MAX_FIELD_BYTES)'],
      [13, 'field_too_large: field 12 (RecordState) is 201 bytes, over the bound of 200 (SRA_MAX_FIELD_BYTES)'],
      [14, 'field_too_large: field 12 (RecordState) is 302 bytes, over the bound of 200 (SRA_MAX_FIELD_BYTES)'],
    ]);
    // each kept row's text is the row as written (it is shorter than the excerpt)
    const byLine = new Map(kept.rows.map((x) => [x.line, x.raw_text]));
    for (const [l, line] of rows) if (byLine.has(line)) expect(byLine.get(line)).toBe(l);
  });

  it('lands the rows around it exactly as a file without the oversized row', async () => {
    const good = quoteLines(3, '4096', 500);
    const big = withState(good[1]!, '"' + 'q'.repeat(300) + '"');
    const file = writeCsv(tmp.dir, 'quotes/around.csv', [QUOTES_HEADER, good[0]!, big, good[2]!]);
    const r = await land(file);
    expect(r).toMatchObject({ status: 'landed', rows: 2, rejected: 1 });
    const { rows } = await db.pool.query(`select line, payload from raw.record where batch_id = $1 order by line`, [r.batchId]);
    const keys = QUOTES_HEADER.split(',');
    expect(rows).toEqual([
      { line: 2, payload: Object.fromEntries(keys.map((k, i) => [k, good[0]!.split(',')[i]])) },
      { line: 4, payload: Object.fromEntries(keys.map((k, i) => [k, good[2]!.split(',')[i]])) },
    ]);
  });

  it('lands a field or row of exactly its bound, line break not counted', async () => {
    const good = quoteLines(2, '4097', 700);
    const atField = withState(good[0]!, 'f'.repeat(200)); // the last-but-one field, 200 bytes
    const lastField = good[1]!.replace(/,[^,]*$/, ',' + 'g'.repeat(200)); // the last field, 200 bytes, then CRLF
    const f = lastField.split(','); // CurrentYield and its change are empty: fill them up to a row of 600 bytes
    const extra = 600 - Buffer.byteLength(lastField);
    f[2] = 'p'.repeat(Math.floor(extra / 2));
    f[3] = 'q'.repeat(extra - Math.floor(extra / 2));
    const atRow = f.join(',');
    expect(Buffer.byteLength(atRow)).toBe(600);
    const file = writeCsv(tmp.dir, 'quotes/at-bound.csv', [QUOTES_HEADER, atField, lastField, atRow]);
    const r = await land(file);
    expect(r).toMatchObject({ status: 'landed', rows: 3, rejected: 0 });
  });

  it.each([1, 2, 3])(
    'agrees with the rows as written, in a generated file with quotes, line breaks and oversized rows (seed %i)',
    async (seed) => {
      // a small deterministic generator (mulberry32)
      let t = seed * 0x9e3779b9;
      const rand = () => {
        t = (t + 0x6d2b79f5) | 0;
        let x = Math.imul(t ^ (t >>> 15), 1 | t);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      const text = (n: number, alphabet: string[]) => Array.from({ length: n }, () => pick(alphabet)).join('');
      const F = 64;
      const R = 160;
      const names = ['Key', 'Note', 'Tail'];
      // each row: the fields as written and as read
      type Row = { raw: string[]; value: string[] } | 'empty';
      const rows: Row[] = [];
      for (let i = 0; i < 3000; i++) {
        if (rand() < 0.03) {
          rows.push('empty');
          continue;
        }
        const raw: string[] = [];
        const value: string[] = [];
        for (let k = 0; k < 3; k++) {
          const len = rand() < 0.15 ? Math.floor(rand() * 120) : Math.floor(rand() * 30);
          if (rand() < 0.5) {
            const v = text(len, ['a', 'b', 'é', ' ', '1', '\\']);
            raw.push(v);
            value.push(v);
          } else {
            const v = text(len, ['x', 'é', ',', '"', '\n', '\r\n', '\\', ' ']);
            raw.push('"' + v.replace(/"/g, '""') + '"');
            value.push(v);
          }
        }
        rows.push({ raw, value });
      }
      const body = rows.map((r) => (r === 'empty' ? '' : r.raw.join(','))).join('\r\n');
      const file = writeCsv(tmp.dir, `quotes/generated-${seed}.csv`, Buffer.from(names.join(',') + '\r\n' + body + '\r\n'));

      // what the file holds: the rows that fit, and the oversized ones with the bound each crosses first
      const landedRows: { line: number; payload: Record<string, string> }[] = [];
      const keptRows: { line: number; reason: string; raw_text: string }[] = [];
      let line = 2;
      for (const r of rows) {
        if (r === 'empty') {
          line++;
          continue;
        }
        const rowText = r.raw.join(',');
        const sizes = r.raw.map((f) => Buffer.byteLength(f));
        let first = Buffer.byteLength(rowText) > R ? R : Infinity;
        let reason = `record_too_large: the row is ${Buffer.byteLength(rowText)} bytes, over the bound of ${R} (SRA_MAX_RECORD_BYTES)`;
        let start = 0;
        sizes.forEach((size, k) => {
          if (size > F && start + F <= first) {
            first = start + F;
            reason = `field_too_large: field ${k + 1} (${names[k]}) is ${size} bytes, over the bound of ${F} (SRA_MAX_FIELD_BYTES)`;
          }
          start += size + 1;
        });
        if (first !== Infinity) keptRows.push({ line, reason, raw_text: rowText });
        else landedRows.push({ line, payload: Object.fromEntries(names.map((n, k) => [n, r.value[k]!])) });
        line += rowText.split('\n').length;
      }
      expect(keptRows.length).toBeGreaterThan(100);

      const r = await landCsvFile(db.pool, {
        file,
        dataset: 'fundata.quotes',
        source: 'fundata',
        origin: 'csv',
        limits: { maxFieldBytes: F, maxRecordBytes: R },
      });
      expect(r).toMatchObject({ status: 'landed', rows: landedRows.length, rejected: keptRows.length });
      const got = await db.pool.query(`select line, payload from raw.record where batch_id = $1 order by line`, [r.batchId]);
      expect(got.rows).toEqual(landedRows);
      const kept = await db.pool.query(`select line, reason, raw_text from raw.rejected_row where batch_id = $1 order by line`, [
        r.batchId,
      ]);
      expect(kept.rows).toEqual(keptRows);
    },
  );

  it('rejects a file whose header row is over a bound', async () => {
    const file = writeCsv(tmp.dir, 'quotes/big-header.csv', [QUOTES_HEADER + ',' + 'H'.repeat(300), ...quoteLines(2)]);
    const r = await land(file);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/big-header\.csv:1: the header row is too large: field_too_large: field 14 is 300 bytes/);
    expect(await count(db.pool, `select count(*) as n from raw.batch where file_name = 'big-header.csv'`)).toBe(0);
  });

  it('rejects a file whose oversized quoted field never closes, naming the line where it opens', async () => {
    const good = quoteLines(3);
    const file = writeCsv(tmp.dir, 'quotes/never-closed.csv', [
      QUOTES_HEADER,
      good[0]!,
      withState(good[1]!, '"' + 'n\n'.repeat(200)),
      good[2]!,
    ]);
    const r = await land(file);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/never-closed\.csv:3: a quoted field opens here and is never closed \(broken quoting/);
    expect(await count(db.pool, `select count(*) as n from raw.batch where file_name = 'never-closed.csv'`)).toBe(0);
  });

  it('keeps an API document over the document bound aside as a failed batch, not as a giant JSONB', async () => {
    const body = Array.from({ length: 400 }, (_, i) => ({ symbol: `S${i}`, name: `Company ${i} é` }));
    const text = JSON.stringify(body);
    const request = { endpoint: 'stock/list', params: {} };
    await expect(
      landJsonDocument(db.pool, { source: 'fmp', dataset: 'fmp.symbol_list', request, httpStatus: 200, body, text, maxBytes: 4096 }),
    ).rejects.toThrow(DocumentTooLargeError);
    const { rows } = await db.pool.query(
      `select b.status, b.row_count, b.rejected_count, b.error, r.line, r.reason, r.raw_text,
              (select count(*)::int from raw.record as x where x.batch_id = b.batch_id) as records
       from raw.batch as b join raw.rejected_row as r using (batch_id) where b.dataset = 'fmp.symbol_list'`,
    );
    expect(rows).toHaveLength(1);
    const reason = `document_too_large: the response is ${Buffer.byteLength(text)} bytes, over the bound of 4096 (SRA_MAX_DOCUMENT_BYTES)`;
    expect(rows[0]).toMatchObject({ status: 'failed', row_count: 0, rejected_count: 1, error: reason, line: 1, reason, records: 0 });
    expect(Buffer.byteLength(rows[0].raw_text)).toBeLessThanOrEqual(EXCERPT_BYTES);
    expect(text.startsWith(rows[0].raw_text)).toBe(true);
    // under the bound, the same document lands whole
    const ok = await landJsonDocument(db.pool, {
      source: 'fmp',
      dataset: 'fmp.symbol_list',
      request,
      httpStatus: 200,
      body,
      text,
      maxBytes: 1 << 20,
    });
    expect(await count(db.pool, `select jsonb_array_length(payload) as n from raw.record where batch_id = $1`, [ok.batchId])).toBe(400);
  });
});

describe('fundata-csv with a 50 MB field, on the command line', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('oversize-cli');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('keeps the row aside with the first bytes of its text, lands the other rows, and stays within 200 MB', async () => {
    const good = quoteLines(4);
    const file = path.join(tmp.dir, 'quotes', 'huge-field.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, [QUOTES_HEADER, good[0]!, good[1]!].join('\r\n') + '\r\n');
    const f = good[2]!.split(',');
    fs.writeSync(fd, f.slice(0, 11).join(',') + ',"');
    const block = Buffer.alloc(6 * 174_762, 'é,"" '); // 1 MiB of accents, commas and doubled quotes inside the quoted field
    for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
    fs.writeSync(fd, '",' + f[12] + '\r\n' + good[3]! + '\r\n');
    fs.closeSync(fd);

    const r = await runCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url });
    expect(r.stderr).toContain(
      `huge-field.csv:4: field_too_large: field 12 (RecordState) is ${50 * block.length + 2} bytes, over the bound of 1048576 (SRA_MAX_FIELD_BYTES)`,
    );
    expect(r.code).toBe(0);
    const landed = await db.pool.query(`select line from raw.record order by line`);
    expect(landed.rows.map((x) => x.line)).toEqual([2, 3, 5]);
    const { rows } = await db.pool.query(`select line, raw_text, octet_length(raw_text) as bytes from raw.rejected_row`);
    expect(rows).toHaveLength(1);
    expect(rows[0].line).toBe(4);
    expect(rows[0].bytes).toBeLessThanOrEqual(EXCERPT_BYTES);
    expect(rows[0].bytes).toBeGreaterThan(EXCERPT_BYTES - 4);
    expect(rows[0].raw_text.startsWith(f.slice(0, 11).join(',') + ',"é,"" ')).toBe(true);
    const run = await db.pool.query(`select status, peak_memory_mb from ops.task_run where task_type = 'load'`);
    expect(run.rows[0].status).toBe('completed');
    expect(Number(run.rows[0].peak_memory_mb)).toBeLessThanOrEqual(200);
  });

  it('names a malformed bound in one line and exits 2', async () => {
    const r = await runCli(['load', 'fundata-csv', tmp.dir], { DATABASE_URL: db.url, SRA_MAX_RECORD_BYTES: '10MB' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^\S+ error configuration: SRA_MAX_RECORD_BYTES must be a number of bytes$/);
  });
});
