import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { FIXTURES_DIR, TEST_API_KEY, fmpEnv, startFmpServer, type FmpServer } from '../servers/fmp-server.ts';
import { loadFmp, FMP_DATASET_NAMES, type FmpLoadSummary } from '../../loader/sources/fmp.ts';
import { runTransforms } from '../../loader/transform.ts';

const EQUITIES = ['AAPL', 'MSFT', 'BRK-B', 'ZZZZ']; // ZZZZ: a symbol FMP does not know
const ETFS = ['SPY', 'XIU.TO'];
const MARKET = ['^GSPC', '^DJI', 'XLK'];
const WINDOW = { from: '2024-11-01', to: '2024-11-29' };

function fixture(gen: string, slug: string, key: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, gen, slug, `${key}.json`), 'utf8'));
}
const rowsOf = (x: unknown) => (Array.isArray(x) ? x.length : ((x as { historical?: unknown[] }).historical?.length ?? 0));

describe.each([
  {
    gen: 'stable' as const,
    prices: 'historical-price-eod-full',
    treasury: 'treasury-rates',
    peers: 'stock-peers',
    holdings: 'etf-holdings',
  },
  { gen: 'v3' as const, prices: 'historical-price-full', treasury: 'v4-treasury', peers: 'v4-stock_peers', holdings: 'etf-holder' },
])('sra load fmp, $gen API: every dataset', ({ gen, prices, treasury, peers, holdings }) => {
  let db: TestDb;
  let server: FmpServer;
  let first: FmpLoadSummary;

  beforeAll(async () => {
    db = await freshDb();
    server = await startFmpServer();
    first = await loadFmp(db.pool, {
      env: fmpEnv(server, { FMP_API_GENERATION: gen }),
      // named one by one: with symbols given, the symbol list loads only when named
      datasets: FMP_DATASET_NAMES,
      symbols: EQUITIES,
      etfSymbols: ETFS,
      marketSymbols: MARKET,
      ...WINDOW,
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('lands at least one batch for every dataset, with nothing failed', async () => {
    expect(first.status).toBe('completed');
    expect(first.failed).toBe(0);
    const { rows } = await db.pool.query<{ dataset: string; n: number }>(
      `select dataset, count(*)::int as n from raw.batch
       where source = 'fmp' and origin = 'api' and format = 'json' and status = 'landed' group by dataset`,
    );
    const landed = new Map(rows.map((r) => [r.dataset, r.n]));
    for (const d of FMP_DATASET_NAMES) expect(landed.get(d) ?? 0, d).toBeGreaterThan(0);
    expect(first.landed).toBe(rows.reduce((a, r) => a + r.n, 0));
  });

  it('records each request as the landing contract says, without the API key', async () => {
    const { rows } = await db.pool.query<{
      dataset: string;
      request: { endpoint: string; generation: string; api_version: string; params: Record<string, string> };
    }>(`select dataset, request from raw.batch where source = 'fmp'`);
    for (const r of rows) {
      expect(r.request.generation).toBe(gen);
      expect(r.request.api_version).toBe(gen);
      expect(r.request.endpoint).toMatch(gen === 'stable' ? /^\/stable\// : /^\/api\/v[34]\//);
      expect(JSON.stringify(r.request)).not.toContain('apikey');
      expect(JSON.stringify(r.request)).not.toContain(TEST_API_KEY);
    }
    const periods = rows
      .filter((r) => r.dataset === 'fmp.income_statement' && r.request.params.symbol === 'AAPL')
      .map((r) => r.request.params.period)
      .sort();
    expect(periods).toEqual(['annual', 'quarter']);
    const holding = rows.find((r) => r.dataset === 'fmp.etf_holdings' && r.request.params.symbol === 'SPY');
    expect(holding, 'the ETF holdings request names its symbol in params even when it is in the path').toBeDefined();
    const price = rows.find((r) => r.dataset === 'fmp.equity_price' && r.request.params.symbol === 'AAPL')!;
    expect(price.request.params).toMatchObject(WINDOW);
    const market = rows.filter((r) => r.dataset === 'fmp.market_quote' && r.request.params.symbol?.includes('^GSPC'));
    expect(market.map((r) => (r.request.params.from ? 'history' : 'quote')).sort()).toEqual(['history', 'quote']);
  });

  it('stores each response body as FMP sent it (raw.record line 1)', async () => {
    const { rows } = await db.pool.query<{ payload: unknown; params: Record<string, string> }>(
      `select r.payload, b.request -> 'params' as params from raw.batch b join raw.record r using (batch_id)
       where b.dataset = 'fmp.profile' and r.line = 1 order by b.batch_id`,
    );
    if (gen === 'v3') {
      // the legacy profile takes several symbols per call
      expect(rows).toHaveLength(1);
      expect(rows[0]!.params.symbol).toBe(EQUITIES.join(','));
      expect(rows[0]!.payload).toEqual(['AAPL', 'MSFT', 'BRK-B'].flatMap((s) => fixture(gen, 'profile', s) as unknown[]));
    } else {
      // the stable profile takes one symbol per call
      expect(rows.map((r) => r.params.symbol).sort()).toEqual([...EQUITIES].sort());
      expect(rows.find((r) => r.params.symbol === 'AAPL')!.payload).toEqual(fixture(gen, 'profile', 'AAPL'));
    }
    const { rows: count } = await db.pool.query(
      `select count(*)::int as n from raw.record r join raw.batch b using (batch_id) where b.source = 'fmp' and r.line <> 1`,
    );
    expect(count[0].n).toBe(0);
  });

  it('lands the answer for an unknown symbol as a valid zero-row batch', async () => {
    const { rows } = await db.pool.query<{ payload: unknown; row_count: number }>(
      `select r.payload, b.row_count from raw.batch b join raw.record r using (batch_id)
       where b.dataset = 'fmp.equity_price' and b.request -> 'params' ->> 'symbol' = 'ZZZZ'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual(gen === 'v3' ? {} : []);
    const ds = first.datasets.find((d) => d.dataset === 'fmp.equity_price')!;
    expect(ds.empty).toBe(1);
    expect(ds.succeeded).toBe(EQUITIES.length);
    const scores = first.datasets.find((d) => d.dataset === 'fmp.financial_scores')!;
    expect(scores.empty, 'MSFT has no score ([]) and ZZZZ is unknown').toBe(2);
  });

  it('logs every call in ops.fmp_api_call', async () => {
    const { rows } = await db.pool.query<{ outcome: string; n: number; statuses: number[]; batches: number }>(
      `select outcome, count(*)::int as n, array_agg(distinct http_status) as statuses, count(batch_id)::int as batches
       from ops.fmp_api_call where task_run_id = $1 group by outcome`,
      [first.taskRunId],
    );
    expect(rows).toEqual([{ outcome: 'landed', n: first.calls, statuses: [200], batches: first.calls }]);
    expect(server.requests.length).toBe(first.calls);
    const { rows: run } = await db.pool.query(`select status, records_processed::int as n from ops.task_run where task_run_id = $1`, [
      first.taskRunId,
    ]);
    expect(run[0]).toEqual({ status: 'completed', n: first.rows });
  });

  it('reaches the api views through the FMP transforms', async () => {
    const { rows: defs } = await db.pool.query<{ name: string; datasets: string[] }>(
      `select name, datasets from ops.transform_definition where kind = 'transform' and datasets && $1::text[]`,
      [FMP_DATASET_NAMES],
    );
    const consumers = new Set(defs.flatMap((d) => d.datasets));
    // every FMP dataset but the symbol list (landed raw only) has a transform
    expect(FMP_DATASET_NAMES.filter((d) => !consumers.has(d))).toEqual(['fmp.symbol_list']);
    await runTransforms(db.pool, { only: defs.map((d) => d.name), quiet: true });
    const { rows: pending } = await db.pool.query(
      `select b.dataset, count(*)::int as n from raw.batch b
       where b.source = 'fmp' and b.status = 'landed' and b.dataset <> 'fmp.symbol_list'
         and not exists (select 1 from ops.transform_batch t where t.batch_id = b.batch_id)
       group by b.dataset`,
    );
    expect(pending).toEqual([]);

    const count = async (sql: string, ...params: unknown[]) => Number((await db.pool.query(sql, params)).rows[0].n);
    const annual = fixture(gen, 'income-statement', 'AAPL.annual') as unknown[];
    const quarter = fixture(gen, 'income-statement', 'AAPL.quarter') as unknown[];
    expect(await count(`select count(*) as n from api.equity_profile where symbol = any($1)`, EQUITIES)).toBe(3);
    expect(
      await count(`select count(*) as n from api.equity_price where symbol = 'AAPL' and date between $1 and $2`, WINDOW.from, WINDOW.to),
    ).toBe(rowsOf(fixture(gen, prices, 'AAPL')));
    expect(await count(`select count(*) as n from api.etf_price where symbol = 'SPY'`)).toBe(rowsOf(fixture(gen, prices, 'SPY')));
    // index and sector quotes: today's quote plus the window's daily history, one row per trading day
    expect(await count(`select count(distinct symbol) as n from api.market_quote where symbol = any($1)`, MARKET)).toBe(MARKET.length);
    for (const m of MARKET) {
      expect(await count(`select count(*) as n from api.market_quote where symbol = $1`, m), m).toBeGreaterThanOrEqual(
        rowsOf(fixture(gen, prices, m)),
      );
    }
    expect(await count(`select count(*) as n from api.treasury_rate`)).toBe(rowsOf(fixture(gen, treasury, '_')));
    expect(await count(`select count(*) as n from api.equity_fundamentals where symbol = 'AAPL'`)).toBe(annual.length + quarter.length);
    expect(
      await count(
        `select count(*) as n from api.equity_fundamentals where symbol = 'AAPL' and revenue is not null and total_assets is not null and operating_cash_flow is not null and current_ratio is not null and market_cap is not null`,
      ),
    ).toBe(annual.length + quarter.length);
    expect(await count(`select count(*) as n from api.equity_growth where symbol = 'AAPL'`)).toBe(annual.length + quarter.length);
    expect(await count(`select count(*) as n from api.equity_financial_scores where symbol = any($1)`, EQUITIES)).toBe(2);
    const peerList = fixture(gen, peers, 'AAPL') as { peersList?: string[] }[];
    expect(await count(`select count(*) as n from api.equity_peers where symbol = 'AAPL'`)).toBe(
      gen === 'v3' ? peerList[0]!.peersList!.length : peerList.length,
    );
    expect(await count(`select count(*) as n from api.etf_peers where symbol = 'SPY'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) as n from api.etf_profile where symbol = any($1)`, ETFS)).toBe(2);
    expect(await count(`select count(*) as n from api.etf_holding where symbol = 'SPY'`)).toBe(rowsOf(fixture(gen, holdings, 'SPY')));
    const weights = fixture(gen, 'etf-country-weightings', 'SPY') as { country: string; weightPercentage: string }[];
    const { rows: w } = await db.pool.query(
      `select country, weight_percentage::float8 as w from api.etf_country_weighting where symbol = 'SPY' order by country`,
    );
    expect(w).toEqual(
      weights
        .map((x) => ({ country: x.country, w: Number(x.weightPercentage.replace('%', '')) }))
        .sort((a, b) => a.country.localeCompare(b.country)),
    );
  });

  it('a second load lands nothing when every answer is unchanged; --force lands again and the versions stay put', async () => {
    const opts = {
      env: fmpEnv(server, { FMP_API_GENERATION: gen }),
      datasets: FMP_DATASET_NAMES,
      symbols: EQUITIES,
      etfSymbols: ETFS,
      marketSymbols: MARKET,
      ...WINDOW,
    };
    const before = Number((await db.pool.query(`select count(*) as n from raw.batch`)).rows[0].n);
    const again = await loadFmp(db.pool, opts);
    expect(again.landed).toBe(0);
    expect(again.unchanged).toBe(first.calls);
    expect(Number((await db.pool.query(`select count(*) as n from raw.batch`)).rows[0].n)).toBe(before);
    const { rows: logged } = await db.pool.query(
      `select count(*)::int as n, count(*) filter (where batch_id is not null)::int as with_batch from ops.fmp_api_call where task_run_id = $1 and outcome = 'unchanged'`,
      [again.taskRunId],
    );
    expect(logged[0]).toEqual({ n: first.calls, with_batch: first.calls });

    const forced = await loadFmp(db.pool, { ...opts, force: true, datasets: ['profile', 'equity_price'] });
    expect(forced.landed).toBe(forced.calls);
    const results = await runTransforms(db.pool, { only: ['equity_profile', 'equity_quotes'], quiet: true });
    expect(results.map((r) => r.rows_out)).toEqual([0, 0]);
    expect(results.every((r) => r.batches > 0)).toBe(true);
  });
});
