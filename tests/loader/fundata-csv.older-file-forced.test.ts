// An older Fundata CSV file landed again with --force after a newer one: its
// rows become versions in history, and the api views keep showing the values
// with the newest ChangeDate (the vendor's as-of), through the real loader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { BOM, DATA_HEADER, QUOTES_HEADER, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

// InstrumentKey,RecordId,Language,LegalName,FamilyName,SeriesName,Company,InceptionDate,Currency,RecordState,ChangeDate,ManagementFee,MER,MinimumInvestment,NAV,Yield
const FUND_OLD =
  '412682,4,EN,MD Dividend Income Index,MD Funds,Series A,MD Financial Management Inc.,2010-05-01,CAD,Active,2024-01-10,0.85,1.10,1000,,';
const FUND_NEW =
  '412682,4,EN,MD Dividend Income Index Fund,MD Funds,Series A,MD Financial Management Inc.,2010-05-01,CAD,Active,2024-04-25,0.80,1.05,1000,,';
// RecordId,InstrumentKey,CurrentYield,CurrentYieldPercentChange,Date,NAVPS,NAVPSPennyChange,NAVPSPercentChange,PreviousDate,PreviousNAVPS,Split,RecordState,ChangeDate
const NAV_OLD = '26178,412682,,,2024-01-16,11.60000000,,,2024-01-15,11.58290000,,Active,2024-01-16';
const NAV_NEW = '26178,412682,,,2024-01-16,11.70000000,,,2024-01-15,11.58290000,,Active,2024-01-18';

describe('fundata-csv: an older file landed again with --force', () => {
  let db: TestDb;
  let oldDir: ReturnType<typeof tempDir>;
  let newDir: ReturnType<typeof tempDir>;

  const transform = async () => {
    await db.pool.query(`select * from ops.run_transform('fundata_data')`);
    await db.pool.query(`select * from ops.run_transform('fundata_quotes')`);
  };

  beforeAll(async () => {
    db = await freshDb();
    oldDir = tempDir('older-old');
    newDir = tempDir('older-new');
    writeCsv(oldDir.dir, 'data/FundGeneralSeed.csv', [BOM + DATA_HEADER, FUND_OLD]);
    writeCsv(oldDir.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, NAV_OLD]);
    writeCsv(newDir.dir, 'data/FundGeneralSeed.csv', [BOM + DATA_HEADER, FUND_NEW]);
    writeCsv(newDir.dir, 'quotes/FundDailyNAVPSSeed.csv', [BOM + QUOTES_HEADER, NAV_NEW]);
    // the old files, then the corrected ones, each transformed
    expect((await loadFundataCsv(db.pool, { paths: [oldDir.dir], progress: 'never' })).landed).toBe(2);
    await transform();
    expect((await loadFundataCsv(db.pool, { paths: [newDir.dir], progress: 'never' })).landed).toBe(2);
    await transform();
  });
  afterAll(async () => {
    oldDir?.cleanup();
    newDir?.cleanup();
    await db?.drop();
  });

  it('is skipped without --force, landed again with it, and its rows go to history', async () => {
    expect((await loadFundataCsv(db.pool, { paths: [oldDir.dir], progress: 'never' })).landed).toBe(0);
    expect((await loadFundataCsv(db.pool, { paths: [oldDir.dir], progress: 'never', force: true })).landed).toBe(2);
    await transform();
    const { rows } = await db.pool.query(
      `select data_version, legal_name, change_date::text from core.fundata_data where identifier = '412682' order by data_version`,
    );
    expect(rows).toEqual([
      { data_version: 1, legal_name: 'MD Dividend Income Index', change_date: '2024-01-10' },
      { data_version: 2, legal_name: 'MD Dividend Income Index Fund', change_date: '2024-04-25' },
      { data_version: 3, legal_name: 'MD Dividend Income Index', change_date: '2024-01-10' },
    ]);
    const q = await db.pool.query(
      `select data_version, navps::text from core.fundata_quotes where identifier = '412682' order by data_version`,
    );
    expect(q.rows).toEqual([
      { data_version: 1, navps: '11.60' },
      { data_version: 2, navps: '11.70' },
      { data_version: 3, navps: '11.60' },
    ]);
  });

  it('leaves the newest ChangeDate the latest in api.fund, api.fund_nav and api.fund_latest_nav', async () => {
    const f = await db.pool.query(`select legal_name, data_version from api.fund where identifier = '412682'`);
    expect(f.rows).toEqual([{ legal_name: 'MD Dividend Income Index Fund', data_version: 2 }]);
    const n = await db.pool.query(`select navps::text, data_version from api.fund_nav where identifier = '412682'`);
    expect(n.rows).toEqual([{ navps: '11.70', data_version: 2 }]);
    const l = await db.pool.query(`select nav_date::text, navps::text, legal_name from api.fund_latest_nav where identifier = '412682'`);
    expect(l.rows).toEqual([{ nav_date: '2024-01-16', navps: '11.70', legal_name: 'MD Dividend Income Index Fund' }]);
  });
});
