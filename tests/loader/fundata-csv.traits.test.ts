// Every trait of real Fundata files (docs/FUNDATA.md) lands untouched: raw.record
// holds each row as a JSON object keyed by its file's header, with the
// physical line it starts on.
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { BOM, DATA_HEADER, QUOTES_HEADER, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

type Payload = Record<string, string>;

describe('fundata-csv landing of the Fundata file traits', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let fundFile: string;
  let benchFile: string;
  let quotesFile: string;
  const records = new Map<string, Map<number, Payload>>();

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('traits');
    // BOM, CRLF, quoted commas and quotes, French accents, empty fields, an
    // empty line, a line break inside a quoted field, a duplicate row, a row
    // without InstrumentKey, an invalid date, numbers with $ and thousands
    // separators, trailing empty lines
    fundFile = writeCsv(tmp.dir, 'data/FundGeneralSeed.csv', [
      BOM + DATA_HEADER,
      '412682,4,EN,MD Dividend Income Index,MD Funds,Dividend Income Index,MD Financial Management Inc.,2010-05-01,CAD,Active,2024-01-15,0.85,1.1234,"$1,000","1,234,567.891",',
      '412683,5,FR,"Fonds équilibré, série F",Desjardins,série F,"Placements ""CI"", Inc.",2012-02-30,,Active,2024-01-15,,,,,',
      '',
      // a line break inside a quoted field (LF, as spreadsheets write it, inside a CRLF file)
      '412684,6,EN,"Global ""Elite""\nGrowth Fund",CI,Series A,CI Global Asset Management,2001-09-11,USD,Active,2024-01-15, 1.5 ,n/a,500,$12.00,4.5',
      '412682,4,EN,MD Dividend Income Index,MD Funds,Dividend Income Index,MD Financial Management Inc.,2010-05-01,CAD,Active,2024-01-15,0.85,1.1234,"$1,000","1,234,567.891",',
      ',7,FR,Fonds sans clé,Fiera,série A,Fiera Capital Corporation,2015-06-30,CAD,Active,2024-01-15,,,,,',
      '',
      '',
    ]);
    // another extract: another column order, no BOM
    benchFile = writeCsv(tmp.dir, 'data/BenchmarkGeneralSeed.csv', [
      'RecordId,InstrumentKey,LegalName,Language,Company,FamilyName,SeriesName,Currency,RecordState,InceptionDate,ChangeDate,NAV,Yield,MER,ManagementFee,MinimumInvestment',
      '5000,900158,"Bloomberg Global Aggregate Index, ""Hedged"" (C$)",EN,Bloomberg Index Services Limited,,,CAD,Active,1991-03-21,2024-04-25,,2.6922,,,',
      '5001,900235,Indice composé S&P/TSX,FR,S&P Dow Jones Indices,,,CAD,Active,1977-01-01,2024-02-01,,,,,',
    ]);
    // LF line endings, no final line break, 8-decimal numbers, empty yields
    quotesFile = writeCsv(
      tmp.dir,
      'quotes/FundDailyNAVPSSeed.csv',
      Buffer.from(
        BOM +
          QUOTES_HEADER +
          '\n' +
          '26177,4095,,,2024-01-15,11.58290000,0.00020000,0.00172700,2024-01-14,11.58270000,,Active,2024-01-15\n' +
          '26178,4095,3.10000000,-0.5,2024-01-16,"1,011.58290000",,,2024-01-15,11.58290000,,Active,2024-01-16',
      ),
    );
    const summary = await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' });
    expect(summary.results.map((r) => r.status)).toEqual(['landed', 'landed', 'landed']);
    const { rows } = await db.pool.query<{ file_name: string; line: number; payload: Payload }>(
      `select b.file_name, r.line, r.payload from raw.record as r join raw.batch as b using (batch_id)`,
    );
    for (const r of rows) {
      if (!records.has(r.file_name)) records.set(r.file_name, new Map());
      records.get(r.file_name)!.set(r.line, r.payload);
    }
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  const rec = (file: string, line: number) => records.get(file)?.get(line);

  it('keys every row by its header, without the byte-order mark in the first key', () => {
    const first = rec('FundGeneralSeed.csv', 2)!;
    expect(Object.keys(first).sort()).toEqual(DATA_HEADER.split(',').sort());
    expect(Object.keys(first).some((k) => k.includes('\uFEFF'))).toBe(false);
    expect(first.InstrumentKey).toBe('412682');
    expect(Object.keys(rec('FundDailyNAVPSSeed.csv', 2)!).sort()).toEqual(QUOTES_HEADER.split(',').sort());
  });

  it('keeps values exactly as written: numbers with $ and separators, invalid dates, n/a, padding', () => {
    expect(rec('FundGeneralSeed.csv', 2)).toMatchObject({ MinimumInvestment: '$1,000', NAV: '1,234,567.891', MER: '1.1234', Yield: '' });
    expect(rec('FundGeneralSeed.csv', 3)).toMatchObject({ InceptionDate: '2012-02-30' });
    expect(rec('FundGeneralSeed.csv', 5)).toMatchObject({ ManagementFee: ' 1.5 ', MER: 'n/a', NAV: '$12.00' });
    expect(rec('FundDailyNAVPSSeed.csv', 2)).toMatchObject({ NAVPS: '11.58290000', NAVPSPennyChange: '0.00020000', CurrentYield: '' });
    expect(rec('FundDailyNAVPSSeed.csv', 3)).toMatchObject({ NAVPS: '1,011.58290000', CurrentYieldPercentChange: '-0.5' });
  });

  it('unquotes commas and doubled quotes and keeps French accents', () => {
    expect(rec('FundGeneralSeed.csv', 3)).toMatchObject({
      LegalName: 'Fonds équilibré, série F',
      SeriesName: 'série F',
      Company: 'Placements "CI", Inc.',
    });
    expect(rec('BenchmarkGeneralSeed.csv', 2)!.LegalName).toBe('Bloomberg Global Aggregate Index, "Hedged" (C$)');
    expect(rec('BenchmarkGeneralSeed.csv', 3)!.LegalName).toBe('Indice composé S&P/TSX');
  });

  it('keeps empty fields as empty strings', () => {
    expect(rec('FundGeneralSeed.csv', 3)).toMatchObject({
      Currency: '',
      ManagementFee: '',
      MER: '',
      MinimumInvestment: '',
      NAV: '',
      Yield: '',
    });
  });

  it('leaves no carriage return of the CRLF line endings in any value', async () => {
    const { rows } = await db.pool.query(
      `select r.line, e.key from raw.record as r cross join lateral jsonb_each_text(r.payload) as e where e.value like '%' || chr(13) || '%'`,
    );
    expect(rows).toEqual([]);
    // the last field of a CRLF line is clean too
    expect(rec('FundGeneralSeed.csv', 5)!.Yield).toBe('4.5');
    expect(rec('FundGeneralSeed.csv', 2)!.Yield).toBe('');
  });

  it('keeps a line break inside a quoted field and numbers the following rows by physical line', () => {
    // line 4 is empty; the record starting on line 5 spans lines 5-6
    expect(rec('FundGeneralSeed.csv', 5)!.LegalName).toBe('Global "Elite"\nGrowth Fund');
    expect(rec('FundGeneralSeed.csv', 4)).toBeUndefined();
    expect(rec('FundGeneralSeed.csv', 7)!.InstrumentKey).toBe('412682');
    expect(rec('FundGeneralSeed.csv', 8)!.LegalName).toBe('Fonds sans clé');
  });

  it('maps a differing column order by header, not by position', () => {
    const b = rec('BenchmarkGeneralSeed.csv', 3)!;
    expect(b).toMatchObject({ RecordId: '5001', InstrumentKey: '900235', Language: 'FR', Currency: 'CAD', InceptionDate: '1977-01-01' });
  });

  it('lands duplicate rows and rows without InstrumentKey as they are: the transforms judge them', () => {
    expect(rec('FundGeneralSeed.csv', 7)).toEqual(rec('FundGeneralSeed.csv', 2));
    expect(rec('FundGeneralSeed.csv', 8)!.InstrumentKey).toBe('');
  });

  it('skips empty and trailing empty lines and records the batch with file, size, SHA-256 and counts', async () => {
    expect([...records.get('FundGeneralSeed.csv')!.keys()].sort((a, b) => a - b)).toEqual([2, 3, 5, 7, 8]);
    expect([...records.get('FundDailyNAVPSSeed.csv')!.keys()].sort((a, b) => a - b)).toEqual([2, 3]);
    const { rows } = await db.pool.query(
      `select file_name, dataset, source, origin, format, file_size::int as size, sha256, row_count, rejected_count, status
       from raw.batch order by file_name`,
    );
    const expected = (file: string, dataset: string, rowCount: number) => ({
      file_name: path.basename(file),
      dataset,
      source: 'fundata',
      origin: 'csv',
      format: 'csv_row',
      size: fs.statSync(file).size,
      sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
      row_count: rowCount,
      rejected_count: 0,
      status: 'landed',
    });
    expect(rows).toEqual([
      expected(benchFile, 'fundata.data', 2),
      expected(quotesFile, 'fundata.quotes', 2),
      expected(fundFile, 'fundata.data', 5),
    ]);
  });

  it('lands a multi-byte character that straddles two read chunks intact', async () => {
    // rows of accented text past the 1 MiB read size: some é falls across a chunk edge
    const header = QUOTES_HEADER.replace('RecordState', 'RecordStateé');
    const build = (pad: number) => {
      const lines = [header];
      for (let i = 0, bytes = 0; bytes < (1 << 20) * 1.5; i++) {
        const state = (i === 0 ? 'x'.repeat(pad) : '') + 'é'.repeat((i % 5) + 1) + 'Actif';
        const line = `${i},4095,,,2024-01-15,11.58290000,,,2024-01-14,11.58270000,,${state},2024-01-15`;
        lines.push(line);
        bytes += Buffer.byteLength(line) + 1;
      }
      return lines;
    };
    // shift the rows until the byte at 1 MiB continues a UTF-8 sequence: an é straddles the read edge
    let pad = 0;
    while ((Buffer.from(build(pad).join('\n'))[1 << 20]! & 0xc0) !== 0x80) pad++;
    const lines = build(pad);
    const file = writeCsv(tmp.dir, 'quotes/accents.csv', lines, '\n');
    const summary = await loadFundataCsv(db.pool, { paths: [file], progress: 'never' });
    expect(summary.results[0]).toMatchObject({ status: 'landed', rows: lines.length - 1, rejected: 0 });
    const { rows } = await db.pool.query(
      `select count(*)::int as n from raw.record as r join raw.batch as b using (batch_id)
       where b.file_name = 'accents.csv' and r.payload ->> 'RecordStateé' ~ '^x*é{1,5}Actif$'`,
    );
    expect(rows[0].n).toBe(lines.length - 1);
  });
});
