import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, fixtureData, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi } from '../../loader/sources/fundata-api.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { runTransforms } from '../../loader/transform.ts';
import { setLogLevel } from '../../loader/lib/log.ts';

setLogLevel('warn');

// docs/ARCHITECTURE.md §4 end to end: a CSV seed is version 1 (data_source CSV); the API's
// changed rows become version 2 (data_source API) and leave version 1 as it
// was; rows the API repeats unchanged add nothing, and so does a reload.
describe('sra load fundata-api: API rows version the CSV seed', () => {
  let db: TestDb;
  let server: FundataServer;
  let dir: string;
  let seedQuotes: unknown[];
  let seedData: unknown[];
  const api = (o: { force?: boolean } = {}) =>
    loadFundataApi(db.pool, {
      endpoints: ['fund/getdailynavps', 'fund/getgeneral'],
      from: '2024-01-15',
      env: fundataEnv(server),
      transform: true,
      retryBaseDelayMs: 10,
      ...o,
    });

  beforeAll(async () => {
    db = await freshDb();
    server = await startFundataServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundata-api-versions-'));
    const fixtures = fixtureData();
    // the seed repeats the API's rows except: 4095's NAVPS of 2024-01-16 (the
    // API corrects it) and 412682's MER and ChangeDate (the API updates them)
    const navLines = fixtures['fund/getdailynavps']!.trim().split('\n');
    fs.mkdirSync(path.join(dir, 'quotes'));
    fs.writeFileSync(
      path.join(dir, 'quotes', 'FundDailyNAVPSSeed.csv'),
      [navLines[0], navLines[1], navLines[2]!.replace('11.60110000', '11.50000000')].join('\r\n') + '\r\n',
    );
    const genLines = fixtures['fund/getgeneral']!.trim().split('\n');
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(
      path.join(dir, 'data', 'FundGeneralSeed.csv'),
      [genLines[0], genLines[1]!.replace('2024-01-16,0.55,0.585', '2024-01-10,0.55,0.505'), genLines[2]].join('\n') + '\n',
    );
    const seeded = await loadFundataCsv(db.pool, { paths: [dir], progress: 'never' });
    expect(seeded.landed).toBe(2);
    await runTransforms(db.pool, { quiet: true });
    seedQuotes = (await db.pool.query(`select to_jsonb(q) as row from core.fundata_quotes as q order by identifier, date, data_version`))
      .rows;
    seedData = (await db.pool.query(`select to_jsonb(d) as row from core.fundata_data as d order by identifier, data_version`)).rows;
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the seed: version 1, data_source CSV', async () => {
    const { rows } = await db.pool.query(`select distinct data_version, data_source from core.fundata_quotes`);
    expect(rows).toEqual([{ data_version: 1, data_source: 'CSV' }]);
    expect(seedQuotes).toHaveLength(2);
    expect(seedData).toHaveLength(2);
  });

  it('writes version 2 with data_source API only where the API changed the content', async () => {
    const s = await api();
    expect(s.status).toBe('completed');
    const quotes = await db.pool.query(
      `select identifier, date, data_version, data_source, navps from core.fundata_quotes order by identifier, date, data_version`,
    );
    expect(quotes.rows).toEqual([
      { identifier: '4095', date: '2024-01-15', data_version: 1, data_source: 'CSV', navps: '11.58' }, // the API repeated it
      { identifier: '4095', date: '2024-01-16', data_version: 1, data_source: 'CSV', navps: '11.50' },
      { identifier: '4095', date: '2024-01-16', data_version: 2, data_source: 'API', navps: '11.60' },
      { identifier: '4095', date: '2024-01-17', data_version: 1, data_source: 'API', navps: '11.59' },
      { identifier: '412682', date: '2024-01-16', data_version: 1, data_source: 'API', navps: '1024.46' },
      { identifier: '412682', date: '2024-01-17', data_version: 1, data_source: 'API', navps: '1025.10' },
    ]);
    const data = await db.pool.query(
      `select identifier, data_version, data_source, expense_ratio, change_date from core.fundata_data order by identifier, data_version`,
    );
    expect(data.rows).toEqual([
      { identifier: '4095', data_version: 1, data_source: 'CSV', expense_ratio: '1.24', change_date: '2024-01-17' },
      { identifier: '412682', data_version: 1, data_source: 'CSV', expense_ratio: '0.51', change_date: '2024-01-10' },
      { identifier: '412682', data_version: 2, data_source: 'API', expense_ratio: '0.59', change_date: '2024-01-16' },
    ]);
  });

  it('leaves the seed version untouched, row for row', async () => {
    const quotes = await db.pool.query(
      `select to_jsonb(q) as row from core.fundata_quotes as q where data_source = 'CSV' order by identifier, date, data_version`,
    );
    expect(quotes.rows).toEqual(seedQuotes);
    const data = await db.pool.query(
      `select to_jsonb(d) as row from core.fundata_data as d where data_source = 'CSV' order by identifier, data_version`,
    );
    expect(data.rows).toEqual(seedData);
  });

  it('gives the API version its batch lineage and landing time', async () => {
    const { rows } = await db.pool.query(
      `select d.updated_at = b.landed_at as same_time, b.origin, b.dataset, d.source_file, d.raw_json ->> 'MER' as mer
       from core.fundata_data_latest as d join raw.batch as b using (batch_id)
       where d.identifier = '412682' and d.data_version = 2`,
    );
    expect(rows).toEqual([
      { same_time: true, origin: 'api', dataset: 'fundata.fund_general', source_file: 'fund-getgeneral-2024-01-15.csv', mer: '0.585' },
    ]);
  });

  it('serves the latest version in the api views and every version in the history', async () => {
    const nav = await db.pool.query(
      `select navps, data_version, data_source from api.fund_nav where identifier = '4095' and date = '2024-01-16'`,
    );
    expect(nav.rows).toEqual([{ navps: '11.60', data_version: 2, data_source: 'API' }]);
    const fund = await db.pool.query(`select expense_ratio, data_version, data_source from api.fund where identifier = '412682'`);
    expect(fund.rows).toEqual([{ expense_ratio: '0.59', data_version: 2, data_source: 'API' }]);
    const history = await db.pool.query(
      `select data_version, is_latest from api.fund_history where identifier = '412682' order by data_version`,
    );
    expect(history.rows).toEqual([
      { data_version: 1, is_latest: false },
      { data_version: 2, is_latest: true },
    ]);
  });

  it('adds nothing when the same API answer comes again, landed or skipped', async () => {
    const count = async () =>
      (await db.pool.query(`select (select count(*) from core.fundata_quotes) + (select count(*) from core.fundata_data) as n`)).rows[0].n;
    const before = await count();
    const skipped = await api();
    expect(skipped.endpoints.map((e) => e.status)).toEqual(['skipped', 'skipped']);
    const forced = await api({ force: true });
    expect(forced.endpoints.map((e) => e.status)).toEqual(['landed', 'landed']);
    expect(forced.transforms?.filter((t) => t.batches > 0).map((t) => [t.transform_name, t.rows_out])).toEqual([
      ['fundata_data', 0],
      ['fundata_quotes', 0],
    ]);
    expect(await count()).toBe(before);
  });
});
