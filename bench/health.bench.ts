// Worker health benchmark (`make bench`): `sra worker` started on a fresh migrated
// database `sra_bench_health` (BENCH_DATABASE_URL's server, DATABASE_URL's,
// or the local cluster), reached through a local TCP proxy so the database
// can be made to go silent. Reports
//   GET /health latency   2,000 sequential requests on one keep-alive
//                         connection, as a load balancer polls (bar: p99 < 10 ms)
//   detection             time from the database going down (connections
//                         closed) or silent (a dead link) to the first 503
//                         (bar: 1 s), and the latency of the 503 answers
//   recovery              time from the database answering again to 200
// Figures go to stdout and docs/BENCHMARKS.md (its health section).
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { runMigrations, applyDefinitions } from '../loader/migrate.ts';
import { makePool } from '../loader/lib/db.ts';
import { setLogLevel } from '../loader/lib/log.ts';
import { startProxy } from '../tests/servers/tcp-server.ts';
import { admin, withDb, pct, writeBenchSection } from './lib.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const REQUESTS = Number(process.env.BENCH_HEALTH_REQUESTS ?? 2000);
const DB = 'sra_bench_health';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function health(port: number, p = '/health'): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
  });
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

setLogLevel('warn');
await admin(`drop database if exists ${DB} with (force)`);
await admin(`create database ${DB}`);
const url = withDb(DB);
await runMigrations(url);
const pool = makePool(url, 2);
await applyDefinitions(pool);
await pool.end();

const target = new URL(url);
const proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
const via = new URL(url);
via.port = String(proxy.port);
// the worker in a process of its own, as a host runs it (`sra worker`)
const child = spawn(path.join(ROOT, 'bin', 'sra'), ['worker', '--port', '0'], {
  env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: via.toString(), LOG_LEVEL: 'info' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
const worker = { port: 0 };
for (let i = 0; i < 600 && !/pg_cron|the worker runs the in-database jobs/.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
worker.port = Number(/listening on :(\d+)/.exec(stderr)?.[1] ?? 0);
if (!worker.port) throw new Error(`the worker did not start:\n${stderr}`);
console.log(`health bench: ${REQUESTS} sequential GET /health against a worker on ${DB} …`);

// warm-up, then the measured requests
for (let i = 0; i < 100; i++) await health(worker.port);
// interleaved with the floor: the same server answering GET / (no database,
// no probe state), so both meet the same machine
const lat: number[] = [];
const floor: number[] = [];
let non200 = 0;
for (let i = 0; i < REQUESTS; i++) {
  const r = await health(worker.port);
  lat.push(r.ms);
  if (r.status !== 200) non200++;
  floor.push((await health(worker.port, '/')).ms);
}
lat.sort((a, b) => a - b);
floor.sort((a, b) => a - b);
const [p50, p95, p99] = [pct(lat, 50), pct(lat, 95), pct(lat, 99)];

/** Time from outage() to the first 503, the latency of 200 answers during it, and the time from thaw() to 200 again. */
async function outage(name: string, start: () => void) {
  start();
  const f0 = performance.now();
  let r = await health(worker.port);
  while (r.status === 200 && performance.now() - f0 < 10_000) {
    await new Promise((res) => setTimeout(res, 10));
    r = await health(worker.port);
  }
  const detectMs = performance.now() - f0;
  const down: number[] = [];
  for (let i = 0; i < 200; i++) down.push((await health(worker.port)).ms);
  down.sort((a, b) => a - b);
  proxy.thaw();
  const t0 = performance.now();
  r = await health(worker.port);
  while (r.status !== 200 && performance.now() - t0 < 20_000) {
    await new Promise((res) => setTimeout(res, 10));
    r = await health(worker.port);
  }
  return { name, detectMs, down, recoverMs: performance.now() - t0 };
}
const outages = [
  await outage('goes down (connections closed, new ones refused)', () => proxy.down()),
  await outage('goes silent (a dead link)', () => proxy.freeze()),
];
const load = os.loadavg()[0]!;

child.kill('SIGTERM');
const code = await exited;
if (code !== 0) throw new Error(`the worker exited with ${code} on SIGTERM`);
agent.destroy();
await proxy.close();
await admin(`drop database if exists ${DB} with (force)`);

const lines: [string, string, string, string][] = [
  [
    `floor: GET / on the same server (${REQUESTS.toLocaleString('en-US')} requests, interleaved)`,
    `p50 ${ms(pct(floor, 50))}, p95 ${ms(pct(floor, 95))}, p99 ${ms(pct(floor, 99))}`,
    '',
    '',
  ],
  [
    `GET /health, database up (${REQUESTS.toLocaleString('en-US')} requests)`,
    `p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)}, max ${ms(lat.at(-1)!)}${non200 ? `; ${non200} not 200` : ''}`,
    'p99 < 10 ms',
    p99 < 10 && non200 === 0 ? 'meets the bar' : '**below the bar**',
  ],
  ...outages.flatMap((o): [string, string, string, string][] => [
    [
      `database ${o.name} → first 503`,
      `${Math.round(o.detectMs)} ms`,
      '≤ 1,000 ms',
      o.detectMs <= 1000 ? 'meets the bar' : '**below the bar**',
    ],
    [
      '  GET /health meanwhile (200 requests)',
      `p50 ${ms(pct(o.down, 50))}, p99 ${ms(pct(o.down, 99))}`,
      'p99 < 10 ms',
      pct(o.down, 99) < 10 ? 'meets the bar' : '**below the bar**',
    ],
    ['  database answers again → first 200', `${Math.round(o.recoverMs)} ms`, '', ''],
  ]),
];
for (const [m, f, b, v] of lines) console.log(`${m.padEnd(58)} ${f}${b ? `  (bar ${b}: ${v.replace(/\*/g, '')})` : ''}`);

const start = '<!-- health:start -->';
const end = '<!-- health:end -->';
const body = [
  start,
  '## Worker: GET /health',
  '',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL on the same machine, load average ${load.toFixed(1)} during the run. ` +
    'A worker (`sra worker`, a process of its own) on a freshly migrated database reached through a local TCP proxy; requests one after another on one keep-alive connection, as a load balancer polls. ' +
    '`/health` answers from the probe the worker runs every 250 ms (`select 1`, 500 ms timeout: SRA_HEALTH_INTERVAL_MS, SRA_HEALTH_TIMEOUT_MS), so no request waits on the database. ' +
    '"Down": the proxy closes every connection and refuses new ones; "silent": it stops forwarding without closing anything, as a dead link does. `make bench` (bench/health.bench.ts) rewrites this section.',
  '',
  '| measure | figure | bar | |',
  '|---|---|---|---|',
  ...lines.map(([m, f, b, v]) => `| ${m} | ${f} | ${b} | ${v} |`),
  end,
].join('\n');
writeBenchSection(start, end, body);
process.exit(0);
