// Security search benchmark (`make bench`): 100,000 synthetic securities
// (equities, ETFs, funds with English and French names) generated into a
// fresh migrated database `sra_bench_search` (BENCH_DATABASE_URL's server,
// DATABASE_URL's, or the local cluster), then 1,000 calls of
// api.search_securities(q, 20) one after another on one connection, mixing
// exact tickers, misspelt names and name words. Reports p50/p95/p99 per kind
// of query (bar: p95 ≤ 10 ms overall) and checks that no call scanned
// core.security_search sequentially. Figures go to stdout and
// docs/BENCHMARKS.md (its search section).
import os from 'node:os';
import pg from 'pg';
import { runMigrations, applyDefinitions } from '../loader/migrate.ts';
import { makePool } from '../loader/lib/db.ts';
import { setLogLevel } from '../loader/lib/log.ts';
import { admin, withDb, pct, writeBenchSection } from './lib.ts';

const SECURITIES = Number(process.env.BENCH_SEARCH_SECURITIES ?? 100_000);
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 1000);
const DB = 'sra_bench_search';

const ms = (n: number) => `${n.toFixed(2)} ms`;

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
// tickers: A … ZZZZ in order (1 to 4 letters); names: a made-up word of
// three or four syllables (one per security), a common word of companies and
// funds, a suffix
await c.query(
  `
  with words as (
      select array[
          'Global', 'Capital', 'Energy', 'Health', 'Micro', 'Systems', 'Pacific', 'Royal', 'Bank', 'Mining',
          'Gold', 'Silver', 'Software', 'Networks', 'Pharma', 'Genomics', 'Foods', 'Motors', 'Industries', 'Northern',
          'Financial', 'Resources', 'Technologies', 'Solutions', 'Partners', 'Digital', 'Solar', 'Water', 'Steel',
          'Airlines', 'Retail', 'Media', 'Logistics', 'Realty', 'Insurance', 'Semiconductor', 'Therapeutics', 'Labs',
          'Brands', 'Entertainment', 'Atlantic', 'Maple', 'Summit', 'Harbor', 'Frontier', 'Pioneer', 'Quantum',
          'Vertex', 'Apex', 'Granite', 'équilibré', 'revenu', 'mondial', 'obligations', 'canadien', 'actions',
          'croissance', 'dividendes', 'Balanced', 'Income', 'Equity', 'Bond', 'Growth', 'Dividend', 'Index'
      ] as w,
      array[
          'ka', 'lo', 'mer', 'ti', 'van', 'sor', 'el', 'ba', 'dri', 'nu', 'pel', 'ra', 'zon', 'qui', 'fa', 'gen',
          'hol', 'ix', 'ja', 'ver', 'cor', 'sta', 'lum', 'ne', 'tro', 'wen', 'ox', 'dal', 'bri', 'mo'
      ] as y
  ),
  l as (select chr(65 + k) as c from generate_series(0, 25) as k),
  t as (
      select c as ticker from l
      union all select a.c || b.c from l as a, l as b
      union all select a.c || b.c || d.c from l as a, l as b, l as d
      union all select a.c || b.c || d.c || e.c from l as a, l as b, l as d, l as e
  ),
  g as (
      select row_number() over (order by length(ticker), ticker)::int as i, ticker
      from t
      order by length(ticker), ticker
      limit $1::int
  )
  insert into core.security_search (kind, key, ticker, name, exchange, category)
  select
      case when i % 10 = 0 then 'etf' when i % 10 in (1, 2) then 'fund' else 'equity' end,
      case when i % 10 in (1, 2) then 'F' || i else g.ticker end,
      case when i % 10 in (1, 2) then null else g.ticker end,
      case when i % 10 in (1, 2) then 'Fonds ' else '' end
          || initcap(y[1 + i % 30] || y[1 + (i / 30) % 30] || y[1 + (i / 900) % 30]
              || case when i >= 27000 then y[1 + (i / 27000) % 30] else '' end) || ' '
          || w[1 + (i::bigint * 31337) % cardinality(w)] || ' '
          || (array['Inc.', 'Corporation', 'Group', 'Holdings', 'Trust', 'série F', 'Series A', 'Ltd.'])[1 + i % 8],
      case when i % 10 in (1, 2) then null else (array['NYSE', 'NASDAQ', 'TSX', 'AMEX'])[1 + i % 4] end,
      w[1 + (i * 31) % cardinality(w)] || ' ' || w[1 + (i * 131) % cardinality(w)]
  from g, words
  `,
  [SECURITIES],
);
await c.query('select agg.refresh_security_search_words()');
await c.query('vacuum analyze core.security_search, core.security_search_word, core.security_search_word_variant');
const loadMs = performance.now() - t0;
const count = Number((await c.query('select count(*) from core.security_search')).rows[0].count);

// the queries: exact tickers, misspelt names (two letters of a word swapped),
// and words of names
const sample = (
  await c.query<{ key: string; ticker: string | null; name: string }>(
    `select key, ticker, name from core.security_search order by hashtext(key) limit $1`,
    [QUERIES],
  )
).rows;
const typo = (s: string) => {
  const w = s.split(' ').find((x) => x.length >= 6) ?? s;
  const i = Math.floor(w.length / 2);
  return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
};
const queries: { kind: string; q: string; key: string }[] = sample.map((r, i) => {
  if (i % 3 === 0 && r.ticker) return { kind: 'exact ticker', q: r.ticker, key: r.key };
  if (i % 3 === 1) return { kind: 'misspelt name word', q: typo(r.name), key: r.key };
  return { kind: 'name words', q: r.name.split(' ').slice(0, 2).join(' '), key: r.key };
});

// warm up, then measure
for (const { q } of queries.slice(0, 50)) await c.query('select * from api.search_securities($1, 20)', [q]);
// statistics reach pg_stat_user_tables within a second of a statement
await new Promise((r) => setTimeout(r, 1500));
await c.query('select pg_stat_clear_snapshot()');
const before = (await c.query(`select seq_scan, idx_scan from pg_stat_user_tables where relid = 'core.security_search'::regclass`)).rows[0];
const times = new Map<string, number[]>();
let rows = 0;
const found = new Map<string, number>();
const slow: string[] = [];
const load0 = os.loadavg()[0]!;
for (const { kind, q, key } of queries) {
  const s = performance.now();
  const r = await c.query('select * from api.search_securities($1, 20)', [q]);
  const d = performance.now() - s;
  rows += r.rowCount ?? 0;
  if (r.rows.some((x: { key: string }) => x.key === key)) found.set(kind, (found.get(kind) ?? 0) + 1);
  if (process.env.BENCH_SEARCH_SLOW && d > Number(process.env.BENCH_SEARCH_SLOW)) slow.push(`${d.toFixed(1)} ms ${kind}: ${q}`);
  if (!times.has(kind)) times.set(kind, []);
  times.get(kind)!.push(d);
  if (!times.has('all')) times.set('all', []);
  times.get('all')!.push(d);
}
const load = Math.max(load0, os.loadavg()[0]!);
await new Promise((r) => setTimeout(r, 1500));
await c.query('select pg_stat_clear_snapshot()');
const after = (await c.query(`select seq_scan, idx_scan from pg_stat_user_tables where relid = 'core.security_search'::regclass`)).rows[0];
const seqScans = Number(after.seq_scan) - Number(before.seq_scan);
const idxScans = Number(after.idx_scan) - Number(before.idx_scan);
await c.end();

const all = times.get('all')!.sort((a, b) => a - b);
const p95 = pct(all, 95);
const lines: [string, string, string, string][] = [
  [`generate ${count.toLocaleString('en-US')} securities, vacuum analyze`, `${(loadMs / 1000).toFixed(1)} s`, '', ''],
  ...[...times.entries()]
    .filter(([k]) => k !== 'all')
    .map(([k, t]): [string, string, string, string] => {
      const s = t.sort((a, b) => a - b);
      return [
        `${k} (${s.length} queries, ${found.get(k) ?? 0} find their security)`,
        `p50 ${ms(pct(s, 50))}, p95 ${ms(pct(s, 95))}, p99 ${ms(pct(s, 99))}`,
        '',
        '',
      ];
    }),
  [
    `all ${all.length.toLocaleString('en-US')} queries (${(rows / all.length).toFixed(1)} rows each on average)`,
    `p50 ${ms(pct(all, 50))}, p95 ${ms(p95)}, p99 ${ms(pct(all, 99))}, max ${ms(all[all.length - 1]!)}`,
    'p95 ≤ 10 ms',
    p95 <= 10 ? 'meets the bar' : '**below the bar**',
  ],
  [
    `scans of core.security_search during the queries`,
    `${seqScans} sequential, ${idxScans} through an index`,
    '0 sequential',
    seqScans === 0 ? 'meets the bar' : '**below the bar**',
  ],
];
for (const l of slow) console.log(l);
for (const [m, f, b, v] of lines) console.log(`${m.padEnd(58)} ${f}${b ? `  (bar ${b}: ${v.replace(/\*/g, '')})` : ''}`);

const start = '<!-- search:start -->';
const end = '<!-- search:end -->';
const body = [
  start,
  `## Security search: ${count.toLocaleString('en-US')} securities, ${all.length.toLocaleString('en-US')} queries`,
  '',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL on the same machine, load average ${load.toFixed(1)} during the run. ` +
    'Synthetic equities, ETFs and funds (tickers of 1 to 4 letters, English and French names) in core.security_search, vacuumed and analyzed; ' +
    '`select * from api.search_securities($1, 20)` one call after another on one connection, times measured at the client. ' +
    '`make bench` (bench/search.bench.ts) rewrites this section.',
  '',
  '| measure | figure | bar | |',
  '|---|---|---|---|',
  ...lines.map(([m, f, b, v]) => `| ${m} | ${f} | ${b} | ${v} |`),
  end,
].join('\n');
writeBenchSection(start, end, body);
process.exit(0);
