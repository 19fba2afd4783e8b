// From a landed Fundata CSV to core rows: the transforms judge what the loader
// landed untouched (duplicates collapse, rows without a key are quarantined,
// a changed row becomes version 2 and version 1 stays).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { BOM, DATA_HEADER, QUOTES_HEADER, count, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

const FUND_A =
  '412682,4,EN,MD Dividend Income Index,MD Funds,Dividend Income Index,MD Financial Management Inc.,2010-05-01,CAD,Active,2024-01-15,0.845,"$1,000.555",1000,123.456789,0.045';
const FUND_B =
  '412683,5,FR,"Fonds équilibré, série F",Desjardins,série F,"Placements CI, Inc.",2012-02-30,,Active,2024-01-15,,n/a,"25,000",,';
const NO_KEY = ',6,EN,Orphan Fund,CI,Series A,CI Global Asset Management,2001-09-11,USD,Active,2024-01-15,,,,,';

describe('fundata-csv rows through the transforms', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  const transform = async (name: string) => {
    const { rows } = await db.pool.query(`select batches, rows_in::int, rows_out::int, quarantined::int from ops.run_transform($1)`, [
      name,
    ]);
    return rows[0];
  };

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('transform');
    writeCsv(tmp.dir, 'data/FundGeneralSeed.csv', [BOM + DATA_HEADER, FUND_A, FUND_B, FUND_A, NO_KEY, '', '']);
    writeCsv(tmp.dir, 'quotes/FundDailyNAVPSSeed.csv', [
      BOM + QUOTES_HEADER,
      '26177,412682,,,2024-01-15,11.58290000,0.00020000,0.00172700,2024-01-12,11.58270000,,Active,2024-01-15',
      '26178,412682,,,2024-01-16,11.60000000,0.01710000,0.14763100,2024-01-15,11.58290000,,Active,2024-01-16',
      '26178,412682,,,2024-01-16,11.60000000,0.01710000,0.14763100,2024-01-15,11.58290000,,Active,2024-01-16',
      '26179,,,,2024-01-16,9.99000000,,,2024-01-15,9.98000000,,Active,2024-01-16',
      '26180,999001,4.12345678,,2024-01-16,"1,011.58500000",,,2024-01-15,"1,010.00000000",,Active,2024-01-16',
    ]);
    const s = await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' });
    expect(s.landed).toBe(2);
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('types reference rows into core.fundata_data: duplicates collapse, the keyless row is quarantined', async () => {
    expect(await transform('fundata_data')).toEqual({ batches: 1, rows_in: 4, rows_out: 2, quarantined: 1 });
    const { rows } = await db.pool.query(
      `select identifier, legal_name, company, inception_date, currency, management_fee::text, expense_ratio::text,
              minimum_investment::text, nav_value::text, yield_rate::text, data_version, data_source, source_file, batch_line
       from core.fundata_data order by identifier`,
    );
    expect(rows).toEqual([
      {
        identifier: '412682',
        legal_name: 'MD Dividend Income Index',
        company: 'MD Financial Management Inc.',
        inception_date: '2010-05-01',
        currency: 'CAD',
        management_fee: '0.85',
        expense_ratio: '1000.56',
        minimum_investment: '1000.00',
        nav_value: '123.46',
        yield_rate: '0.05',
        data_version: 1,
        data_source: 'CSV',
        source_file: 'FundGeneralSeed.csv',
        batch_line: 4,
      },
      {
        identifier: '412683',
        legal_name: 'Fonds équilibré, série F',
        company: 'Placements CI, Inc.',
        inception_date: null,
        currency: 'CAD',
        management_fee: null,
        expense_ratio: null,
        minimum_investment: '25000.00',
        nav_value: null,
        yield_rate: null,
        data_version: 1,
        data_source: 'CSV',
        source_file: 'FundGeneralSeed.csv',
        batch_line: 3,
      },
    ]);
    const q = await db.pool.query(
      `select line, reason, payload ->> 'LegalName' as name from ops.quarantine where transform_name = 'fundata_data'`,
    );
    expect(q.rows).toEqual([{ line: 5, reason: 'missing_identifier', name: 'Orphan Fund' }]);
    const issues = await db.pool.query(
      `select rule, line from ops.quality_issue where transform_name = 'fundata_data' order by line, rule`,
    );
    expect(issues.rows).toEqual(
      expect.arrayContaining([
        { rule: 'duplicate_row', line: 2 },
        { rule: 'bad_date', line: 3 },
        { rule: 'missing_identifier', line: 5 },
      ]),
    );
  });

  it('shows the original row, untouched, as raw_json (read from raw)', async () => {
    const { rows } = await db.pool.query(`select raw_json from core.fundata_data_latest where identifier = '412683'`);
    expect(rows[0].raw_json).toMatchObject({ InceptionDate: '2012-02-30', MER: 'n/a', MinimumInvestment: '25,000', Currency: '' });
  });

  it('types daily NAVPS rows into core.fundata_quotes and registers their instruments once', async () => {
    expect(await transform('fundata_quotes')).toEqual({ batches: 1, rows_in: 5, rows_out: 3, quarantined: 1 });
    const { rows } = await db.pool.query(
      `select identifier, date, navps::text, previous_navps::text, current_yield::text from core.fundata_quotes order by identifier, date`,
    );
    expect(rows).toEqual([
      { identifier: '412682', date: '2024-01-15', navps: '11.58', previous_navps: '11.58', current_yield: null },
      { identifier: '412682', date: '2024-01-16', navps: '11.60', previous_navps: '11.58', current_yield: null },
      { identifier: '999001', date: '2024-01-16', navps: '1011.59', previous_navps: '1010.00', current_yield: '4.12' },
    ]);
    const reg = await db.pool.query(`select identifier, in_fundata_data, in_fundata_quotes from core.instrument order by identifier`);
    expect(reg.rows).toEqual([
      { identifier: '412682', in_fundata_data: true, in_fundata_quotes: true },
      { identifier: '412683', in_fundata_data: true, in_fundata_quotes: false },
      { identifier: '999001', in_fundata_data: false, in_fundata_quotes: true },
    ]);
  });

  it('adds nothing when the unchanged file is landed again with --force', async () => {
    const s = await loadFundataCsv(db.pool, { paths: [tmp.dir + '/data'], force: true, progress: 'never' });
    expect(s.landed).toBe(1);
    expect(await transform('fundata_data')).toMatchObject({ batches: 1, rows_out: 0 });
    expect(await count(db.pool, `select count(*) as n from core.fundata_data`)).toBe(2);
  });

  it('writes version 2 for a changed row and leaves version 1 untouched', async () => {
    const changed = FUND_A.replace(',123.456789,', ',124.10,');
    writeCsv(tmp.dir, 'data/FundGeneralSeed.csv', [BOM + DATA_HEADER, changed, FUND_B]);
    const s = await loadFundataCsv(db.pool, { paths: [tmp.dir + '/data'], progress: 'never' });
    expect(s.landed).toBe(1);
    // FUND_B is the same record at the same line as in the file's first landing: kept as a reference, not read again
    expect(s.results[0]).toMatchObject({ rows: 2, referenced: 1 });
    expect(await transform('fundata_data')).toMatchObject({ batches: 1, rows_in: 1, rows_out: 1 });
    const { rows } = await db.pool.query(
      `select identifier, data_version, nav_value::text from core.fundata_data order by identifier, data_version`,
    );
    expect(rows).toEqual([
      { identifier: '412682', data_version: 1, nav_value: '123.46' },
      { identifier: '412682', data_version: 2, nav_value: '124.10' },
      { identifier: '412683', data_version: 1, nav_value: null },
    ]);
    const view = await db.pool.query(`select * from api.fund where identifier = '412682'`);
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]).toMatchObject({ data_version: 2 });
  });
});
