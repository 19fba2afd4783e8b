// The shared HTTP stack: 5 retries for the Fundata API too, Retry-After, and
// a circuit breaker per source that opens after failed calls in a row, fails
// fast while open and lets one trial through after its cool-down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, type FundataServer } from '../servers/fundata-server.ts';
import { fmpEnv, startFmpServer } from '../servers/fmp-server.ts';
import { loadFundataApi } from '../../loader/sources/fundata-api.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';
import { CircuitBreaker, breakerOf, httpStats, type Clock } from '../../loader/lib/http-client.ts';
import { setLogLevel } from '../../loader/lib/log.ts';

setLogLevel('error');

const statsOf = (source: string) => httpStats().find((s) => s.source === source);

describe('CircuitBreaker', () => {
  it('opens after N failures in a row, refuses while open, lets one trial through after the cool-down', () => {
    let now = 0;
    const clock: Clock = { now: () => now, setTimer: () => undefined, clearTimer: () => undefined };
    const b = new CircuitBreaker({ failures: 3, coolDownMs: 1000, clock });
    b.failure();
    b.failure();
    b.success(); // a success in between starts the count again
    for (let i = 0; i < 2; i++) b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.admit()).toBe(false);
    now = 999;
    expect(b.admit()).toBe(false);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.admit()).toBe(true); // the trial
    expect(b.admit()).toBe(false); // only one at a time
    b.failure(); // the trial failed: open again, for another cool-down
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.admit()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.admit()).toBe(true);
    expect(b.opened).toBe(2);
  });
});

describe('the Fundata API on the shared HTTP stack', () => {
  let db: TestDb;
  let server: FundataServer | undefined;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => db?.drop());

  it('retries five times by default', async () => {
    server = await startFundataServer({ serverErrors: 5 });
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getload'], env: fundataEnv(server), retryBaseDelayMs: 5 });
    expect(s.status).toBe('completed');
    expect(server.calls.filter((c) => c.path === '/fund/getload').map((c) => c.status)).toEqual([503, 503, 503, 503, 503, 200]);
  });

  it('waits as long as Retry-After says', async () => {
    server = await startFundataServer({ serverErrors: 1, retryAfterSeconds: 1 });
    const t0 = performance.now();
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getload'], env: fundataEnv(server), retryBaseDelayMs: 5 });
    expect(s.status).toBe('completed');
    expect(server.calls.filter((c) => c.path === '/fund/getload').map((c) => c.status)).toEqual([503, 200]);
    // the base delay (5 ms) would have retried at once: only Retry-After explains the wait
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it('opens the breaker after failed calls in a row: the next endpoints fail at once without a request, then a trial closes it', async () => {
    server = await startFundataServer({ serverErrors: 1000 });
    const endpoints = ['fund/getload', 'fund/getotherfees', 'fund/getexpense', 'fund/getassets', 'fund/getallocations'];
    const before = statsOf('fundata')?.calls_by_status['503'] ?? 0;
    const refusedBefore = statsOf('fundata')?.breaker_refused ?? 0;
    const s = await loadFundataApi(db.pool, {
      endpoints,
      env: fundataEnv(server),
      retryLimit: 0,
      concurrency: 1,
      breaker: { failures: 3, coolDownMs: 400 },
    });
    expect(s.status).toBe('failed');
    // three calls reached the server; the other two were refused by the open breaker
    expect(server.calls.filter((c) => c.path !== '/authenticate').map((c) => c.status)).toEqual([503, 503, 503]);
    expect(s.endpoints.slice(0, 3).map((e) => e.error)).toEqual(
      endpoints.slice(0, 3).map((e) => `${e}: request: HTTP 503 Service Unavailable`),
    );
    for (const e of s.endpoints.slice(3)) {
      expect(e.status).toBe('failed');
      expect(e.error).toMatch(/: request: fundata: circuit breaker open after 3 failed calls in a row; no request sent/);
    }
    const stats = statsOf('fundata')!;
    expect(stats.breaker_state).toBe('open');
    expect(stats.calls_by_status['503']).toBe(before + 3);
    expect(stats.breaker_refused).toBe(refusedBefore + 2);
    const { rows } = await db.pool.query(`select status, error_details::text as e from ops.task_run where task_run_id = $1`, [s.runId]);
    expect(rows[0].status).toBe('failed');
    expect(rows[0].e).toContain('circuit breaker open');

    // after the cool-down one trial goes out; it succeeds and the breaker closes
    server.options.serverErrors = 0;
    await new Promise((r) => setTimeout(r, 450));
    expect(statsOf('fundata')!.breaker_state).toBe('half-open');
    const again = await loadFundataApi(db.pool, { endpoints: ['fund/getload'], env: fundataEnv(server), retryLimit: 0 });
    expect(again.status).toBe('completed');
    expect(statsOf('fundata')!.breaker_state).toBe('closed');
  });
});

describe('FMP on the shared HTTP stack', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('opens the source breaker after failed calls in a row across datasets; the rest is skipped, nothing more is sent', async () => {
    const server = await startFmpServer({ fault: () => ({ status: 503, body: 'Service Unavailable' }) });
    try {
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_MAX_RETRIES: '0', FMP_MAX_IN_FLIGHT: '1', FMP_CIRCUIT_BREAKER_FAILURES: '100' }),
        datasets: ['profile', 'ratios'],
        symbols: Array.from({ length: 10 }, (_, i) => `C${i}`),
        client: { breaker: { failures: 4, coolDownMs: 60_000 } },
      });
      // one call may have been on its way when the breaker opened
      expect(server.requests.length).toBeGreaterThanOrEqual(4);
      expect(server.requests.length).toBeLessThanOrEqual(5);
      expect(s.failed).toBe(server.requests.length);
      expect(s.skipped).toBe(s.calls - s.failed);
      expect(s.status).toBe('failed');
      expect(s.datasets.flatMap((d) => d.errors).join('\n')).toMatch(/fmp: circuit breaker open after 4 failed calls in a row/);
      const stats = statsOf('fmp')!;
      expect(stats).toMatchObject({ breaker_state: 'open', rate_limited_429: 0 });
      expect(stats.calls_by_status['503']).toBe(server.requests.length);
      const { rows } = await db.pool.query(`select count(*)::int as n from ops.fmp_api_call where task_run_id = $1`, [s.taskRunId]);
      expect(rows[0].n).toBe(server.requests.length);
    } finally {
      await server.close();
      // the breaker is the process's: close it for whatever runs next in this file
      breakerOf('fmp').success();
    }
  });

  it('does not count refusals of a symbol (404) toward the breaker', async () => {
    const server = await startFmpServer({
      fault: (r) => (r.query.get('symbol')?.startsWith('N') ? { status: 404, body: '[]' } : undefined),
    });
    try {
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_MAX_RETRIES: '0', FMP_MAX_IN_FLIGHT: '1', FMP_CIRCUIT_BREAKER_FAILURES: '100' }),
        datasets: ['profile'],
        symbols: [...Array.from({ length: 6 }, (_, i) => `N${i}`), 'AAPL'],
        client: { breaker: { failures: 3, coolDownMs: 60_000 } },
      });
      expect(s.failed).toBe(6);
      expect(s.landed).toBe(1);
      expect(statsOf('fmp')!.breaker_state).toBe('closed');
    } finally {
      await server.close();
    }
  });
});
