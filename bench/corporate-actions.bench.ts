// Adjusted prices and api.latest_company_metrics benchmark (`make bench`):
// synthetic equities (profile, three fiscal years of ratios, key metrics and
// income statements, 300 trading days of prices, a split for one in ten, four
// dividends for one in two) written straight into the core tables and their
// stored latest (<table>_current) of a fresh migrated database
// `sra_bench_corp`, then timed reads on one connection: the whole
// api.latest_company_metrics (stored: agg.latest_company_metrics), one
// equity of it, its full refresh and an incremental refresh after a new price
// version of BENCH_CORP_TOUCHED equities, one equity's adjusted
// history (api.equity_price_adjusted) and the whole core.total_return_price
// (what the analytics read). Figures go to stdout and docs/BENCHMARKS.md (its
// corporate-actions section). docs/CORPORATE-ACTIONS.md describes the stored table.
import os from 'node:os';
import pg from 'pg';
import { runMigrations, applyDefinitions } from '../loader/migrate.ts';
import { makePool } from '../loader/lib/db.ts';
import { setLogLevel } from '../loader/lib/log.ts';
import { admin, withDb, pct, writeBenchSection } from './lib.ts';

const EQUITIES = Number(process.env.BENCH_CORP_EQUITIES ?? 3000);
const DAYS = Number(process.env.BENCH_CORP_DAYS ?? 300);
const CALLS = Number(process.env.BENCH_CORP_CALLS ?? 200);
const DB = process.env.BENCH_CORP_DB ?? 'sra_bench_corp';
// symbols with a new price version in the incremental refresh timed below
const TOUCHED = Number(process.env.BENCH_CORP_TOUCHED ?? 30);

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

setLogLevel('warn');
await admin(`drop database if exists ${DB} with (force)`);
await admin(`create database ${DB}`);
const url = withDb(DB);
await runMigrations(url);
const pool = makePool(url, 2);
await applyDefinitions(pool);
await pool.end();

const c = new pg.Client({ connectionString: url });
await c.connect();
const t0 = performance.now();
// lineage of a row written straight into core (no raw batch behind it)
const lineage = `'API', 1, 0, now(), 0, 1, 0, now()`;
const lineageCols = 'data_source, data_version, content_hash, updated_at, batch_id, batch_line, batch_elem, vendor_as_of';
await c.query(`
  insert into core.equity_profile (symbol, company_name, exchange, sector, industry, currency, market_cap, price, ${lineageCols})
  select 'E' || i, 'Equity ' || i || ' Inc.', 'NASDAQ', 'Technology', 'Software', 'USD', 1e9 + i, 50, ${lineage}
  from generate_series(1, ${EQUITIES}) as i;
  insert into core.equity_ratios (symbol, period, date, price_to_earnings_ratio, price_to_book_ratio, net_profit_margin,
      return_on_equity, debt_to_equity_ratio, current_ratio, interest_coverage_ratio, ${lineageCols})
  select 'E' || i, p.period, make_date(2021 + y, 9, 30), 20 + y, 5, 0.2, 0.3, 1.5, 1.2, 9, ${lineage}
  from generate_series(1, ${EQUITIES}) as i, generate_series(0, 2) as y, (values ('FY'), ('Q4')) as p (period);
  insert into core.equity_key_metrics (symbol, period, date, ev_to_ebitda, enterprise_value, ${lineageCols})
  select 'E' || i, 'FY', make_date(2021 + y, 9, 30), 14, 2e9, ${lineage}
  from generate_series(1, ${EQUITIES}) as i, generate_series(0, 2) as y;
  insert into core.equity_income (symbol, period, date, revenue, net_income, eps, eps_diluted, ${lineageCols})
  select 'E' || i, 'FY', make_date(2021 + y, 9, 30), 5e8, 1e8, 2.5, 2.4, ${lineage}
  from generate_series(1, ${EQUITIES}) as i, generate_series(0, 2) as y;
  insert into core.equity_quotes (symbol, date, open, high, low, close, volume, ${lineageCols})
  select 'E' || i, d.date, x.c, x.c, x.c, x.c, 1000, ${lineage}
  from generate_series(1, ${EQUITIES}) as i
  cross join (
      select g::date as date, row_number() over (order by g) as n
      from generate_series(date '2024-12-31' - ${Math.ceil(DAYS * 1.45)}, date '2024-12-31', interval '1 day') as g
      where extract(isodow from g) < 6
  ) as d
  cross join lateral (select round((50 + 10 * sin(i + d.n / 20.0))::numeric, 2) as c) as x
  where d.n <= ${DAYS};
  insert into core.equity_split (symbol, date, numerator, denominator, ${lineageCols})
  select 'E' || i, date '2024-06-03', 2, 1, ${lineage} from generate_series(10, ${EQUITIES}, 10) as i;
  insert into core.equity_dividend (symbol, date, dividend, adj_dividend, ${lineageCols})
  select 'E' || i, make_date(2024, q * 3, 10), 0.25, 0.25, ${lineage}
  from generate_series(2, ${EQUITIES}, 2) as i, generate_series(1, 4) as q;
`);
for (const [t, keys] of [
  ['equity_profile', 'symbol'],
  ['equity_ratios', 'symbol, period, date'],
  ['equity_key_metrics', 'symbol, period, date'],
  ['equity_income', 'symbol, period, date'],
  ['equity_quotes', 'symbol, date'],
  ['equity_split', 'symbol, date'],
  ['equity_dividend', 'symbol, date'],
] as const) {
  await c.query(`insert into core.${t}_current select ${keys}, data_version, vendor_as_of, batch_id, batch_line from core.${t}`);
  await c.query(`vacuum analyze core.${t}`);
  await c.query(`vacuum analyze core.${t}_current`);
}
// the newest day of each symbol with its values, as the equity_quotes transform stores it
await c.query(`
  insert into core.equity_quotes_current_date (symbol, date, data_version, open, high, low, close, volume, updated_at)
  select distinct on (q.symbol) q.symbol, q.date, q.data_version, q.open, q.high, q.low, q.close, q.volume, q.updated_at
  from core.equity_quotes as q
  order by q.symbol, q.date desc
`);
const built = performance.now() - t0;
const { rows: cnt } = await c.query<{ n: string }>('select count(*) as n from core.equity_quotes');
const priceRows = Number(cnt[0]!.n);

const load0 = os.loadavg()[0]!;
async function timed(sql: string, params: (i: number) => unknown[], n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await c.query(sql, params(i));
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}
const sym = (i: number) => [`E${1 + ((i * 7919) % EQUITIES)}`];
// the stored metrics: a full refresh (the first one), then an incremental one
// after a price batch of TOUCHED equities (a new version of their last close)
// that the equity_quotes transform consumed (ops.transform_batch)
const full = await timed('select * from agg.refresh_latest_company_metrics(true)', () => [], 3);
await c.query(`
  with b as (
    insert into raw.batch (source, dataset, origin, format) values ('fmp', 'fmp.equity_price', 'api', 'json') returning batch_id
  ),
  v as (
    insert into core.equity_quotes (symbol, date, open, high, low, close, volume, ${lineageCols})
    select q.symbol, q.date, q.open, q.high, q.low, q.close + 1, q.volume,
      'API', q.data_version + 1, 1, now(), (select batch_id from b), 1, 0, now()
    from core.equity_quotes as q
    join (select symbol, max(date) as date from core.equity_quotes_current group by symbol) as d on d.symbol = q.symbol and d.date = q.date
    where q.symbol in (select 'E' || i from generate_series(1, ${TOUCHED}) as i)
    returning symbol, date, data_version, batch_id, close, updated_at
  ),
  cur as (
    update core.equity_quotes_current as c set data_version = v.data_version, batch_id = v.batch_id
    from v where c.symbol = v.symbol and c.date = v.date
    returning c.symbol
  ),
  newest as (
    update core.equity_quotes_current_date as d set data_version = v.data_version, close = v.close, updated_at = v.updated_at
    from v where d.symbol = v.symbol and d.date = v.date
    returning d.symbol
  ),
  r as (
    insert into ops.transform_run (transform_name, version, finished_at) values ('equity_quotes', 1, now()) returning transform_run_id
  )
  insert into ops.transform_batch (transform_name, batch_id, version, transform_run_id)
  select 'equity_quotes', b.batch_id, 1, r.transform_run_id from b, r where exists (select 1 from v) and exists (select 1 from cur) and exists (select 1 from newest)
`);
const incremental = await timed('select * from agg.refresh_latest_company_metrics()', () => [], 1);
const { rows: inc } = await c.query<{ last_buckets: number; last_batches: number }>(
  `select last_buckets, last_batches from ops.aggregate_state where aggregate_name = 'latest_company_metrics'`,
);
if (inc[0]!.last_buckets !== TOUCHED) throw new Error(`the incremental refresh recomputed ${inc[0]!.last_buckets} symbols, not ${TOUCHED}`);
const whole = await timed('select * from api.latest_company_metrics', () => [], 5);
const one = await timed('select * from api.latest_company_metrics where symbol = $1', sym, CALLS);
const history = await timed('select * from api.equity_price_adjusted where symbol = $1', sym, CALLS);
const all = await timed('select count(*), sum(total_return_close) from core.total_return_price', () => [], 3);
// the reference: reading every latest price once, unadjusted
const plain = await timed('select count(*), sum(close) from api.equity_price', () => [], 3);
// where one equity's time goes: planning and execution in the server (EXPLAIN ANALYZE, 20 calls)
async function split(sql: string): Promise<{ plan: number; exec: number }> {
  const plans: number[] = [];
  const execs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const { rows } = await c.query<{ 'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number }[] }>(
      `explain (analyze, format json) ${sql.replace('$1', `'${sym(i)[0]}'`)}`,
    );
    plans.push(rows[0]!['QUERY PLAN'][0]!['Planning Time']);
    execs.push(rows[0]!['QUERY PLAN'][0]!['Execution Time']);
  }
  return {
    plan: pct(
      plans.sort((a, b) => a - b),
      50,
    ),
    exec: pct(
      execs.sort((a, b) => a - b),
      50,
    ),
  };
}
const oneSplit = await split('select * from api.latest_company_metrics where symbol = $1');
const historySplit = await split('select * from api.equity_price_adjusted where symbol = $1');
const load = Math.max(load0, os.loadavg()[0]!);
await c.end();

const lines: [string, string, string, string][] = [
  [
    `api.latest_company_metrics, all ${EQUITIES.toLocaleString('en-US')} equities (5 reads)`,
    `median ${ms(pct(whole, 50))}, max ${ms(whole[whole.length - 1]!)}`,
    '≤ 2,000 ms',
    pct(whole, 50) <= 2000 ? 'meets the bar' : '**below the bar**',
  ],
  [
    `api.latest_company_metrics, one equity (${CALLS} reads)`,
    `p50 ${ms(pct(one, 50))}, p95 ${ms(pct(one, 95))}`,
    'p95 ≤ 10 ms',
    pct(one, 95) <= 10 ? 'meets the bar' : '**below the bar**',
  ],
  [
    `agg.refresh_latest_company_metrics(true): full, ${EQUITIES.toLocaleString('en-US')} equities (3 runs)`,
    `median ${ms(pct(full, 50))}`,
    '',
    '',
  ],
  [
    `agg.refresh_latest_company_metrics(): incremental, a price batch of ${TOUCHED} equities`,
    `${ms(incremental[0]!)} (${inc[0]!.last_buckets} rows recomputed)`,
    '≤ 1,000 ms',
    incremental[0]! <= 1000 ? 'meets the bar' : '**below the bar**',
  ],
  [
    `api.equity_price_adjusted, one equity's ${DAYS} days (${CALLS} reads)`,
    `p50 ${ms(pct(history, 50))}, p95 ${ms(pct(history, 95))}`,
    'p95 ≤ 20 ms',
    pct(history, 95) <= 20 ? 'meets the bar' : '**below the bar**',
  ],
  [
    'one equity, in the server: planning / execution (median of 20)',
    `${ms(oneSplit.plan)} / ${ms(oneSplit.exec)} (metrics), ${ms(historySplit.plan)} / ${ms(historySplit.exec)} (adjusted history)`,
    '',
    '',
  ],
  [`core.total_return_price, all ${priceRows.toLocaleString('en-US')} prices (3 reads)`, `median ${ms(pct(all, 50))}`, '', ''],
  [
    `api.equity_price, all ${priceRows.toLocaleString('en-US')} prices, unadjusted (reference, 3 reads)`,
    `median ${ms(pct(plain, 50))}`,
    '',
    '',
  ],
];
console.log(`built ${EQUITIES} equities, ${priceRows} prices in ${ms(built)}`);
for (const [m, f, b, v] of lines) console.log(`${m.padEnd(64)} ${f}${b ? `  (bar ${b}: ${v.replace(/\*/g, '')})` : ''}`);

const start = '<!-- corporate-actions:start -->';
const end = '<!-- corporate-actions:end -->';
const body = [
  start,
  `## Adjusted prices and latest company metrics: ${EQUITIES.toLocaleString('en-US')} equities`,
  '',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL on the same machine, load average ${load.toFixed(1)} during the run. ` +
    `Synthetic equities written straight into core (profile, three fiscal years of ratios, key metrics and income, ${DAYS} trading days of prices, a 2:1 split for one in ten, four dividends for one in two) with their stored latest, vacuumed and analyzed; ` +
    'reads one after another on one connection, times measured at the client. `make bench` (bench/corporate-actions.bench.ts) rewrites this section.',
  '',
  '| measure | figure | bar | |',
  '|---|---|---|---|',
  ...lines.map(([m, f, b, v]) => `| ${m} | ${f} | ${b} | ${v} |`),
  end,
].join('\n');
writeBenchSection(start, end, body);
if (!process.env.BENCH_KEEP) await admin(`drop database if exists ${DB} with (force)`);
process.exit(0);
