// Fundata daily-NAVPS benchmark (`make bench`): one run over a generated
// 1,000,000-row file reports
//   floor      psql \copy of the file into a 13-text-column table
//   landing    `sra load fundata-csv` into raw (rows/s)
//   end to end landing + `sra transform` into core.fundata_quotes (rows/s)
//   reload     `sra load fundata-csv` of the unchanged file (s)
//   memory     the loader's peak RSS (ops.task_run.peak_memory_mb)
// against BENCH_DATABASE_URL, DATABASE_URL's server, or the local cluster, in
// a fresh database `sra_bench`. Figures go to stdout and docs/BENCHMARKS.md.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { admin, withDb } from './lib.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OUT = path.join(ROOT, 'bench', 'out');
const FILE = path.join(OUT, 'quotes', 'FundDailyNAVPSSeed.csv');
const BARS = { landing: 120_000, endToEnd: 80_000, reloadS: 1, rssMb: 200 };

const URL_BENCH = withDb('sra_bench');

function run(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
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
  await admin('drop database if exists sra_bench with (force)');
  await admin('create database sra_bench');
  run('bin/sra', ['migrate'], { DATABASE_URL: URL_BENCH, LOG_LEVEL: 'warn' });
}

function section(lines: string[]): void {
  const doc = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  const start = '<!-- fundata:start -->';
  const end = '<!-- fundata:end -->';
  const body = `${start}\n${lines.join('\n')}\n${end}`;
  let text = fs.existsSync(doc)
    ? fs.readFileSync(doc, 'utf8')
    : '# Benchmarks\n\nFigures written by `make bench` on the machine named in each section.\n';
  text = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), body) : `${text.trimEnd()}\n\n${body}\n`;
  fs.writeFileSync(doc, text);
}

async function main(): Promise<void> {
  await ensureFile();
  const size = fs.statSync(FILE).size;
  const env = { DATABASE_URL: URL_BENCH, SRA_PROGRESS: 'never' };

  // floor: psql \copy into 13 text columns
  await freshDatabase();
  const clean = await floorInput();
  const cols =
    'RecordId,InstrumentKey,CurrentYield,CurrentYieldPercentChange,Date,NAVPS,NAVPSPennyChange,NAVPSPercentChange,PreviousDate,PreviousNAVPS,Split,RecordState,ChangeDate'
      .split(',')
      .map((c) => `"${c}" text`)
      .join(', ');
  run('psql', ['-q', URL_BENCH, '-c', `create table public.bench_floor (${cols})`]);
  const floor = run('psql', ['-q', URL_BENCH, '-c', `\\copy public.bench_floor from '${clean}' with (format csv)`]);
  const [{ n: floorRows }] = await query<{ n: string }>('select count(*) as n from public.bench_floor');
  await query('drop table public.bench_floor');

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

  // reload of the unchanged file
  const reload = run('bin/sra', ['load', 'fundata-csv', FILE], env);
  if (!/skipped/.test(reload.out)) throw new Error(`the unchanged file was not skipped:\n${reload.out}`);

  const rows = Number(b!.rows);
  const landRate = rows / (land.ms / 1000);
  const e2eMs = land.ms + transform.ms;
  const e2eRate = rows / (e2eMs / 1000);
  const pgSettings = await query<{ name: string; setting: string }>(
    `select name, current_setting(name) as setting from pg_settings where name in ('shared_buffers','wal_buffers','max_wal_size','synchronous_commit','fsync') order by name`,
  );
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const mark = (ok: boolean) => (ok ? 'meets the bar' : '**below the bar**');
  const lines = [
    `## Fundata daily NAVPS: ${fmt(rows)} rows (${(size / 1e6).toFixed(0)} MB CSV)`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL on the same machine (${pgSettings.map((s) => `${s.name}=${s.setting}`).join(', ')}). Wall-clock times of the CLI commands as an operator runs them (process start included).`,
    '',
    '| measure | figure | bar | |',
    '|---|---|---|---|',
    `| floor: \`psql \\copy\` into a 13-text-column table | ${fmt(Number(floorRows) / (floor.ms / 1000))} rows/s (${(floor.ms / 1000).toFixed(1)} s) | | |`,
    `| landing into \`raw\` (\`sra load fundata-csv\`) | ${fmt(landRate)} rows/s (${(land.ms / 1000).toFixed(1)} s; in-transaction ${fmt(rows / (Number(b!.ms) / 1000))} rows/s) | ≥ ${fmt(BARS.landing)} rows/s | ${mark(landRate >= BARS.landing)} |`,
    `| end to end into \`core.fundata_quotes\` (landing + \`sra transform\`) | ${fmt(e2eRate)} rows/s (${(e2eMs / 1000).toFixed(1)} s; transform ${(Number(t!.ms) / 1000).toFixed(1)} s in the database, ${fmt(Number(core!.n))} rows) | ≥ ${fmt(BARS.endToEnd)} rows/s | ${mark(e2eRate >= BARS.endToEnd)} |`,
    `| reload of the unchanged file | ${(reload.ms / 1000).toFixed(2)} s | < ${BARS.reloadS} s | ${mark(reload.ms / 1000 < BARS.reloadS)} |`,
    `| loader peak RSS | ${Number(rss!.mb).toFixed(0)} MB | ≤ ${BARS.rssMb} MB | ${mark(Number(rss!.mb) <= BARS.rssMb)} |`,
  ];
  console.log(lines.join('\n'));
  if (!process.env.BENCH_NO_DOC) section(lines);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
