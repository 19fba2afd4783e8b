// GET /metrics (Prometheus) and `sra status`, over a database with a landed
// and transformed file, a file not yet transformed, a quality issue and FMP
// calls in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { startWorker, type Worker } from '../../loader/worker/worker.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { runTransforms } from '../../loader/transform.ts';
import { QUOTES_HEADER, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

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
    w = await startWorker({ url: db.url, env: parseEnv({ DATABASE_URL: db.url }), port: 0, host: '127.0.0.1' });
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

  it('counts failed batches (ops.failed_batch), and leaves resolved quality issues out', async () => {
    await db.pool.query(
      `insert into ops.transform_batch_failure (transform_name, batch_id, error, state)
       select 'fundata_quotes', b.batch_id, 'boom', 'failed' from raw.batch as b where b.file_name like '%second.csv'`,
    );
    await db.pool.query(`update ops.quality_issue set resolved_at = now()`);
    const text = await metrics(w);
    expect(sample(text, 'sra_failed_batches', { transform: 'fundata_quotes' })).toBe(1);
    expect(sample(text, 'sra_failed_batches', { transform: 'fundata_data' })).toBe(0);
    expect(sample(text, 'sra_open_quality_issues', { transform: 'fundata_quotes' })).toBe(0);
    await db.pool.query(`update ops.quality_issue set resolved_at = null`);
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
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['last_runs', 'freshness', 'pending_batches', 'failed_batches', 'open_quality_issues', 'scheduler']));
    expect(s.pending_batches.find((p: { transform_name: string }) => p.transform_name === 'fundata_quotes').pending).toBe(1);
    expect(s.failed_batches).toEqual([expect.objectContaining({ transform_name: 'fundata_quotes', error: 'boom', attempts: 1 })]);
    expect(s.open_quality_issues).toEqual([expect.objectContaining({ transform_name: 'fundata_quotes', issues: 1 })]);
  });

  it('a database without ops.failed_batch: no failed-batch series, and sra status says so', async () => {
    await db.pool.query(`drop view ops.failed_batch`);
    const text = await metrics(w);
    expect(sample(text, 'sra_failed_batches')).toBeUndefined();
    expect(sample(text, 'sra_unconsumed_batches', { transform: 'fundata_quotes' })).toBe(2);
    const r = await runCli(['status'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Failed batches\n +\(not recorded by this database: no ops\.failed_batch\)$/m);
  });
});
