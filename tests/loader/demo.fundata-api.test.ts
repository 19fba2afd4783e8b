// `sra demo`, Fundata API part: the generated dbsync samples (fundata/api-demo/,
// scripts/generate-fundata-api-demo.ts) served by loader/sources/fundata-replay.ts
// and synced by loadFundataApi over the CSV seed, then transformed: the API
// views fill, the funds whose reference data the samples change get an API
// version over the seed's,
// NAVPS continue after the seed, and a second run lands and versions nothing.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { ROOT } from '../../loader/migrate.ts';
import { setLogLevel } from '../../loader/lib/log.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { loadFundataApi, FundataAuthError, type FundataApiSummary } from '../../loader/sources/fundata-api.ts';
import { startFundataReplay, answeredEndpoints, type FundataReplayServer } from '../../loader/sources/fundata-replay.ts';
import { demo, DEMO_DIR, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../../loader/demo/fundata-api.ts';
import { runTransforms } from '../../loader/transform.ts';
import { generateApiDemo } from '../../scripts/generate-fundata-api-demo.ts';

setLogLevel('warn');

type Row = Record<string, string>;
const readCsv = (file: string): Row[] =>
  parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
const sample = (name: string) => readCsv(path.join(DEMO_DIR, name));

const API_VIEWS = [
  'api.fund_performance',
  'api.fund_distributions',
  'api.fund_top_holdings',
  'api.fund_allocations',
  'api.fund_expenses',
  'api.fund_assets',
  'api.fund_yearly_performance',
  'api.fund_load',
  'api.fund_other_fees',
  'api.fund_trailer_schedule',
  'api.fund_associated_benchmark',
  'api.fund_equity_style',
  'api.fund_fixed_income_style',
  'api.fund_advanced_performance',
  'api.fund_yearly_performance_ranking',
  'api.fund_yearly_performance_risk',
  'api.instrument_identifiers',
];

/** The reference rows the samples change: identifier → [seed row, API row]. */
function changedReferenceRows(): Map<string, [Row, Row]> {
  const out = new Map<string, [Row, Row]>();
  for (const [seedFile, apiFile] of [
    ['FundGeneralSeed.csv', 'fund-getgeneral.csv'],
    ['BenchmarkGeneralSeed.csv', 'benchmark-getgeneral.csv'],
  ] as const) {
    const seed = new Map(readCsv(path.join(ROOT, 'fundata', 'data', seedFile)).map((r) => [r.InstrumentKey!, r]));
    for (const api of sample(apiFile)) {
      const s = seed.get(api.InstrumentKey!);
      expect(s, `${apiFile}: ${api.InstrumentKey} is a seeded instrument`).toBeDefined();
      if (Object.keys(api).some((k) => api[k] !== s![k])) out.set(api.InstrumentKey!, [s!, api]);
    }
  }
  return out;
}

describe('sra demo: the Fundata API path over the CSV seed', () => {
  let db: TestDb;
  let first: FundataApiSummary;
  const env = parseEnv({ SRA_PROGRESS: 'never', LOG_LEVEL: 'warn' });
  const count = async (sql: string, params: unknown[] = []) => (await db.pool.query<{ n: number }>(sql, params)).rows[0]!.n;

  beforeAll(async () => {
    db = await freshDb();
    const csv = await loadFundataCsv(db.pool, { progress: 'never' });
    expect(csv.failed).toBe(0);
    first = await demo(db.pool, env);
    await runTransforms(db.pool, { quiet: true });
  }, 180_000);
  afterAll(async () => db?.drop());

  it('syncs every sampled endpoint through the dbsync protocol, polling once past Running', () => {
    expect(first.status).toBe('completed');
    expect(first.endpoints.map((e) => e.endpoint).sort()).toEqual(answeredEndpoints(DEMO_DIR).sort());
    expect(first.endpoints.length).toBe(21);
    for (const e of first.endpoints) {
      expect(e, e.endpoint).toMatchObject({ status: 'landed', polls: 2, downloadAttempts: 1 });
      expect(e.rows, e.endpoint).toBeGreaterThan(0);
    }
  });

  it('asks daily NAVPS from the day after the seed, the others from the first sync date', () => {
    const seedDates = readCsv(path.join(ROOT, 'fundata', 'quotes', 'FundDailyNAVPSSeed.csv'))
      .map((r) => r.Date ?? '')
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)))
      .sort();
    const dayAfter = new Date(Date.parse(`${seedDates.at(-1)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const from = Object.fromEntries(first.endpoints.map((e) => [e.endpoint, e.fromdate]));
    expect(from['fund/getdailynavps']).toBe(dayAfter);
    expect(from['fund/getgeneral']).toBe('1900-01-01');
    // the samples continue the history: every API NAVPS date is after the seed
    expect(sample('fund-getdailynavps.csv').every((r) => r.Date! >= dayAfter)).toBe(true);
  });

  it('fills the seventeen API views, for instruments the seed knows', async () => {
    for (const view of API_VIEWS) {
      expect(await count(`select count(*)::int as n from ${view}`), view).toBeGreaterThan(0);
      expect(
        await count(
          `select count(*)::int as n from ${view} as v where not exists (select 1 from api.fund_history as h where h.identifier = v.identifier and h.data_source = 'CSV')`,
        ),
        `${view}: identifiers without a seeded version`,
      ).toBe(0);
      expect(await count(`select count(*)::int as n from ${view} where data_source is distinct from 'API'`), view).toBe(0);
    }
    // one row per sampled identifier where the grain says so
    expect(await count(`select count(*)::int as n from api.fund_performance`)).toBe(sample('fund-getperformancesummary.csv').length);
    expect(await count(`select count(*)::int as n from api.fund_top_holdings`)).toBe(sample('fund-gettopholding.csv').length);
    for (const [view, file] of [
      ['api.fund_load', 'fund-getload.csv'],
      ['api.fund_other_fees', 'fund-getotherfees.csv'],
      ['api.fund_trailer_schedule', 'fund-gettrailerschedule.csv'],
      ['api.fund_associated_benchmark', 'fund-getassociatedbenchmark.csv'],
      ['api.fund_equity_style', 'fund-getequitystyle.csv'],
      ['api.fund_fixed_income_style', 'fund-getfixedincomestyle.csv'],
      ['api.fund_advanced_performance', 'fund-getadvancedperformance.csv'],
      ['api.fund_yearly_performance_ranking', 'fund-getyearlyperformanceranking.csv'],
      ['api.fund_yearly_performance_risk', 'fund-getyearlyperformancerisk.csv'],
      ['api.instrument_identifiers', 'instrument-getidentifiers.csv'],
    ] as const)
      expect(await count(`select count(*)::int as n from ${view}`), view).toBe(sample(file).length);
  });

  it('the API lands clean: no quality issue and nothing quarantined from an API batch', async () => {
    expect(
      await count(`select count(*)::int as n from ops.quality_issue as q join raw.batch as b using (batch_id) where b.origin = 'api'`),
    ).toBe(0);
    expect(
      await count(`select count(*)::int as n from ops.quarantine as q join raw.batch as b using (batch_id) where b.origin = 'api'`),
    ).toBe(0);
  });

  it('gives the changed funds data_version 2 from the API, keeps the seed as version 1, and leaves the others alone', async () => {
    const changed = changedReferenceRows();
    expect(changed.size).toBeGreaterThanOrEqual(4);
    expect([...changed.values()].some(([s, a]) => s.RecordState !== a.RecordState)).toBe(true);
    expect([...changed.values()].some(([s, a]) => s.MER !== a.MER)).toBe(true);
    expect([...changed.values()].some(([s, a]) => s.ManagementFee !== a.ManagementFee)).toBe(true);

    const { rows: latest } = await db.pool.query(
      `select identifier, data_version, data_source, record_state, change_date::text as change_date,
              expense_ratio::text as mer, management_fee::text as fee, minimum_investment::text as minimum, yield_rate::text as yield
       from api.fund where identifier = any ($1::text[]) order by identifier`,
      [[...changed.keys()]],
    );
    expect(latest.map((r) => r.identifier)).toEqual([...changed.keys()].sort());
    const round = async (v: string) =>
      v === '' ? null : (await db.pool.query<{ v: string }>(`select round($1::numeric, 2)::text as v`, [v])).rows[0]!.v;
    for (const r of latest) {
      const [seed, api] = changed.get(r.identifier)!;
      expect(r, r.identifier).toMatchObject({
        data_version: 2,
        data_source: 'API',
        record_state: api.RecordState,
        change_date: api.ChangeDate,
        mer: await round(api.MER ?? ''),
        fee: await round(api.ManagementFee ?? ''),
        minimum: await round(api.MinimumInvestment ?? ''),
        yield: await round(api.Yield ?? ''),
      });
      const { rows: history } = await db.pool.query(
        `select data_version, data_source, source_file, record_state, change_date::text as change_date, expense_ratio::text as mer, is_latest
         from api.fund_history where identifier = $1 order by data_version`,
        [r.identifier],
      );
      expect(history, r.identifier).toEqual([
        {
          data_version: 1,
          data_source: 'CSV',
          source_file: expect.stringMatching(/GeneralSeed\.csv$/),
          record_state: seed.RecordState,
          change_date: seed.ChangeDate,
          mer: await round(seed.MER ?? ''),
          is_latest: false,
        },
        {
          data_version: 2,
          data_source: 'API',
          source_file: expect.stringMatching(/^(fund|benchmark)-getgeneral-1900-01-01\.csv$/),
          record_state: api.RecordState,
          change_date: api.ChangeDate,
          mer: await round(api.MER ?? ''),
          is_latest: true,
        },
      ]);
    }

    // the sampled funds the API repeats unchanged stay at the seed's version
    const unchanged = sample('fund-getgeneral.csv')
      .map((r) => r.InstrumentKey!)
      .filter((k) => !changed.has(k));
    expect(unchanged.length).toBeGreaterThan(10);
    expect(
      await count(
        `select count(*)::int as n from api.fund where identifier = any ($1::text[]) and data_version = 1 and data_source = 'CSV'`,
        [unchanged],
      ),
    ).toBe(unchanged.length);
  });

  it('the expenses agree with the changed reference data', async () => {
    const { rows } = await db.pool.query(
      `select e.identifier from api.fund_expenses as e join api.fund as f using (identifier)
       where e.mer is distinct from f.expense_ratio or e.management_fee is distinct from f.management_fee`,
    );
    expect(rows).toEqual([]);
  });

  it('continues the NAVPS history of a few funds after the seed, as the API version of those days', async () => {
    const api = sample('fund-getdailynavps.csv');
    const funds = [...new Set(api.map((r) => r.InstrumentKey!))];
    expect(funds.length).toBeGreaterThanOrEqual(3);
    const { rows } = await db.pool.query(
      `select identifier, count(*)::int as days, min(date)::text as first, max(date)::text as last,
              bool_and(data_source = 'API' and data_version = 1) as api
       from api.fund_nav as n
       where date > (select max(date) from core.fundata_quotes where data_source = 'CSV')
       group by identifier order by identifier`,
    );
    expect(rows.map((r) => r.identifier)).toEqual(funds.sort());
    for (const r of rows) expect(r, r.identifier).toMatchObject({ days: api.length / funds.length, api: true });
    const { rows: latest } = await db.pool.query(
      `select identifier, nav_date::text as d from api.fund_latest_nav where identifier = any ($1::text[])`,
      [funds],
    );
    const lastDay = api
      .map((r) => r.Date!)
      .sort()
      .at(-1);
    expect(latest.every((r) => r.d === lastDay)).toBe(true);
  });

  it('a second run lands nothing and adds no version', async () => {
    const snapshot = async () => ({
      batches: await count(`select count(*)::int as n from raw.batch`),
      records: await count(`select count(*)::int as n from raw.record`),
      reference: await count(`select count(*)::int as n from api.fund_history`),
      versions: await count(`select coalesce(max(data_version), 0)::int as n from core.fundata_data`),
      nav: await count(`select count(*)::int as n from core.fundata_quotes`),
      typed: await count(
        `select ((select count(*) from core.fundata_performance_summary) + (select count(*) from core.fundata_distributions)
          + (select count(*) from core.fundata_top_holdings) + (select count(*) from core.fundata_allocations)
          + (select count(*) from core.fundata_expenses) + (select count(*) from core.fundata_assets)
          + (select count(*) from core.fundata_yearly_performance) + (select count(*) from core.fundata_loads)
          + (select count(*) from core.fundata_other_fees) + (select count(*) from core.fundata_trailer_schedules)
          + (select count(*) from core.fundata_associated_benchmarks) + (select count(*) from core.fundata_equity_style)
          + (select count(*) from core.fundata_fixed_income_style) + (select count(*) from core.fundata_advanced_performance)
          + (select count(*) from core.fundata_yearly_performance_ranking) + (select count(*) from core.fundata_yearly_performance_risk)
          + (select count(*) from core.fundata_instrument_identifiers))::int as n`,
      ),
    });
    const before = await snapshot();
    const csv = await loadFundataCsv(db.pool, { progress: 'never' });
    expect(csv.landed).toBe(0);
    const again = await demo(db.pool, env);
    expect(again.status).toBe('completed');
    expect(again.landed).toBe(0);
    expect(again.skipped).toBe(first.endpoints.length);
    expect(again.rows).toBe(0);
    // the cursor moved on: each endpoint asked from after what the first run landed
    for (const e of again.endpoints) {
      const was = first.endpoints.find((x) => x.endpoint === e.endpoint)!;
      expect(e.fromdate! > was.fromdate!, `${e.endpoint}: ${was.fromdate} → ${e.fromdate}`).toBe(true);
    }
    const results = await runTransforms(db.pool, { quiet: true });
    expect(results.filter((r) => r.batches > 0)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the Fundata replay server', () => {
  let server: FundataReplayServer;
  beforeAll(async () => {
    server = await startFundataReplay({ dir: DEMO_DIR, key: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY });
  });
  afterAll(async () => server?.close());

  const auth = (body: unknown) =>
    fetch(server.authUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('accepts only the demo key and secret, and nothing without its token', async () => {
    expect((await auth({ key: DEMO_ACCESS_KEY_ID, secret: 'something else' })).status).toBe(401);
    expect((await auth({ key: 'another-key', secret: DEMO_SECRET_ACCESS_KEY })).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/fund/getexpense?fromdate=2024-01-01`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/fund/getexpense?fromdate=2024-01-01`, { headers: { authorization: 'guess' } })).status).toBe(
      401,
    );
  });

  it('refuses other credentials through the sync with the operator message', async () => {
    const db = await freshDb();
    try {
      const env = parseEnv({
        FUNDATA_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
        FUNDATA_SECRET_ACCESS_KEY: 'not-the-demo-secret',
        FUNDATA_AUTH_URL: server.authUrl,
        FUNDATA_BASE_URL: server.baseUrl,
      });
      await expect(loadFundataApi(db.pool, { env, endpoints: ['fund/getexpense'], retryBaseDelayMs: 10 })).rejects.toBeInstanceOf(
        FundataAuthError,
      );
      expect((await db.pool.query(`select count(*)::int as n from raw.batch`)).rows[0].n).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('answers Running once, then Succeeded with a presigned download of the sample file', async () => {
    const { token } = (await (await auth({ key: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY })).json()) as { token: string };
    const get = (u: string) => fetch(`${server.baseUrl}${u}`, { headers: { authorization: token } });
    expect((await get('/fund/getgeneral?fromdate=2024-01-01')).status).toBe(400); // language is required
    expect((await get('/fund/getexpense')).status).toBe(400); // fromdate is required
    expect((await get('/fund/getnothing?fromdate=2024-01-01')).status).toBe(404); // not an endpoint
    const { execution_id } = (await (await get('/fund/getexpense?fromdate=2024-01-01')).json()) as { execution_id: string };
    expect(await (await get(`/getresults/${execution_id}`)).json()).toMatchObject({ status: 'Running' });
    const done = (await (await get(`/getresults/${execution_id}`)).json()) as { status: string; url: string };
    expect(done.status).toBe('Succeeded');
    const url = new URL(done.url);
    expect(url.host).toBe(new URL(server.baseUrl).host);
    expect((await fetch(`${url.origin}${url.pathname}?signature=forged`)).status).toBe(403);
    expect(await (await fetch(done.url)).text()).toBe(fs.readFileSync(path.join(DEMO_DIR, 'fund-getexpense.csv'), 'utf8'));
  });
});

describe('fundata/api-demo', () => {
  it('is what scripts/generate-fundata-api-demo.ts makes of the shipped seed files', () => {
    const files = generateApiDemo();
    expect(Object.keys(files).sort()).toEqual(
      fs
        .readdirSync(DEMO_DIR)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    );
    for (const [f, text] of Object.entries(files)) expect(fs.readFileSync(path.join(DEMO_DIR, f), 'utf8'), f).toBe(text);
  });
});
