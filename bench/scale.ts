// Scale benchmark (`make bench-scale`, not part of `make bench`): daily NAVPS
// history of BENCH_SCALE_FUNDS funds × BENCH_SCALE_DAYS business days
// (default 10,000 × 2,500 = 25,000,000 rows), generated as CSV in
// BENCH_SCALE_CHUNKS chunks of consecutive days (default 5) and landed and
// transformed chunk by chunk through the real CLI (`sra load fundata-csv`,
// `sra transform`) into a fresh database `sra_bench_scale`; then one new day
// for every fund; then the read paths the clients use, timed one query after
// another (p50/p95 over BENCH_SCALE_SAMPLES random keys). FMP daily prices
// of BENCH_SCALE_SYMBOLS symbols × BENCH_SCALE_SYMBOL_DAYS days (default
// 5,000 × 2,520, ten years) are written straight into core.equity_quotes and
// its stored latest by SQL (the same shapes; the FMP load path is measured
// by bench/fmp.bench.ts) to time the price reads at that size.
// Figures go to stdout and docs/BENCHMARKS.md (<!-- scale:start --> section);
// the plans to bench/out/scale-plans.txt. All data is generated.
//
//   make bench-scale                                            # the full 25M run
//   BENCH_SCALE_FUNDS=1000 BENCH_SCALE_DAYS=500 make bench-scale  # a quick run
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { admin, pct, withDb, writeBenchSection } from './lib.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const env = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const FUNDS = env('BENCH_SCALE_FUNDS', 10_000);
const DAYS = env('BENCH_SCALE_DAYS', 2_500);
const CHUNKS = env('BENCH_SCALE_CHUNKS', 5);
const SYMBOLS = env('BENCH_SCALE_SYMBOLS', 5_000);
const SYMBOL_DAYS = env('BENCH_SCALE_SYMBOL_DAYS', 2_520);
const SAMPLES = env('BENCH_SCALE_SAMPLES', 300);
const FUNDS_PER_COMPANY = 20;
const OUT = path.join(ROOT, 'bench', 'out', 'scale');
const DB = 'sra_bench_scale';
const URL_BENCH = withDb(DB);
// BENCH_SCALE_HISTORY=sql: write the history by SQL instead of the CLI (to
// measure the reads and the new day at full size when the load would take
// too long); the figures say which
const SQL_HISTORY = process.env.BENCH_SCALE_HISTORY === 'sql';
const BARS = { latestMs: 2, seriesMs: 5, companyMs: 20, newDayS: 3, loadRate: 60_000 };

// The client read paths, as the bench times them ($1: a fund, symbol or company).
export const QUERIES = {
  latestNav: 'select * from api.fund_latest_nav where identifier = $1',
  yearSeries: `select date, navps from api.fund_nav where identifier = $1 and date > $2::date - 365 order by date`,
  company: `select f.identifier, f.legal_name, n.nav_date, n.navps
from api.fund as f
join api.fund_latest_nav as n on n.identifier = f.identifier
where f.company = $1`,
  family: `select f.identifier, f.legal_name, n.nav_date, n.navps
from api.fund as f
join api.fund_latest_nav as n on n.identifier = f.identifier
where f.family_name = $1`,
  latestPrice: 'select * from api.equity_latest_price where symbol = $1',
  priceYear: `select date, close from api.equity_price where symbol = $1 and date > $2::date - 365 order by date`,
};

// one chunk of history by SQL: the rows the CSV chunk would give, typed
const SQL_CHUNK = `insert into core.fundata_quotes (identifier, record_id, date, navps, navps_penny_change, navps_percent_change,
    previous_date, previous_navps, record_state, data_source, source_file, data_version, content_hash, updated_at,
    batch_id, batch_line, vendor_as_of)
select v.identifier, v.record_id, v.date, v.navps, v.navps - v.previous_navps, round(100 * (v.navps - v.previous_navps) / v.previous_navps, 2),
    v.previous_date, v.previous_navps, 'Active', 'CSV', 'generated.csv', 1, hashtext(v.identifier || v.date), now(),
    1000 + v.d, v.i + 2, v.date
from (
    select d, i, 'F' || lpad(i::text, 6, '0') as identifier, (d * $4::integer + i)::text as record_id,
        ($1::date[])[d + 1] as date, ($1::date[])[greatest(d, 1)] as previous_date,
        round((10 + i % 90 + 2 * sin((d + i) / 40.0) + d / 500.0)::numeric, 2) as navps,
        round((10 + i % 90 + 2 * sin((greatest(d, 1) - 1 + i) / 40.0) + (greatest(d, 1) - 1) / 500.0)::numeric, 2) as previous_navps
    from generate_series($2::integer, $3::integer - 1) as d
    cross join generate_series(0, $4::integer - 1) as i
) as v
order by v.date, v.identifier`;

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

function run(cmd: string, args: string[], extra: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...extra }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t0;
}

/** Business days (Mon–Fri) ending 2026-11-30, oldest first. */
function businessDays(n: number): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(2026, 10, 30));
  while (out.length < n) {
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse();
}

const fund = (i: number) => `F${String(i).padStart(6, '0')}`;
const company = (i: number) => `Company ${Math.floor(i / FUNDS_PER_COMPANY)}`;
const family = (i: number) => `Family ${i % 250}`;
/** A deterministic NAVPS of fund i on day index d (a drifting sine, 2 decimals). */
const navps = (i: number, d: number) => (10 + (i % 90) + 2 * Math.sin((d + i) / 40) + d / 500).toFixed(2);

async function writeLines(file: string, header: string, rows: (w: (line: string) => Promise<void>) => Promise<void>) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const s = fs.createWriteStream(file);
  let buf = header + '\r\n';
  const w = async (line: string) => {
    buf += line + '\r\n';
    if (buf.length > 1 << 20) {
      if (!s.write(buf)) await once(s, 'drain');
      buf = '';
    }
  };
  await rows(w);
  s.end(buf);
  await once(s, 'finish');
}

const QUOTE_HEADER = 'RecordId,InstrumentKey,Date,NAVPS,PreviousDate,PreviousNAVPS,NAVPSPennyChange,NAVPSPercentChange,RecordState';

/** One chunk of days (day indexes [from, to)) for every fund, day by day. */
async function quotesFile(file: string, days: string[], from: number, to: number): Promise<number> {
  let n = 0;
  await writeLines(file, QUOTE_HEADER, async (w) => {
    for (let d = from; d < to; d++) {
      for (let i = 0; i < FUNDS; i++) {
        const v = navps(i, d);
        const p = d > 0 ? navps(i, d - 1) : v;
        const ch = (Number(v) - Number(p)).toFixed(2);
        const pc = ((100 * (Number(v) - Number(p))) / Number(p)).toFixed(2);
        await w(`${d * FUNDS + i},${fund(i)},${days[d]},${v},${d > 0 ? days[d - 1] : ''},${p},${ch},${pc},Active`);
        n++;
      }
    }
  });
  return n;
}

async function registryFile(file: string): Promise<void> {
  await writeLines(
    file,
    'InstrumentKey,RecordId,Language,LegalName,FamilyName,SeriesName,Company,Currency,RecordState,ChangeDate',
    async (w) => {
      for (let i = 0; i < FUNDS; i++) {
        await w(`${fund(i)},${i},EN,Generated Fund ${i},${family(i)},A,${company(i)},CAD,Active,2024-01-02`);
      }
    },
  );
}

async function withClient<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: URL_BENCH });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** p50/p95 (ms) of a query over sample parameter lists, one after another, after one warm-up pass. */
async function timeQuery(c: pg.Client, sql: string, params: unknown[][]): Promise<{ p50: number; p95: number; rows: number }> {
  for (const p of params.slice(0, 20)) await c.query(sql, p);
  const ms: number[] = [];
  let rows = 0;
  for (const p of params) {
    const t0 = performance.now();
    const r = await c.query(sql, p);
    ms.push(performance.now() - t0);
    rows += r.rowCount ?? 0;
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), rows: rows / params.length };
}

function section(name: string, lines: string[]): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  writeBenchSection(start, end, `${start}\n${lines.join('\n')}\n${end}`);
}

async function main(): Promise<void> {
  const days = businessDays(DAYS + 1);
  const cli = { DATABASE_URL: URL_BENCH, SRA_PROGRESS: 'never', LOG_LEVEL: 'warn' };
  const loadavg: number[] = [];
  const sampleLoad = () => loadavg.push(os.loadavg()[0]!);
  const timer = setInterval(sampleLoad, 5000);

  log(`fresh database ${DB}`);
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  run('bin/sra', ['migrate'], cli);

  // the fund registry (company, family)
  const reg = path.join(OUT, 'data', 'FundGeneralSeed.csv');
  await registryFile(reg);
  run('bin/sra', ['load', 'fundata-csv', '--force', reg], cli);
  run('bin/sra', ['transform'], cli);

  // the history, chunk by chunk
  const chunkRows: { rows: number; landS: number; transformS: number; total: number }[] = [];
  let total = 0;
  const per = Math.ceil(DAYS / CHUNKS);
  for (let k = 0; k < CHUNKS; k++) {
    const from = k * per;
    const to = Math.min(DAYS, from + per);
    if (from >= to) break;
    if (SQL_HISTORY) {
      // the same rows written by SQL, as the transform would type them (no CLI)
      log(`chunk ${k + 1}/${CHUNKS}: days ${days[from]}..${days[to - 1]} × ${FUNDS.toLocaleString()} funds by SQL`);
      const t0 = performance.now();
      const rows = await withClient(async (c) => {
        await c.query(
          `select core.create_date_partitions('core.fundata_quotes', array(select distinct extract(year from d)::integer from unnest($1::date[]) as d))`,
          [days.slice(from, to)],
        );
        const r = await c.query(SQL_CHUNK, [days, from, to, FUNDS]);
        await c.query(
          `insert into core.fundata_quotes_current (identifier, date, data_version, vendor_as_of, batch_id, line)
           select q.identifier, q.date, 1, q.vendor_as_of, q.batch_id, q.batch_line from core.fundata_quotes as q
           where q.date between $1::date and $2::date`,
          [days[from], days[to - 1]],
        );
        return r.rowCount ?? 0;
      });
      const ms = performance.now() - t0;
      total += rows;
      chunkRows.push({ rows, landS: 0, transformS: ms / 1000, total });
      log(`chunk ${k + 1}: ${rows.toLocaleString()} rows by SQL in ${(ms / 1000).toFixed(1)} s (table now ${total.toLocaleString()} rows)`);
      continue;
    }
    const file = path.join(OUT, 'quotes', `FundDailyNAVPS-chunk${k + 1}.csv`);
    log(`chunk ${k + 1}/${CHUNKS}: generating days ${days[from]}..${days[to - 1]} × ${FUNDS.toLocaleString()} funds`);
    const rows = await quotesFile(file, days, from, to);
    const land = run('bin/sra', ['load', 'fundata-csv', '--force', file], cli);
    const tr = run('bin/sra', ['transform'], cli);
    fs.rmSync(file);
    total += rows;
    chunkRows.push({ rows, landS: land / 1000, transformS: tr / 1000, total });
    log(
      `chunk ${k + 1}: ${rows.toLocaleString()} rows, land ${(land / 1000).toFixed(1)} s + transform ${(tr / 1000).toFixed(1)} s = ` +
        `${Math.round(rows / ((land + tr) / 1000)).toLocaleString()} rows/s (table now ${total.toLocaleString()} rows)`,
    );
  }

  if (SQL_HISTORY) {
    // each fund's stored latest NAV, as the transform keeps it
    await withClient((c) =>
      c.query(
        `insert into core.fundata_quotes_current_date (identifier, date, data_version, navps, previous_date, previous_navps,
          navps_penny_change, navps_percent_change, current_yield, updated_at)
        select distinct on (q.identifier) q.identifier, q.date, q.data_version, q.navps, q.previous_date, q.previous_navps,
          q.navps_penny_change, q.navps_percent_change, q.current_yield, q.updated_at
        from core.fundata_quotes as q where q.date = $1::date order by q.identifier`,
        [days[DAYS - 1]],
      ),
    );
    await withClient((c) =>
      c.query('analyze core.fundata_quotes; analyze core.fundata_quotes_current; analyze core.fundata_quotes_current_date'),
    );
  }

  // one new day for every fund
  const dayFile = path.join(OUT, 'quotes', 'FundDailyNAVPS-newday.csv');
  await quotesFile(dayFile, days, DAYS, DAYS + 1);
  const newLand = run('bin/sra', ['load', 'fundata-csv', '--force', dayFile], cli);
  const newTr = run('bin/sra', ['transform'], cli);
  log(`new day: land ${(newLand / 1000).toFixed(2)} s + transform ${(newTr / 1000).toFixed(2)} s`);

  // FMP daily prices at their size, written by SQL (generated)
  log(`FMP prices: ${SYMBOLS.toLocaleString()} symbols × ${SYMBOL_DAYS.toLocaleString()} days by SQL`);
  const lastDay = days[DAYS]!;
  await withClient(async (c) => {
    await c.query(
      `select core.create_date_partitions('core.equity_quotes', array(select generate_series(extract(year from $1::date - $2::integer * 7 / 5)::integer - 1, extract(year from $1::date)::integer)))`,
      [lastDay, SYMBOL_DAYS],
    );
    await c.query(
      `insert into core.equity_quotes (symbol, date, open, high, low, close, volume, data_source, data_version, content_hash, updated_at, batch_id, batch_line, batch_elem, vendor_as_of)
      select 'S' || s, d.date, 100 + s % 50, 101 + s % 50, 99 + s % 50, 100 + s % 50 + (d.n % 7) / 10.0, 1000 + d.n, 'API', 1, 0, now(), s, 1, d.n, d.date
      from (select n, ($1::date - (n - 1) * 7 / 5) as date from generate_series(1, $2::integer) as n) as d
      cross join generate_series(1, $3::integer) as s
      order by d.date, s`,
      [lastDay, SYMBOL_DAYS, SYMBOLS],
    );
    await c.query(`insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
      select q.symbol, q.date, 1, q.date, q.batch_id, q.batch_line from core.equity_quotes as q`);
    await c.query(`insert into core.equity_quotes_current_date (symbol, date, data_version, open, high, low, close, adj_close,
        volume, unadjusted_volume, change, change_percent, vwap, api_version, updated_at)
      select distinct on (q.symbol) q.symbol, q.date, q.data_version, q.open, q.high, q.low, q.close, q.adj_close,
        q.volume, q.unadjusted_volume, q.change, q.change_percent, q.vwap, q.api_version, q.updated_at
      from core.equity_quotes as q order by q.symbol, q.date desc`);
    await c.query('analyze core.equity_quotes');
    await c.query('analyze core.equity_quotes_current');
  });
  clearInterval(timer);

  // the read paths
  log(`timing the reads (${SAMPLES} samples each)`);
  const rnd = (n: number) => Math.floor(Math.random() * n);
  const funds = Array.from({ length: SAMPLES }, () => fund(rnd(FUNDS)));
  const companies = Array.from({ length: SAMPLES }, () => company(rnd(FUNDS)));
  const families = Array.from({ length: SAMPLES }, () => family(rnd(FUNDS)));
  const symbols = Array.from({ length: SAMPLES }, () => `S${1 + rnd(SYMBOLS)}`);
  const figures = await withClient(async (c) => {
    // the steady state autovacuum reaches after a load (its insert threshold):
    // statistics, and the visibility map set, so a key range of the stored
    // latest is an index-only scan
    await c.query('vacuum (analyze)');
    const r = {
      latestNav: await timeQuery(
        c,
        QUERIES.latestNav,
        funds.map((f) => [f]),
      ),
      yearSeries: await timeQuery(
        c,
        QUERIES.yearSeries,
        funds.map((f) => [f, lastDay]),
      ),
      company: await timeQuery(
        c,
        QUERIES.company,
        companies.map((f) => [f]),
      ),
      family: await timeQuery(
        c,
        QUERIES.family,
        families.map((f) => [f]),
      ),
      latestPrice: await timeQuery(
        c,
        QUERIES.latestPrice,
        symbols.map((s) => [s]),
      ),
      priceYear: await timeQuery(
        c,
        QUERIES.priceYear,
        symbols.map((s) => [s, lastDay]),
      ),
    };
    const plans: string[] = [];
    const example: Record<keyof typeof QUERIES, unknown[]> = {
      latestNav: [funds[0]],
      yearSeries: [funds[0], lastDay],
      company: [companies[0]],
      family: [families[0]],
      latestPrice: [symbols[0]],
      priceYear: [symbols[0], lastDay],
    };
    for (const [k, sql] of Object.entries(QUERIES)) {
      const p = await c.query(`explain (analyze, costs off, timing off, summary off) ${sql}`, example[k as keyof typeof QUERIES]);
      plans.push(
        `-- ${k}: ${sql.replace(/\s+/g, ' ')}  [${example[k as keyof typeof QUERIES].join(', ')}]`,
        ...p.rows.map((x) => x['QUERY PLAN']),
        '',
      );
    }
    fs.writeFileSync(path.join(ROOT, 'bench', 'out', 'scale-plans.txt'), plans.join('\n'));
    const [sz] = (
      await c.query<{ n: string; history: string; current: string }>(
        `select (select count(*) from core.fundata_quotes) as n,
            pg_size_pretty(pg_total_relation_size('core.fundata_quotes') + coalesce((select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'core.fundata_quotes'::regclass), 0)) as history,
            pg_size_pretty(coalesce((select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'core.fundata_quotes_current'::regclass), 0)) as current`,
      )
    ).rows;
    return { ...r, size: sz! };
  });

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const ms = (n: number) => n.toFixed(2);
  const mark = (ok: boolean) => (ok ? 'meets the bar' : '**below the bar**');
  const landTotal = chunkRows.reduce((a, c) => a + c.landS + c.transformS, 0);
  const overall = total / landTotal;
  const slowest = Math.min(...chunkRows.map((c) => c.rows / (c.landS + c.transformS)));
  const newDayS = (newLand + newTr) / 1000;
  const avgLoad = loadavg.length ? loadavg.reduce((a, b) => a + b, 0) / loadavg.length : os.loadavg()[0]!;
  const lines = [
    `## Scale: ${fmt(total)} daily NAVPS rows (${fmt(FUNDS)} funds × ${fmt(DAYS)} days), FMP prices ${fmt(SYMBOLS)} × ${fmt(SYMBOL_DAYS)}`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL 15 on the same machine, shared with other work: load average ${avgLoad.toFixed(1)} on average during the load (1-minute, sampled every 5 s). Generated data (bench/scale.ts): ${SQL_HISTORY ? 'the history written by SQL in chunks of consecutive days (BENCH_SCALE_HISTORY=sql: not the load path; the new day is landed and transformed through the CLI)' : 'CSV chunks of consecutive days landed with `sra load fundata-csv` and transformed with `sra transform` (wall-clock of the CLI commands, process start included)'} into a fresh database; the FMP prices written into \`core.equity_quotes\` by SQL. History ${figures.size.history} (${fmt(Number(figures.size.n))} rows), stored latest ${figures.size.current}. Reads: after \`vacuum (analyze)\` (the state autovacuum brings a loaded table to), one query after another on one connection, ${SAMPLES} random keys each, after a warm-up; the queries are \`QUERIES\` in bench/scale.ts and their plans are in [SCALING.md](SCALING.md#plans). \`make bench-scale\` rewrites this section.`,
    '',
    '| measure | figure | bar | |',
    '|---|---|---|---|',
    ...chunkRows.map((c, k) =>
      SQL_HISTORY
        ? `| history chunk ${k + 1}: ${fmt(c.rows)} rows written by SQL, not the CLI (table then ${fmt(c.total)}) | ${c.transformS.toFixed(1)} s | | not measured |`
        : `| load chunk ${k + 1}: ${fmt(c.rows)} rows (table then ${fmt(c.total)}) | ${fmt(c.rows / (c.landS + c.transformS))} rows/s (land ${c.landS.toFixed(1)} s + transform ${c.transformS.toFixed(1)} s) | ≥ ${fmt(BARS.loadRate)} rows/s | ${mark(c.rows / (c.landS + c.transformS) >= BARS.loadRate)} |`,
    ),
    SQL_HISTORY
      ? `| load | not measured in this run (history written by SQL) | ≥ ${fmt(BARS.loadRate)} rows/s | |`
      : `| load overall | ${fmt(overall)} rows/s (${(landTotal / 60).toFixed(1)} min; slowest chunk ${fmt(slowest)} rows/s) | ≥ ${fmt(BARS.loadRate)} rows/s, not slowing | ${mark(overall >= BARS.loadRate)} |`,
    `| one new day (${fmt(FUNDS)} rows) landed and transformed | ${newDayS.toFixed(2)} s (land ${(newLand / 1000).toFixed(2)} s + transform ${(newTr / 1000).toFixed(2)} s) | ≤ ${BARS.newDayS} s | ${mark(newDayS <= BARS.newDayS)} |`,
    `| latest NAV of one fund (\`api.fund_latest_nav\`) | p50 ${ms(figures.latestNav.p50)} ms, p95 ${ms(figures.latestNav.p95)} ms | p95 ≤ ${BARS.latestMs} ms | ${mark(figures.latestNav.p95 <= BARS.latestMs)} |`,
    `| one fund's one-year series (\`api.fund_nav\`, ${fmt(figures.yearSeries.rows)} rows) | p50 ${ms(figures.yearSeries.p50)} ms, p95 ${ms(figures.yearSeries.p95)} ms | p95 ≤ ${BARS.seriesMs} ms | ${mark(figures.yearSeries.p95 <= BARS.seriesMs)} |`,
    `| funds of one company with their latest NAV (${fmt(figures.company.rows)} funds) | p50 ${ms(figures.company.p50)} ms, p95 ${ms(figures.company.p95)} ms | p95 ≤ ${BARS.companyMs} ms | ${mark(figures.company.p95 <= BARS.companyMs)} |`,
    `| funds of one family with their latest NAV (${fmt(figures.family.rows)} funds) | p50 ${ms(figures.family.p50)} ms, p95 ${ms(figures.family.p95)} ms | p95 ≤ ${BARS.companyMs} ms | ${mark(figures.family.p95 <= BARS.companyMs)} |`,
    `| latest price of one symbol (\`api.equity_latest_price\`) | p50 ${ms(figures.latestPrice.p50)} ms, p95 ${ms(figures.latestPrice.p95)} ms | p95 ≤ ${BARS.latestMs} ms | ${mark(figures.latestPrice.p95 <= BARS.latestMs)} |`,
    `| one symbol's one-year prices (${fmt(figures.priceYear.rows)} rows) | p50 ${ms(figures.priceYear.p50)} ms, p95 ${ms(figures.priceYear.p95)} ms | p95 ≤ ${BARS.seriesMs} ms | ${mark(figures.priceYear.p95 <= BARS.seriesMs)} |`,
  ];
  console.log(lines.join('\n'));
  if (!process.env.BENCH_NO_DOC) section(SQL_HISTORY ? 'scale-reads' : 'scale', lines);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
