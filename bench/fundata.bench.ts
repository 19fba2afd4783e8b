// Fundata daily-NAVPS benchmark (`make bench`): one run over a generated
// 1,000,000-row file reports
//   floor      psql \copy of the file into a 13-text-column table
//   hand       psql \copy into a temp text table + one insert … select
//              casting into a typed table with a primary key (the same run)
//   pgloader   the same file into a typed table ("not installed" without it)
//   landing    `sra load fundata-csv` into raw (rows/s)
//   end to end landing + `sra transform` into core.fundata_quotes (rows/s)
//   storage    raw + core bytes per NAVPS row
//   skip       `sra load fundata-csv` of the unchanged file (s)
//   reload     the same file name again with 1 % of its rows changed, landed
//              and transformed (s, and the bytes it added)
//   memory     the loader's peak RSS (ops.task_run.peak_memory_mb)
// against BENCH_DATABASE_URL, DATABASE_URL's server, or the local cluster, in
// a fresh database `sra_bench` (BENCH_DB names another). Figures go to stdout
// and docs/BENCHMARKS.md.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { admin, withDb, writeBenchSection } from './lib.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OUT = path.join(ROOT, 'bench', 'out');
const FILE = path.join(OUT, 'quotes', 'FundDailyNAVPSSeed.csv');
const RELOAD = path.join(OUT, 'reload', 'quotes', 'FundDailyNAVPSSeed.csv');
const BARS = { landing: 150_000, handTimes: 2, pgloaderTimes: 3, bytesPerRow: 600, skipS: 1, reloadShare: 0.3, rssMb: 200 };

const DB = process.env.BENCH_DB ?? 'sra_bench';
const URL_BENCH = withDb(DB);

const COLUMNS =
  'RecordId,InstrumentKey,CurrentYield,CurrentYieldPercentChange,Date,NAVPS,NAVPSPennyChange,NAVPSPercentChange,PreviousDate,PreviousNAVPS,Split,RecordState,ChangeDate'.split(
    ',',
  );
const TYPED_COLUMNS =
  'record_id,identifier,current_yield,current_yield_percent_change,date,navps,navps_penny_change,navps_percent_change,previous_date,previous_navps,split,record_state,change_date'.split(
    ',',
  );
/** The typed table the hand-written load and pgloader fill: Fundata's numbers as numeric(12,2), dates as date. */
const TYPED = (name: string, key: boolean) =>
  `create table public.${name} (record_id text, identifier text${key ? ' not null' : ''}, current_yield numeric(12,2),
   current_yield_percent_change numeric(12,2), date date${key ? ' not null' : ''}, navps numeric(12,2), navps_penny_change numeric(12,2),
   navps_percent_change numeric(12,2), previous_date date, previous_navps numeric(12,2), split text, record_state text, change_date date${
     key ? ', primary key (identifier, date)' : ''
   })`;

function run(cmd: string, args: string[], env: Record<string, string> = {}, input?: string): { ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20, input });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { ms, out: `${r.stdout}${r.stderr}` };
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}

async function ensureFile(): Promise<void> {
  if (fs.existsSync(FILE) && (await countLines(FILE)) >= ROWS) return;
  console.log(`generating ${ROWS.toLocaleString()} daily NAVPS rows into ${path.relative(ROOT, FILE)} …`);
  run('node', ['--import', 'tsx', 'scripts/generate-fundata.ts', '--quotes-rows', String(ROWS), '--out', OUT]);
}

/** The floor's input: the same rows without the few the loader rejects (COPY would stop at them). */
async function floorInput(): Promise<string> {
  const clean = path.join(OUT, 'floor.csv');
  if (fs.existsSync(clean) && fs.statSync(clean).mtimeMs > fs.statSync(FILE).mtimeMs) return clean;
  await pipeline(
    fs.createReadStream(FILE),
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
    async function* (rows: AsyncIterable<string[]>) {
      const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      for await (const r of rows) if (r.length === 13) yield r.map(cell).join(',') + '\n';
    },
    fs.createWriteStream(clean),
  );
  return clean;
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: URL_BENCH });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

async function freshDatabase(): Promise<void> {
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  run('bin/sra', ['migrate'], { DATABASE_URL: URL_BENCH, LOG_LEVEL: 'warn' });
}

/**
 * The hand-written load: \copy into a temp table of text columns, then one
 * insert … select that types each value (a value that is not a plain number
 * or a real date becomes NULL) into a table with a primary key, one statement
 * in one psql session.
 */
function handWritten(clean: string): { ms: number } {
  const num = (c: string) => `case when "${c}" ~ '^-?[0-9]+(\\.[0-9]*)?$' then round("${c}"::numeric, 2) end`;
  const day = (c: string) => `pg_temp.day("${c}")`;
  const script = [
    `create function pg_temp.day(t text) returns date language plpgsql immutable as $f$ begin return t::date; exception when others then return null; end $f$;`,
    `create temp table hand_text (${COLUMNS.map((c) => `"${c}" text`).join(', ')});`,
    `\\copy hand_text from '${clean}' with (format csv)`,
    `${TYPED('bench_hand', true)};`,
    `insert into public.bench_hand select "RecordId", "InstrumentKey", ${num('CurrentYield')}, ${num('CurrentYieldPercentChange')}, ${day('Date')},
       ${num('NAVPS')}, ${num('NAVPSPennyChange')}, ${num('NAVPSPercentChange')}, ${day('PreviousDate')}, ${num('PreviousNAVPS')},
       "Split", "RecordState", ${day('ChangeDate')}
     from hand_text where "InstrumentKey" <> '' and ${day('Date')} is not null on conflict do nothing;`,
  ].join('\n');
  return run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', URL_BENCH], {}, script);
}

/** pgloader (the Debian package) loading the file into the typed table (no key), or undefined when it is not installed. */
function pgloader(): { ms: number } | undefined {
  if (spawnSync('pgloader', ['--version']).status !== 0) return undefined;
  run('psql', ['-q', URL_BENCH, '-c', TYPED('bench_pgloader', false)]);
  const u = new URL(URL_BENCH);
  const load = path.join(OUT, 'bench.pgloader');
  fs.writeFileSync(
    load,
    `LOAD CSV FROM '${FILE}' (${TYPED_COLUMNS.join(', ')})
  INTO postgresql://${u.username || 'postgres'}@${u.hostname}:${u.port || 5432}${u.pathname}
  TARGET TABLE public.bench_pgloader (${TYPED_COLUMNS.join(', ')})
  WITH skip header = 1, fields optionally enclosed by '"', fields escaped by double-quote, fields terminated by ','
  SET work_mem to '64MB';
`,
  );
  const r = run('pgloader', ['--quiet', '--root-dir', path.join(OUT, 'pgloader'), load]);
  return { ms: r.ms };
}

/** The file again under its name with 1 % of its rows changed (every 100th row's NAVPS moves by a cent). */
async function reloadInput(): Promise<string> {
  if (fs.existsSync(RELOAD) && fs.statSync(RELOAD).mtimeMs > fs.statSync(FILE).mtimeMs) return RELOAD;
  fs.mkdirSync(path.dirname(RELOAD), { recursive: true });
  let n = 0;
  await pipeline(
    fs.createReadStream(FILE),
    parse({ bom: true, relax_column_count: true }),
    async function* (rows: AsyncIterable<string[]>) {
      const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      for await (const r of rows) {
        if (n++ > 0 && n % 100 === 0 && r.length === 13 && /^[0-9]+\.[0-9]+$/.test(r[5]!)) r[5] = (Number(r[5]) + 0.01).toFixed(8);
        yield r.map(cell).join(',') + '\r\n';
      }
    },
    fs.createWriteStream(RELOAD),
  );
  return RELOAD;
}

function section(lines: string[]): void {
  const start = '<!-- fundata:start -->';
  const end = '<!-- fundata:end -->';
  const body = `${start}\n${lines.join('\n')}\n${end}`;
  writeBenchSection(start, end, body);
}

/**
 * Bytes per row of what a load keeps: raw (records, references) and core
 * (history, current, indexes included), every partition of a partitioned
 * table counted (pg_total_relation_size of a partitioned parent is 0).
 */
async function storedBytes(): Promise<number> {
  const [r] = await query<{ bytes: string }>(
    `with t (rel) as (
         select c::regclass
         from unnest(array['raw.stored_record', 'raw.record_ref', 'core.fundata_quotes', 'core.fundata_quotes_current', 'core.fundata_quotes_current_date']) as c
     )
     select sum(pg_total_relation_size(r)) as bytes
     from (
         select p.relid as r from t cross join lateral pg_partition_tree(t.rel) as p where p.isleaf
         union
         select t.rel from t join pg_class as k on k.oid = t.rel where k.relkind = 'r'
     ) as leaf`,
  );
  return Number(r!.bytes);
}

async function main(): Promise<void> {
  await ensureFile();
  const size = fs.statSync(FILE).size;
  const env = { DATABASE_URL: URL_BENCH, SRA_PROGRESS: 'never' };

  // floor: psql \copy into 13 text columns
  await freshDatabase();
  const clean = await floorInput();
  run('psql', ['-q', URL_BENCH, '-c', `create table public.bench_floor (${COLUMNS.map((c) => `"${c}" text`).join(', ')})`]);
  const floor = run('psql', ['-q', URL_BENCH, '-c', `\\copy public.bench_floor from '${clean}' with (format csv)`]);
  const [{ n: floorRows }] = await query<{ n: string }>('select count(*) as n from public.bench_floor');
  await query('drop table public.bench_floor');

  // the same run's comparisons: hand-written SQL, pgloader
  const hand = handWritten(clean);
  const [{ n: handRows }] = await query<{ n: string }>('select count(*) as n from public.bench_hand');
  await query('drop table public.bench_hand');
  const pgl = process.env.BENCH_PGLOADER === '0' ? undefined : pgloader();
  const [pglRows] = pgl ? await query<{ n: string }>('select count(*) as n from public.bench_pgloader') : [];
  if (pgl) await query('drop table public.bench_pgloader');
  await query('checkpoint');

  // landing, then the transforms: end to end
  const land = run('bin/sra', ['load', 'fundata-csv', FILE], env);
  const transform = run('bin/sra', ['transform'], env);
  const [b] = await query<{ rows: string; ms: string }>(
    `select row_count as rows, extract(epoch from landed_at - started_at) * 1000 as ms from raw.batch where dataset = 'fundata.quotes' order by batch_id desc limit 1`,
  );
  const [t] = await query<{ rows_out: string; ms: string }>(
    `select rows_out, extract(epoch from finished_at - started_at) * 1000 as ms from ops.transform_run where transform_name = 'fundata_quotes' order by transform_run_id desc limit 1`,
  );
  const [core] = await query<{ n: string }>('select count(*) as n from core.fundata_quotes');
  const [rss] = await query<{ mb: string }>(
    `select peak_memory_mb as mb from ops.task_run where task_type = 'load' order by task_run_id desc limit 1`,
  );
  const rows = Number(b!.rows);
  const bytesFirst = await storedBytes();

  // the unchanged file again: skipped
  const skip = run('bin/sra', ['load', 'fundata-csv', FILE], env);
  if (!/skipped/.test(skip.out)) throw new Error(`the unchanged file was not skipped:\n${skip.out}`);

  // the file again under its name, 1 % of its rows changed: landed and transformed
  const changed = await reloadInput();
  const reland = run('bin/sra', ['load', 'fundata-csv', '--dataset', 'fundata.quotes', changed], env);
  const retransform = run('bin/sra', ['transform'], env);
  const [rb] = await query<{ referenced: string; stored: string; versions: string }>(
    `select b.referenced_count as referenced, (select count(*) from raw.stored_record as r where r.batch_id = b.batch_id) as stored,
       (select count(*) from core.fundata_quotes as q where q.batch_id = b.batch_id) as versions
     from raw.batch as b where b.dataset = 'fundata.quotes' order by b.batch_id desc limit 1`,
  );
  const bytesAdded = (await storedBytes()) - bytesFirst;

  const landRate = rows / (land.ms / 1000);
  const e2eMs = land.ms + transform.ms;
  const e2eRate = rows / (e2eMs / 1000);
  const reloadMs = reland.ms + retransform.ms;
  const pgSettings = await query<{ name: string; setting: string }>(
    `select name, current_setting(name) as setting from pg_settings where name in ('shared_buffers','wal_buffers','max_wal_size','synchronous_commit','fsync') order by name`,
  );
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mark = (ok: boolean) => (ok ? 'meets the bar' : '**misses the bar**');
  const lines = [
    `## Fundata daily NAVPS: ${fmt(rows)} rows (${(size / 1e6).toFixed(0)} MB CSV)`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL on the same machine (${pgSettings.map((s) => `${s.name}=${s.setting}`).join(', ')}), load average ${os.loadavg()[0]!.toFixed(1)} at the end of the run. Wall-clock times of the commands as an operator runs them (process start included); the comparisons ran in the same run, on the same file.`,
    '',
    '| measure | figure | bar | |',
    '|---|---|---|---|',
    `| floor: \`psql \\copy\` into a 13-text-column table | ${fmt(Number(floorRows) / (floor.ms / 1000))} rows/s (${secs(floor.ms)}) | | |`,
    `| hand-written: \`\\copy\` into a temp text table + one \`insert … select\` typing into a table with a primary key | ${secs(hand.ms)} (${fmt(Number(handRows))} rows) | | |`,
    `| pgloader into a typed table | ${pgl ? `${secs(pgl.ms)} (${fmt(Number(pglRows!.n))} rows)` : process.env.BENCH_PGLOADER === '0' ? 'not run (BENCH_PGLOADER=0)' : 'not installed'} | | |`,
    `| landing into \`raw\` (\`sra load fundata-csv\`) | ${fmt(landRate)} rows/s (${secs(land.ms)}; in-transaction ${fmt(rows / (Number(b!.ms) / 1000))} rows/s) | ≥ ${fmt(BARS.landing)} rows/s | ${mark(landRate >= BARS.landing)} |`,
    `| end to end into \`core.fundata_quotes\` (landing + \`sra transform\`) | ${secs(e2eMs)}, ${fmt(e2eRate)} rows/s (transform ${secs(Number(t!.ms))} in the database, ${fmt(Number(core!.n))} rows); ${(e2eMs / hand.ms).toFixed(1)} × the hand-written load${pgl ? `, pgloader ${(pgl.ms / e2eMs).toFixed(1)} × this` : ''} | ≤ ${BARS.handTimes} × hand-written${pgl ? `, pgloader ≥ ${BARS.pgloaderTimes} × this` : ''} | ${mark(e2eMs <= BARS.handTimes * hand.ms && (!pgl || pgl.ms >= BARS.pgloaderTimes * e2eMs))} |`,
    `| storage: raw + core (history, current, indexes) | ${fmt(bytesFirst / rows)} bytes per row | ≤ ${BARS.bytesPerRow} | ${mark(bytesFirst / rows <= BARS.bytesPerRow)} |`,
    `| the unchanged file again (skipped) | ${(skip.ms / 1000).toFixed(2)} s | < ${BARS.skipS} s | ${mark(skip.ms / 1000 < BARS.skipS)} |`,
    `| the file again with 1 % of its rows changed (landing + transform) | ${secs(reloadMs)} (${((100 * reloadMs) / e2eMs).toFixed(0)} % of the first load); ${fmt(Number(rb!.stored))} rows stored, ${fmt(Number(rb!.referenced))} kept as references, ${fmt(Number(rb!.versions))} new versions, ${(bytesAdded / 1e6).toFixed(1)} MB added | ≤ ${BARS.reloadShare * 100} % of the first load | ${mark(reloadMs <= BARS.reloadShare * e2eMs)} |`,
    `| loader peak RSS | ${Number(rss!.mb).toFixed(0)} MB | ≤ ${BARS.rssMb} MB | ${mark(Number(rss!.mb) <= BARS.rssMb)} |`,
  ];
  console.log(lines.join('\n'));
  if (!process.env.BENCH_NO_DOC) section(lines);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
