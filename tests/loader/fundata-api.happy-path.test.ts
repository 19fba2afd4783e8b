import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, ENDPOINTS, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi, FUNDATA_ENDPOINTS, type FundataApiSummary } from '../../loader/sources/fundata-api.ts';

// The dataset names the issue fixes for the endpoints the existing transforms
// consume, and the naming rule for the rest (fundata.<group>_<name>).
const EXPECTED_DATASETS: Record<string, string> = {
  'fund/getdailynavps': 'fundata.fund_daily_navps',
  'fund/getgeneral': 'fundata.fund_general',
  'benchmark/getgeneral': 'fundata.benchmark_general',
  'fund/getperformancesummary': 'fundata.fund_performance_summary',
  'fund/getdistribution': 'fundata.fund_distribution',
  'fund/gettopholding': 'fundata.fund_top_holding',
  'fund/getyearlyperformanceranking': 'fundata.fund_yearly_performance_ranking',
  'instrument/getidentifiers': 'fundata.instrument_identifiers',
};

describe('sra load fundata-api: a full sync of every endpoint', () => {
  let db: TestDb;
  let server: FundataServer;
  let summary: FundataApiSummary;
  let workDir: string;

  beforeAll(async () => {
    db = await freshDb();
    server = await startFundataServer({ runningPolls: 2 });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundata-api-happy-'));
    summary = await loadFundataApi(db.pool, { env: fundataEnv(server), transform: true, retryBaseDelayMs: 10, workDir });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('maps each of the 21 endpoints to exactly one dataset', () => {
    expect(FUNDATA_ENDPOINTS.map((e) => e.endpoint).sort()).toEqual([...ENDPOINTS].sort());
    expect(new Set(FUNDATA_ENDPOINTS.map((e) => e.dataset)).size).toBe(21);
    for (const [endpoint, dataset] of Object.entries(EXPECTED_DATASETS)) {
      expect(FUNDATA_ENDPOINTS.find((e) => e.endpoint === endpoint)?.dataset).toBe(dataset);
    }
  });

  it('lands every endpoint as one api batch of its dataset and completes the run', async () => {
    expect(summary.status).toBe('completed');
    expect(summary.landed).toBe(21);
    const { rows } = await db.pool.query(
      `select dataset, origin, format, row_count from raw.batch where source = 'fundata' order by dataset`,
    );
    expect(rows.map((r) => r.dataset)).toEqual(FUNDATA_ENDPOINTS.map((e) => e.dataset).sort());
    expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['api']));
    expect(new Set(rows.map((r) => r.format))).toEqual(new Set(['csv_row']));
    const navps = rows.find((r) => r.dataset === 'fundata.fund_daily_navps');
    expect(navps.row_count).toBe(5);
    const run = await db.pool.query(`select status, records_processed, performance_metrics from ops.task_run where task_run_id = $1`, [
      summary.runId,
    ]);
    expect(run.rows[0].status).toBe('completed');
    expect(Number(run.rows[0].records_processed)).toBe(summary.rows);
    expect(run.rows[0].performance_metrics.endpoints).toHaveLength(21);
  });

  it('keeps the request (endpoint, fromdate, language) with the batch, and never the token or credentials', async () => {
    const { rows } = await db.pool.query(`select dataset, request, request::text as text from raw.batch order by batch_id`);
    const general = rows.find((r) => r.dataset === 'fundata.fund_general');
    expect(general.request).toMatchObject({
      endpoint: 'fund/getgeneral',
      params: { fromdate: '1900-01-01', language: 'en' },
      api_version: 'dbsync',
    });
    const perf = rows.find((r) => r.dataset === 'fundata.fund_performance_summary');
    expect(perf.request.params).toEqual({ fromdate: '1900-01-01' });
    const tokens = server.calls.filter((c) => c.authorization).map((c) => c.authorization!);
    expect(tokens.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.text).not.toContain(server.options.key);
      expect(r.text).not.toContain(server.options.secret);
      for (const t of new Set(tokens)) expect(r.text).not.toContain(t);
    }
  });

  it('speaks the protocol: token on request and getresults, language only for general endpoints, none to the download url', () => {
    const requests = server.calls.filter((c) => (ENDPOINTS as readonly string[]).includes(c.path.slice(1)));
    expect(requests).toHaveLength(21);
    for (const c of requests) {
      expect(c.authorization).toBeTruthy();
      expect(c.query.fromdate).toBe('1900-01-01');
      const general = c.path.endsWith('/getgeneral');
      expect(c.query.language).toBe(general ? 'en' : undefined);
    }
    const polls = server.calls.filter((c) => c.path.startsWith('/getresults/'));
    expect(polls).toHaveLength(21 * 3); // two Running answers, then Succeeded
    const downloads = server.calls.filter((c) => c.path.startsWith('/download/'));
    expect(downloads).toHaveLength(21);
    for (const d of downloads) expect(d.authorization).toBeUndefined();
  });

  it('removes every downloaded file once landed', () => {
    expect(fs.readdirSync(workDir)).toEqual([]);
  });

  it('types daily NAVPS and general data into the existing api views, as data_source API', async () => {
    const nav = await db.pool.query(
      `select identifier, date::text, navps::text, data_source, data_version from api.fund_nav order by identifier, date`,
    );
    expect(nav.rows).toHaveLength(5);
    expect(nav.rows.find((r) => r.identifier === '412682' && r.date === '2024-01-16')).toMatchObject({
      navps: '1024.46', // "1,024.45500000" → half away from zero
      data_source: 'API',
      data_version: 1,
    });
    const fund = await db.pool.query(`select identifier, legal_name, company, expense_ratio::text from api.fund order by identifier`);
    expect(fund.rows.map((r) => r.identifier)).toEqual(['4095', '412682', '900001']);
    expect(fund.rows[0]).toMatchObject({ legal_name: 'Fonds équilibré, série F', company: 'Gestion "Nord" Inc.', expense_ratio: '1.24' });
  });

  it('types performance, distributions, holdings, allocations, expenses, assets and yearly returns into their views', async () => {
    const perf = await db.pool.query(`select * from api.fund_performance where identifier = '412682'`);
    expect(perf.rows[0]).toMatchObject({
      as_of_date: '2023-12-31',
      one_month_return: '1.23',
      three_month_return: '5.01',
      six_month_return: '-2.35',
      ytd_return: '11.40',
      ten_year_return: null,
      inception_return: '7.02',
      data_source: 'API',
    });
    const missing = await db.pool.query(`select three_year_return from api.fund_performance where identifier = '4095'`);
    expect(missing.rows[0].three_year_return).toBeNull(); // "n/a"

    const dist = await db.pool.query(
      `select identifier, distribution_date, pay_date, total_amount, capital_gains_amount, frequency
       from api.fund_distributions order by identifier, distribution_date`,
    );
    expect(dist.rows).toEqual([
      {
        identifier: '4095',
        distribution_date: '2023-12-29',
        pay_date: '2024-01-05',
        total_amount: '1.01',
        capital_gains_amount: '0.00',
        frequency: 'Annual',
      },
      {
        identifier: '412682',
        distribution_date: '2023-09-22',
        pay_date: '2023-09-29',
        total_amount: '0.31',
        capital_gains_amount: null,
        frequency: 'Quarterly',
      },
      {
        identifier: '412682',
        distribution_date: '2023-12-22',
        pay_date: '2023-12-29',
        total_amount: '0.46',
        capital_gains_amount: '0.13',
        frequency: 'Quarterly',
      },
    ]);

    const top = await db.pool.query(
      `select holding_rank, holding_name, weight, market_value from api.fund_top_holdings where identifier = '412682' order by holding_rank`,
    );
    expect(top.rows).toEqual([
      { holding_rank: 1, holding_name: 'Royal Bank of Canada', weight: '7.82', market_value: '152345678.91' },
      { holding_rank: 2, holding_name: 'Toronto-Dominion Bank', weight: '6.20', market_value: '120945000.50' },
      { holding_rank: 3, holding_name: 'Enbridge Inc., common', weight: '4.50', market_value: '87700000.00' },
    ]);

    const alloc = await db.pool.query(
      `select allocation_type, allocation_name, weight from api.fund_allocations where identifier = '412682' order by 1, 2`,
    );
    expect(alloc.rows).toEqual([
      { allocation_type: 'Asset', allocation_name: 'Canadian Equity', weight: '95.13' },
      { allocation_type: 'Asset', allocation_name: 'Cash', weight: '4.88' },
      { allocation_type: 'Geographic', allocation_name: 'Canada', weight: '100.00' },
      { allocation_type: 'Sector', allocation_name: 'Financials', weight: '38.50' },
    ]);

    const exp = await db.pool.query(
      `select identifier, mer, management_fee, trading_expense_ratio from api.fund_expenses order by identifier`,
    );
    expect(exp.rows).toEqual([
      { identifier: '4095', mer: '1.24', management_fee: '1.00', trading_expense_ratio: '0.11' },
      { identifier: '412682', mer: '0.59', management_fee: '0.55', trading_expense_ratio: '0.02' },
    ]);

    const assets = await db.pool.query(
      `select assets_date, total_net_assets, series_net_assets from api.fund_assets where identifier = '412682' order by assets_date`,
    );
    expect(assets.rows).toEqual([
      { assets_date: '2023-11-30', total_net_assets: '1198.20', series_net_assets: '301.90' },
      { assets_date: '2023-12-31', total_net_assets: '1254.38', series_net_assets: '312.13' },
    ]);

    const yearly = await db.pool.query(
      `select identifier, performance_year, annual_return, category_return from api.fund_yearly_performance order by identifier, performance_year`,
    );
    expect(yearly.rows).toEqual([
      { identifier: '4095', performance_year: 2023, annual_return: '8.13', category_return: '7.50' },
      { identifier: '412682', performance_year: 2022, annual_return: '-5.56', category_return: '-6.13' },
      { identifier: '412682', performance_year: 2023, annual_return: '11.41', category_return: '9.88' },
      { identifier: '900001', performance_year: 2022, annual_return: '-5.84', category_return: null },
      { identifier: '900001', performance_year: 2023, annual_return: '11.76', category_return: null },
    ]);
  });

  it('types loads, other fees, trailer schedules and associated benchmarks into their views', async () => {
    const q = async (sql: string) => (await db.pool.query(sql)).rows;
    expect(
      await q(`select identifier, load_type, breakpoint_sequence, breakpoint_from, breakpoint_to, breakpoint_unit, load_percent
               from api.fund_load order by identifier, load_type, breakpoint_sequence`),
    ).toEqual([
      {
        identifier: '4095',
        load_type: 'Deferred Sales Charge',
        breakpoint_sequence: 1,
        breakpoint_from: '0.00',
        breakpoint_to: '1.00',
        breakpoint_unit: 'Years',
        load_percent: '5.50',
      },
      {
        identifier: '4095',
        load_type: 'Deferred Sales Charge',
        breakpoint_sequence: 2,
        breakpoint_from: '1.00',
        breakpoint_to: '2.00',
        breakpoint_unit: 'Years',
        load_percent: '5.01',
      },
      {
        identifier: '412682',
        load_type: 'Front End',
        breakpoint_sequence: 1,
        breakpoint_from: '0.00',
        breakpoint_to: '25000.00',
        breakpoint_unit: 'Amount',
        load_percent: '5.00',
      },
      {
        identifier: '412682',
        load_type: 'Front End',
        breakpoint_sequence: 2,
        breakpoint_from: '25000.00',
        breakpoint_to: null,
        breakpoint_unit: 'Amount',
        load_percent: '2.50',
      },
    ]);
    expect(
      await q(`select identifier, fee_type, fee_amount, fee_percent, currency, description from api.fund_other_fees order by identifier`),
    ).toEqual([
      {
        identifier: '4095',
        fee_type: 'Account',
        fee_amount: '1234.57',
        fee_percent: null,
        currency: 'CAD',
        description: 'Frais annuels REER',
      },
      {
        identifier: '412682',
        fee_type: 'Short-Term Trading',
        fee_amount: null,
        fee_percent: '2.01',
        currency: 'CAD',
        description: 'Redeemed within 30 days, of the amount redeemed',
      },
    ]);
    expect(
      await q(
        `select identifier, load_type, from_year, to_year, trailer_fee from api.fund_trailer_schedule order by identifier, load_type, from_year`,
      ),
    ).toEqual([
      { identifier: '4095', load_type: 'Deferred Sales Charge', from_year: 1, to_year: 6, trailer_fee: '0.26' },
      { identifier: '4095', load_type: 'Deferred Sales Charge', from_year: 7, to_year: null, trailer_fee: '0.50' },
      { identifier: '412682', load_type: 'Front End', from_year: 1, to_year: null, trailer_fee: '1.00' },
    ]);
    expect(
      await q(`select identifier, benchmark_identifier, benchmark_name, benchmark_type, weight
               from api.fund_associated_benchmark order by identifier, benchmark_identifier`),
    ).toEqual([
      {
        identifier: '4095',
        benchmark_identifier: '900001',
        benchmark_name: 'S&P/TSX Composite Index TR',
        benchmark_type: 'Blended',
        weight: '60.13',
      },
      {
        identifier: '4095',
        benchmark_identifier: '900042',
        benchmark_name: 'FTSE Canada Universe Bond Index, TR',
        benchmark_type: 'Blended',
        weight: '39.88',
      },
      {
        identifier: '412682',
        benchmark_identifier: '900001',
        benchmark_name: 'S&P/TSX Composite Index TR',
        benchmark_type: 'Primary',
        weight: null,
      },
    ]);
  });

  it('types equity and fixed income style, advanced performance, yearly ranking and risk, and identifiers into their views', async () => {
    const q = async (sql: string) => (await db.pool.query(sql)).rows;
    expect(
      await q(`select identifier, style_date, market_cap_style, investment_style, average_market_cap, price_to_earnings, price_to_book, dividend_yield
               from api.fund_equity_style order by identifier`),
    ).toEqual([
      {
        identifier: '4095',
        style_date: '2023-12-31',
        market_cap_style: 'Mid',
        investment_style: 'Blend',
        average_market_cap: '8500.00',
        price_to_earnings: null,
        price_to_book: '2.13',
        dividend_yield: '1.00',
      },
      {
        identifier: '412682',
        style_date: '2023-12-31',
        market_cap_style: 'Large',
        investment_style: 'Value',
        average_market_cap: '45678.91',
        price_to_earnings: '12.35',
        price_to_book: '1.80',
        dividend_yield: '4.00',
      },
    ]);
    expect(
      await q(`select identifier, credit_quality, interest_rate_sensitivity, average_credit_rating, average_duration, average_maturity, average_coupon, yield_to_maturity
               from api.fund_fixed_income_style`),
    ).toEqual([
      {
        identifier: '4095',
        credit_quality: 'High',
        interest_rate_sensitivity: 'Medium',
        average_credit_rating: 'AA',
        average_duration: '7.13',
        average_maturity: '10.50',
        average_coupon: '3.88',
        yield_to_maturity: '4.02',
      },
    ]);
    expect(
      await q(`select identifier, as_of_date, two_year_return, four_year_return, fifteen_year_return, twenty_year_return,
                      standard_deviation_3y, sharpe_ratio_3y, alpha_3y, beta_3y, r_squared_3y
               from api.fund_advanced_performance order by identifier`),
    ).toEqual([
      {
        identifier: '4095',
        as_of_date: '2023-12-31',
        two_year_return: '5.00',
        four_year_return: '4.00',
        fifteen_year_return: null,
        twenty_year_return: null,
        standard_deviation_3y: '8.10',
        sharpe_ratio_3y: '0.35',
        alpha_3y: '1.00',
        beta_3y: '0.50',
        r_squared_3y: '60.00',
      },
      {
        identifier: '412682',
        as_of_date: '2023-12-31',
        two_year_return: '2.35',
        four_year_return: '-1.01',
        fifteen_year_return: '6.67',
        twenty_year_return: null,
        standard_deviation_3y: '12.88',
        sharpe_ratio_3y: '0.46',
        alpha_3y: '-0.13',
        beta_3y: '0.97',
        r_squared_3y: '88.89',
      },
    ]);
    expect(
      await q(`select identifier, performance_year, quartile, category_rank, category_count, percentile_rank
               from api.fund_yearly_performance_ranking order by identifier, performance_year`),
    ).toEqual([
      { identifier: '4095', performance_year: 2023, quartile: 2, category_rank: 301, category_count: 880, percentile_rank: 35 },
      { identifier: '412682', performance_year: 2022, quartile: 3, category_rank: 705, category_count: 1180, percentile_rank: 61 },
      { identifier: '412682', performance_year: 2023, quartile: 1, category_rank: 12, category_count: 1204, percentile_rank: 2 },
    ]);
    expect(
      await q(`select performance_year, standard_deviation, sharpe_ratio, max_drawdown, best_month_return, worst_month_return
               from api.fund_yearly_performance_risk where identifier = '412682' order by performance_year`),
    ).toEqual([
      {
        performance_year: 2022,
        standard_deviation: '14.00',
        sharpe_ratio: '-0.50',
        max_drawdown: '-12.01',
        best_month_return: '5.00',
        worst_month_return: '-6.00',
      },
      {
        performance_year: 2023,
        standard_deviation: '11.12',
        sharpe_ratio: '0.81',
        max_drawdown: '-7.43',
        best_month_return: '6.50',
        worst_month_return: '-4.45',
      },
    ]);
    expect(
      await q(`select identifier, identifier_type, identifier_value, load_type, exchange, data_source
               from api.instrument_identifiers order by identifier, identifier_type, identifier_value`),
    ).toEqual([
      {
        identifier: '4095',
        identifier_type: 'FundCode',
        identifier_value: 'FQB101',
        load_type: 'Front End',
        exchange: null,
        data_source: 'API',
      },
      {
        identifier: '4095',
        identifier_type: 'FundCode',
        identifier_value: 'FQB301',
        load_type: 'Deferred Sales Charge',
        exchange: null,
        data_source: 'API',
      },
      {
        identifier: '412682',
        identifier_type: 'FundCode',
        identifier_value: 'MDM700',
        load_type: 'No Load',
        exchange: null,
        data_source: 'API',
      },
      {
        identifier: '412682',
        identifier_type: 'ISIN',
        identifier_value: 'CA55275Y1034',
        load_type: null,
        exchange: null,
        data_source: 'API',
      },
      { identifier: '900001', identifier_type: 'Ticker', identifier_value: '^TXCT', load_type: null, exchange: 'TSX', data_source: 'API' },
    ]);
  });

  it('leaves no endpoint raw only: every dataset has a transform, and nothing was quarantined', async () => {
    const { rows } = await db.pool.query(
      `select d.dataset from unnest($1::text[]) as d (dataset)
       where not exists (select 1 from ops.transform_definition as t where t.kind = 'transform' and d.dataset = any(t.datasets))`,
      [FUNDATA_ENDPOINTS.map((e) => e.dataset)],
    );
    expect(rows).toEqual([]);
    const q = await db.pool.query(`select count(*)::int as n from ops.quarantine`);
    expect(q.rows[0].n).toBe(0);
  });
});
