// The shipped sample files (fundata/) are exactly what scripts/generate-fundata.ts
// writes, carry the Fundata traits, and hang together once landed: quotes
// refer to known funds, each price row continues the one before it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv, type LoadSummary } from '../../loader/sources/fundata-csv.ts';
import { generateFundata } from '../../scripts/generate-fundata.ts';
import { ROOT, count, tempDir } from '../fixtures/fundata/fixtures.ts';

const SAMPLES = ['data/FundGeneralSeed.csv', 'data/BenchmarkGeneralSeed.csv', 'quotes/FundDailyNAVPSSeed.csv'];

describe('fundata-csv shipped sample files', () => {
  let db: TestDb;
  let summary: LoadSummary;

  beforeAll(async () => {
    db = await freshDb();
    summary = await loadFundataCsv(db.pool, { paths: [path.join(ROOT, 'fundata')], progress: 'never' });
  });
  afterAll(async () => db?.drop());

  it('are reproduced byte for byte by the generator', async () => {
    const tmp = tempDir('samples');
    try {
      await generateFundata({ out: tmp.dir });
      for (const f of SAMPLES) {
        expect(fs.readFileSync(path.join(tmp.dir, f)).equals(fs.readFileSync(path.join(ROOT, 'fundata', f))), f).toBe(true);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('writes exactly the number of quote rows asked for', async () => {
    const tmp = tempDir('samples-n');
    try {
      await generateFundata({ out: tmp.dir, quotesRows: 5_000, pricedFunds: 40 });
      const lines = fs
        .readFileSync(path.join(tmp.dir, 'quotes', 'FundDailyNAVPSSeed.csv'), 'utf8')
        .split('\r\n')
        .filter((l) => l !== '');
      expect(lines.length - 1).toBe(5_000);
    } finally {
      tmp.cleanup();
    }
  });

  it('carry a BOM, CRLF line endings, trailing empty lines and a column order of their own', () => {
    const headers = new Set<string>();
    for (const f of SAMPLES) {
      const text = fs.readFileSync(path.join(ROOT, 'fundata', f), 'utf8');
      expect(text.startsWith('\uFEFF'), f).toBe(true);
      expect(/[^\r]\n/.test(text), f).toBe(false);
      expect(text.endsWith('\r\n\r\n'), f).toBe(true);
      headers.add(text.slice(1, text.indexOf('\r\n')));
    }
    expect(headers.size).toBe(3);
  });

  it('land every file, keeping the one or two malformed rows of a file in raw.rejected_row', async () => {
    expect(summary.results.map((r) => [path.basename(r.file), r.status])).toEqual([
      ['BenchmarkGeneralSeed.csv', 'landed'],
      ['FundGeneralSeed.csv', 'landed'],
      ['FundDailyNAVPSSeed.csv', 'landed'],
    ]);
    expect(summary.rejected).toBeGreaterThanOrEqual(1);
    for (const r of summary.results) expect(r.rejected).toBeLessThanOrEqual(2);
    expect(
      await count(
        db.pool,
        `select count(distinct payload ->> 'InstrumentKey') as n from raw.record join raw.batch using (batch_id) where file_name = 'FundGeneralSeed.csv'`,
      ),
    ).toBeGreaterThanOrEqual(250);
  });

  it('hold the traits the transforms must handle: accents, quoted commas and quotes, empty keys, duplicates, bad dates, $ and separators', async () => {
    const has = (where: string) =>
      count(db.pool, `select count(*) as n from raw.record as r join raw.batch as b using (batch_id) where ${where}`);
    expect(await has(`r.payload ->> 'LegalName' like '%é%, série %'`)).toBeGreaterThan(0);
    expect(await has(`r.payload ->> 'LegalName' like '%"%'`)).toBeGreaterThan(0);
    expect(await has(`r.payload ->> 'InstrumentKey' = '' and b.file_name = 'FundGeneralSeed.csv'`)).toBeGreaterThan(0);
    expect(await has(`r.payload ->> 'InstrumentKey' = '' and b.file_name = 'FundDailyNAVPSSeed.csv'`)).toBeGreaterThan(0);
    expect(await has(`r.payload ->> 'Date' like '%-02-30' or r.payload ->> 'InceptionDate' like '%-02-30'`)).toBeGreaterThan(0);
    expect(await has(`r.payload ->> 'MinimumInvestment' like '$%' or r.payload ->> 'NAV' like '$%'`)).toBeGreaterThan(0);
    expect(await has(`r.payload ->> 'NAVPS' like '%,%'`)).toBeGreaterThan(0);
    for (const file of ['FundGeneralSeed.csv', 'FundDailyNAVPSSeed.csv']) {
      const dups = await count(
        db.pool,
        `select count(*) as n from (select r.payload from raw.record as r join raw.batch as b using (batch_id)
           where b.file_name = $1 group by r.payload having count(*) > 1) as d`,
        [file],
      );
      expect(dups, file).toBeGreaterThan(0);
    }
  });

  it('give each InstrumentKey one language and price (almost) only known funds', async () => {
    expect(
      await count(
        db.pool,
        `select count(*) as n from (select payload ->> 'InstrumentKey' from raw.record where payload ? 'Language' and payload ->> 'InstrumentKey' <> '' group by 1 having count(distinct payload ->> 'Language') > 1) as x`,
      ),
    ).toBe(0);
    const unknown = await count(
      db.pool,
      `select count(distinct q.payload ->> 'InstrumentKey') as n from raw.record as q
       where q.payload ? 'NAVPS' and q.payload ->> 'InstrumentKey' <> ''
         and not exists (select 1 from raw.record as d where d.payload ? 'LegalName' and d.payload ->> 'InstrumentKey' = q.payload ->> 'InstrumentKey')`,
    );
    expect(unknown).toBeGreaterThanOrEqual(1);
    expect(unknown).toBeLessThanOrEqual(3);
  });

  it('chain each day to the one before: PreviousDate and PreviousNAVPS repeat the prior row of the fund', async () => {
    const { rows } = await db.pool.query(`
      with q as (
          select payload ->> 'InstrumentKey' as k, payload ->> 'Date' as d, payload ->> 'NAVPS' as navps,
                 payload ->> 'PreviousDate' as pd, payload ->> 'PreviousNAVPS' as pnavps, line
          from raw.record
          where payload ? 'NAVPS' and payload ->> 'InstrumentKey' <> '' and payload ->> 'Date' !~ '-02-3'
      ),
      chained as (
          select *, lag(d) over w as prior_d, lag(navps) over w as prior_navps
          from (select distinct on (k, d) * from q order by k, d, line) as u
          window w as (partition by k order by d)
      )
      select count(*) filter (where prior_d is not null) as pairs,
             count(*) filter (where prior_d is not null and (pd <> prior_d or pnavps <> prior_navps)) as broken
      from chained`);
    expect(Number(rows[0].pairs)).toBeGreaterThan(30_000);
    // a row or two are missing (rejected, keyless, invalid date): their successors point at a day not landed
    expect(Number(rows[0].broken)).toBeLessThanOrEqual(6);
    // and the NAVPS carry 8 decimals
    expect(
      await count(db.pool, `select count(*) as n from raw.record where payload ? 'NAVPS' and payload ->> 'NAVPS' !~ '\\.\\d{8}$'`),
    ).toBe(0);
  });
});
