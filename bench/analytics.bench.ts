// Analytics benchmark (`make bench`): 1,000 symbols × 3 years of daily prices
// (the seven factor ETFs among them), a treasury curve, and 20 portfolios × 500
// positions (stocks, ETFs and options), written straight into the core tables
// (synthetic, seeded) of a fresh database `sra_bench_analytics` on
// BENCH_DATABASE_URL's server, DATABASE_URL's, or the local cluster. Reports
//   full build      agg.refresh_analytics() over all of it (bar ≤ 20 s)
//   one new day     a new price day for every symbol, then agg.refresh_analytics() (bar ≤ 3 s)
// Figures go to stdout and docs/BENCHMARKS.md (its analytics section).
import os from 'node:os';
import pg from 'pg';
import { makePool } from '../loader/lib/db.ts';
import { applyDefinitions, runMigrations } from '../loader/migrate.ts';
import { admin, withDb, writeBenchSection } from './lib.ts';

const SYMBOLS = Number(process.env.BENCH_ANALYTICS_SYMBOLS ?? 1000);
const DAYS = Number(process.env.BENCH_ANALYTICS_DAYS ?? 756);
const PORTFOLIOS = Number(process.env.BENCH_ANALYTICS_PORTFOLIOS ?? 20);
const POSITIONS = Number(process.env.BENCH_ANALYTICS_POSITIONS ?? 500);

// BENCH_ANALYTICS_DB names the scratch database (another name when several benches share a server)
const DB = process.env.BENCH_ANALYTICS_DB ?? 'sra_bench_analytics';

await admin(`drop database if exists ${DB} with (force)`);
await admin(`create database ${DB}`);
const url = withDb(DB);
await runMigrations(url);
const pool = makePool(url, 4);
await applyDefinitions(pool);

console.log(`analytics bench: ${SYMBOLS} symbols × ${DAYS} trading days, ${PORTFOLIOS} portfolios × ${POSITIONS} positions …`);
const lineage = `'API', 'bench', 1, 0, now(), 0, 0, 0`;
const lineageCols = 'data_source, source_file, data_version, content_hash, updated_at, batch_id, batch_line, batch_elem';
await pool.query(`select setseed(0.42)`);
// trading dates: weekdays ending 2024-11-29
await pool.query(`create table public.bench_day as
  select d::date as date, row_number() over (order by d) as i
  from generate_series(date '2024-11-29' - ${Math.ceil((DAYS * 7) / 5) + 7}, date '2024-11-29', interval '1 day') as d
  where extract(isodow from d) < 6
  order by d desc limit ${DAYS}`);
// a market return per day; every symbol = beta × market + its own noise, as a price path
await pool.query(
  `create table public.bench_mkt as select date, i, 0.0004 + 0.01 * (random() + random() + random() - 1.5) as m from public.bench_day`,
);
const etfs = ['SPY', 'VTV', 'VUG', 'MTUM', 'QUAL', 'SLY', 'USMV'];
await pool.query(`create table public.bench_sym as
  select s as n, case when s <= 7 then (array['${etfs.join("','")}'])[s] else 'BN' || lpad(s::text, 4, '0') end as symbol,
    0.6 + random() as beta, 20 + 200 * random() as p0
  from generate_series(1, ${SYMBOLS}) as s`);
const insertPrices = (table: string, where: string) =>
  pool.query(`insert into core.${table} (symbol, date, close, adj_close, ${lineageCols})
    select q.symbol, q.date, round(q.p::numeric, 4), null, ${lineage}
    from (
      select s.symbol, m.date, s.p0 * exp(sum(ln(1 + s.beta * m.m + 0.012 * (random() - 0.5))) over (partition by s.symbol order by m.date)) as p
      from public.bench_sym as s cross join public.bench_mkt as m
      where ${where}
    ) as q`);
const t = performance.now();
await insertPrices('etfs_quotes', 's.n <= 7');
await insertPrices('equity_quotes', 's.n > 7');
await pool.query(`insert into core.treasury (date, month3, year10, ${lineageCols})
  select date, 4.5 + 0.3 * sin(i / 50.0), round((4.0 + 0.5 * sin(i / 40.0) + 0.05 * random())::numeric, 2), ${lineage} from public.bench_day`);
await pool.query(`insert into core.portfolio (portfolio, data_version, position_count, content_hash, data_source, source_file, batch_id, updated_at)
  select 'P' || p, 1, ${POSITIONS}, 0, 'CSV', 'bench', 0, now() from generate_series(1, ${PORTFOLIOS}) as p`);
// positions: 90 % stocks (a quarter short), 10 % options on them
await pool.query(`insert into core.position (portfolio, data_version, position_no, symbol, position_type, quantity, entry_price, entry_date,
    underlying, strike, expiry, tags, multiplier, data_source, source_file, content_hash, updated_at, batch_id, batch_line, batch_elem)
  select 'P' || p, 1, k, case when opt then sym || '_OPT' else sym end,
    case when opt then (array['LC', 'LP', 'SC', 'SP'])[1 + k % 4] when short then 'SHORT' else 'LONG' end,
    case when opt then (case when k % 4 in (0, 1) then 2 else -2 end) when short then -100 else 100 end,
    case when opt then 5 else 50 end, date '2023-01-02' + (k % 300),
    sym, case when opt then 100 end, case when opt then date '2025-03-21' end,
    array['t' || (k % 10), 's' || (k % 7)], case when opt then 100 else 1 end,
    'CSV', 'bench', 0, now(), 0, k, 0
  from (
    select p, k, k % 10 = 0 as opt, k % 4 = 1 as short,
      (select symbol from public.bench_sym where n = 1 + (p * 37 + k * 13) % ${SYMBOLS}) as sym
    from generate_series(1, ${PORTFOLIOS}) as p, generate_series(1, ${POSITIONS}) as k
  ) as x`);
await pool.query('analyze');
const setupMs = performance.now() - t;

/** agg.refresh_analytics() on a connection of its own, with the time of each step (its debug notices). */
async function build(): Promise<{ row: Record<string, unknown>; ms: number; steps: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const steps: string[] = [];
  c.on('notice', (n) => {
    const m = /^analytics: (\w+) done at (\d+) ms/.exec(n.message ?? '');
    if (m) steps.push(`${m[1]} ${m[2]}`);
  });
  try {
    await c.query('set client_min_messages = debug');
    const t0 = performance.now();
    const { rows } = await c.query('select * from agg.refresh_analytics()');
    return { row: rows[0], ms: performance.now() - t0, steps: steps.join(', ') };
  } finally {
    await c.end();
  }
}

const fullRun = await build();
const full = [fullRun.row];
const fullMs = fullRun.ms;
console.log(`full build steps (ms since start): ${fullRun.steps}`);

// one new price day for every symbol, then the refresh
await pool.query(`insert into core.etfs_quotes (symbol, date, close, adj_close, ${lineageCols})
  select symbol, date '2024-12-02', round((close * 1.003)::numeric, 4), null, ${lineage} from core.etfs_quotes where date = '2024-11-29'`);
await pool.query(`insert into core.equity_quotes (symbol, date, close, adj_close, ${lineageCols})
  select symbol, date '2024-12-02', round((close * 0.998)::numeric, 4), null, ${lineage} from core.equity_quotes where date = '2024-11-29'`);
const incRun = await build();
const inc = [incRun.row];
const incMs = incRun.ms;
const { rows: counts } = await pool.query(`select
  (select count(*) from agg.security_price) as prices, (select count(*) from agg.factor_exposure) as factor_rows,
  (select count(*) from agg.position_analytics) as positions, (select count(*) from agg.portfolio_history) as history_rows`);
await pool.end();

const c = counts[0];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines: [string, string, string, string][] = [
  [
    'full analytics build (`agg.refresh_analytics()`)',
    `${(fullMs / 1000).toFixed(1)} s (${fmt(Number(full[0].symbols))} symbols, ${fmt(Number(full[0].positions))} positions)`,
    '≤ 20 s',
    fullMs <= 20_000 ? 'meets the bar' : '**above the bar**',
  ],
  [
    'one new price day, then the refresh',
    `${(incMs / 1000).toFixed(1)} s (as of ${inc[0].as_of_date})`,
    '≤ 3 s',
    incMs <= 3_000 ? 'meets the bar' : '**above the bar**',
  ],
  [
    'rows built',
    `${fmt(Number(c.prices))} daily prices, ${fmt(Number(c.factor_rows))} factor betas, ${fmt(Number(c.positions))} positions, ${fmt(Number(c.history_rows))} portfolio-history rows`,
    '',
    '',
  ],
  ['steps of the full build (ms since its start)', fullRun.steps, '', ''],
  ['steps of the refresh (ms since its start)', incRun.steps, '', ''],
  ['setup (synthetic rows written to core)', `${(setupMs / 1000).toFixed(1)} s`, '', ''],
];
for (const [m, f, b, v] of lines) console.log(`${m.padEnd(50)} ${f}${b ? `  (bar ${b}: ${v.replace(/\*/g, '')})` : ''}`);

const start = '<!-- analytics:start -->';
const end = '<!-- analytics:end -->';
const body = [
  start,
  `## Analytics: ${fmt(SYMBOLS)} symbols × ${fmt(DAYS)} trading days, ${PORTFOLIOS} portfolios × ${POSITIONS} positions`,
  '',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, PostgreSQL on the same machine. ` +
    `Synthetic prices (the seven factor ETFs among the symbols), a treasury curve and positions (10 % options) written straight into the core tables; ` +
    `the full build computes every table; the refresh after a new day recomputes the daily prices and the portfolio history from the first date new batches touched, every symbol's figures from its last rows, the positions on the new day (docs/ANALYTICS.md). ` +
    `\`make bench\` (bench/analytics.bench.ts) rewrites this section.`,
  '',
  '| measure | figure | bar | |',
  '|---|---|---|---|',
  ...lines.map(([m, f, b, v]) => `| ${m} | ${f} | ${b} | ${v} |`),
  end,
].join('\n');
writeBenchSection(start, end, body);
// BENCH_ANALYTICS_KEEP=1 keeps the database for a closer look
if (!process.env.BENCH_ANALYTICS_KEEP) await admin(`drop database if exists ${DB} with (force)`);
