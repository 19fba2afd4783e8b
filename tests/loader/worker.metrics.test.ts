// GET /metrics (Prometheus) and `sra status`, over a database with a landed
// and transformed file, a file not yet transformed, a quality issue and FMP
// calls in the log; then FMP and Fundata API loads against the local vendor
// servers, made in this process, which is the worker's: its HTTP client
// counters and circuit breakers are the ones /metrics shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { startWorker, type Worker } from '../../loader/worker/worker.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { runTransforms } from '../../loader/transform.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';
import { loadFundataApi } from '../../loader/sources/fundata-api.ts';
import { breakerOf, httpStats } from '../../loader/lib/http-client.ts';
import { setLogLevel } from '../../loader/lib/log.ts';
import { QUOTES_HEADER, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';
import { fmpEnv, startFmpServer } from '../servers/fmp-server.ts';
import { fundataEnv, startFundataServer } from '../servers/fundata-server.ts';

setLogLevel('error');

/** The value of one sample of the exposition text: metric name and a subset of its labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function metrics(w: Worker): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${w.port}/metrics`, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  return res.text();
}

describe('sra worker: GET /metrics and sra status', () => {
  let db: TestDb;
  let w: Worker;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('metrics');
    writeCsv(tmp.dir, 'quotes/first.csv', [
      QUOTES_HEADER,
      '1,M1,,,2024-01-15,11.58,,,2024-01-12,11.57,,Active,2024-01-15',
      '2,M1,,,2024-01-16,not a number,,,2024-01-15,11.58,,Active,2024-01-16',
      '3,M2,,,2024-01-16,9.99,,,2024-01-15,9.98,,Active,2024-01-16',
    ]);
    await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' });
    await runTransforms(db.pool, { quiet: true });
    writeCsv(tmp.dir, 'quotes/second.csv', [QUOTES_HEADER, '4,M3,,,2024-01-17,5.00,,,2024-01-16,4.99,,Active,2024-01-17']);
    writeCsv(tmp.dir, 'quotes/third.csv', [QUOTES_HEADER, '5,M3,,,2024-01-18,5.01,,,2024-01-17,5.00,,Active,2024-01-18']);
    await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' });
    await db.pool.query(
      `insert into ops.fmp_api_call (dataset, endpoint, endpoint_template, api_version, called_at, http_status, outcome)
       select 'fmp.profile', '/stable/profile', '/stable/profile', 'stable', now() - x.ago, x.status, x.outcome
       from (values (interval '1 minute', 200, 'landed'), (interval '2 minutes', 200, 'unchanged'),
                    (interval '3 minutes', 429, 'retried'), (interval '4 minutes', null::int, 'failed'),
                    (interval '2 days', 429, 'retried')) as x (ago, status, outcome)`,
    );
    // the in-database jobs are left to pg_cron (absent here), so the transforms
    // job's five-minute schedule cannot consume the pending batch mid-test
    w = await startWorker({ url: db.url, env: parseEnv({ DATABASE_URL: db.url }), port: 0, host: '127.0.0.1', inDatabaseJobs: 'pg_cron' });
  });
  afterAll(async () => {
    await w?.stop(500);
    tmp?.cleanup();
    await db?.drop();
  });

  it('exposes loads, transforms, calls, backlog and quality as Prometheus gauges', async () => {
    const text = await metrics(w);
    expect(sample(text, 'sra_database_up')).toBe(1);
    expect(sample(text, 'sra_rows_landed', { source: 'fundata-csv' })).toBe(5);
    expect(sample(text, 'sra_load_runs', { source: 'fundata-csv', status: 'completed' })).toBe(2);
    const since = sample(text, 'sra_seconds_since_last_successful_load', { source: 'fundata-csv' });
    expect(since).toBeGreaterThanOrEqual(0);
    expect(since).toBeLessThan(120);
    expect(sample(text, 'sra_last_successful_load_timestamp_seconds', { source: 'fundata-csv' })).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(sample(text, 'sra_rows_transformed', { transform: 'fundata_quotes', source: 'fundata' })).toBe(3);
    expect(sample(text, 'sra_transform_runs', { transform: 'fundata_quotes' })).toBe(1);
    expect(sample(text, 'sra_transform_last_duration_seconds', { transform: 'fundata_quotes' })).toBeGreaterThanOrEqual(0);
    // the last 24 hours only: the 429 two days ago is not counted
    expect(sample(text, 'sra_http_calls_24h', { source: 'fmp', status: '200' })).toBe(2);
    expect(sample(text, 'sra_http_calls_24h', { source: 'fmp', status: '429' })).toBe(1);
    expect(sample(text, 'sra_http_calls_24h', { source: 'fmp', status: 'none' })).toBe(1);
    expect(sample(text, 'sra_http_rate_limited_24h', { source: 'fmp' })).toBe(1);
    expect(sample(text, 'sra_unconsumed_batches', { transform: 'fundata_quotes' })).toBe(2);
    expect(sample(text, 'sra_open_quality_issues', { transform: 'fundata_quotes' })).toBe(1);
    expect(sample(text, 'sra_failed_batches', { transform: 'fundata_quotes' })).toBe(0);
    // process metrics
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts failed batches (ops.failed_batch) apart from the unconsumed ones, and leaves resolved quality issues out', async () => {
    await db.pool.query(
      `insert into ops.transform_batch_failure (transform_name, batch_id, error, state)
       select 'fundata_quotes', b.batch_id, 'boom', 'failed' from raw.batch as b where b.file_name like '%second.csv'`,
    );
    await db.pool.query(`update ops.quality_issue set resolved_at = now()`);
    let text: string;
    try {
      text = await metrics(w);
    } finally {
      await db.pool.query(`update ops.quality_issue set resolved_at = null`);
    }
    expect(sample(text, 'sra_failed_batches', { transform: 'fundata_quotes' })).toBe(1);
    expect(sample(text, 'sra_failed_batches', { transform: 'fundata_data' })).toBe(0);
    // as ops.pending_batches: the failed batch waits for a re-queue, not for the next run
    expect(sample(text, 'sra_unconsumed_batches', { transform: 'fundata_quotes' })).toBe(1);
    expect(text).toMatch(/^# HELP sra_unconsumed_batches .*failed batches are not counted/m);
    expect(sample(text, 'sra_open_quality_issues', { transform: 'fundata_quotes' })).toBe(0);
  });

  it('sra status prints last runs, freshness, pending and failed batches and open quality issues', async () => {
    const r = await runCli(['status'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Last runs\n.*task +status/m);
    expect(r.stdout).toMatch(/^ +transform \S+ +completed /m);
    expect(r.stdout).toMatch(/^ +load fundata-csv 1 file\(s\) +completed /m);
    expect(r.stdout).toMatch(/^Freshness per dataset\n.*\n +fundata\.quotes +3 /m);
    expect(r.stdout).toMatch(/^Pending batches\n.*\n +fundata_quotes +1$/m);
    expect(r.stdout).toMatch(/^Failed batches\n.*\n +fundata_quotes +\d+ +fundata\.quotes +second\.csv +1 .* boom$/m);
    expect(r.stdout).toMatch(/^Open quality issues\n.*\n +fundata_quotes +\w+ +1 /m);
  });

  it('sra status --json prints the same sections as JSON', async () => {
    const r = await runCli(['status', '--json'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining(['last_runs', 'freshness', 'pending_batches', 'failed_batches', 'open_quality_issues', 'scheduler']),
    );
    expect(s.pending_batches.find((p: { transform_name: string }) => p.transform_name === 'fundata_quotes').pending).toBe(1);
    expect(s.failed_batches).toEqual([expect.objectContaining({ transform_name: 'fundata_quotes', error: 'boom', attempts: 1 })]);
    expect(s.open_quality_issues).toEqual([expect.objectContaining({ transform_name: 'fundata_quotes', issues: 1 })]);
  });

  it("shows the HTTP calls of this process per source and status, its 429s and each source's circuit breaker", async () => {
    const before = (source: string, status: string) => httpStats().find((x) => x.source === source)?.calls_by_status[status] ?? 0;
    const fmp200 = before('fmp', '200');
    const fmp429 = before('fmp', '429');
    const fundata503 = before('fundata', '503');

    // FMP: the first profile call is rate limited, its retry lands
    const fmp = await startFmpServer({
      synthesize: true,
      fault: (r) => (r.n === 1 ? { status: 429, body: '{"Error Message":"Limit Reach"}', headers: { 'retry-after': '0' } } : undefined),
    });
    try {
      const s = await loadFmp(db.pool, { env: fmpEnv(fmp, { FMP_MAX_RETRIES: '2' }), datasets: ['profile'], symbols: ['AAPL', 'MSFT'] });
      expect(s.status).toBe('completed');
    } finally {
      await fmp.close();
    }
    expect(fmp.count(429)).toBe(1);

    // Fundata: every endpoint answers 503; the breaker opens after two and refuses the third
    const fundata = await startFundataServer({ serverErrors: 1000 });
    try {
      const s = await loadFundataApi(db.pool, {
        endpoints: ['fund/getload', 'fund/getotherfees', 'fund/getexpense'],
        env: fundataEnv(fundata),
        retryLimit: 0,
        concurrency: 1,
        breaker: { failures: 2, coolDownMs: 60_000 },
      });
      expect(s.status).toBe('failed');
    } finally {
      await fundata.close();
    }

    try {
      const text = await metrics(w);
      expect(sample(text, 'sra_http_client_calls', { source: 'fmp', status: '200' })).toBe(fmp200 + fmp.count(200));
      expect(sample(text, 'sra_http_client_calls', { source: 'fmp', status: '429' })).toBe(fmp429 + 1);
      expect(sample(text, 'sra_http_client_rate_limited', { source: 'fmp' })).toBe(fmp429 + 1);
      expect(sample(text, 'sra_http_breaker_state', { source: 'fmp', state: 'closed' })).toBe(1);
      expect(sample(text, 'sra_http_breaker_state', { source: 'fmp', state: 'open' })).toBe(0);
      expect(sample(text, 'sra_http_breaker_state', { source: 'fmp', state: 'half-open' })).toBe(0);

      expect(sample(text, 'sra_http_client_calls', { source: 'fundata', status: '503' })).toBe(fundata503 + 2);
      expect(sample(text, 'sra_http_client_rate_limited', { source: 'fundata' })).toBe(0);
      expect(sample(text, 'sra_http_breaker_state', { source: 'fundata', state: 'open' })).toBe(1);
      expect(sample(text, 'sra_http_breaker_state', { source: 'fundata', state: 'closed' })).toBe(0);
      expect(sample(text, 'sra_http_breaker_consecutive_failures', { source: 'fundata' })).toBe(2);
      expect(sample(text, 'sra_http_breaker_opened', { source: 'fundata' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'sra_http_breaker_refused', { source: 'fundata' })).toBeGreaterThanOrEqual(1);

      // the same loads, as the database recorded them
      expect(sample(text, 'sra_load_runs', { source: 'fmp', status: 'completed' })).toBe(1);
      expect(sample(text, 'sra_load_runs', { source: 'fundata-api', status: 'failed' })).toBe(1);
      expect(sample(text, 'sra_seconds_since_last_successful_load', { source: 'fmp' })).toBeLessThan(120);
      expect(sample(text, 'sra_http_calls_24h', { source: 'fmp', status: '429' })).toBe(2);
    } finally {
      // the breaker is the process's: close it for whatever runs next
      breakerOf('fundata').success();
    }
  });
});
