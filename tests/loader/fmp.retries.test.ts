import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fmpEnv, startFmpServer, type FmpServerOptions, type ServedRequest } from '../servers/fmp-server.ts';
import { loadFmp, type FmpLoadOptions } from '../../loader/sources/fmp.ts';

const WINDOW = { from: '2024-11-01', to: '2024-11-29' };

describe('sra load fmp: retries, backoff, Retry-After, timeouts, failures', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  async function run(server: FmpServerOptions, env: Record<string, string>, o: FmpLoadOptions) {
    const srv = await startFmpServer(server);
    try {
      // the symbols the analytics add are fmp.analytics-symbols.test.ts's subject
      const summary = await loadFmp(db.pool, { env: fmpEnv(srv, env), ...WINDOW, noAnalyticsSymbols: true, ...o });
      const calls = await db.pool.query<{
        symbols: string[];
        dataset: string;
        attempt: number;
        http_status: number | null;
        outcome: string;
        error: string | null;
        batch_id: string | null;
      }>(
        `select symbols, dataset, attempt, http_status, outcome, error, batch_id from ops.fmp_api_call where task_run_id = $1 order by symbols, attempt`,
        [summary.taskRunId],
      );
      return { summary, requests: srv.requests, calls: calls.rows };
    } finally {
      await srv.close();
    }
  }
  const of = (requests: ServedRequest[], symbol: string) => requests.filter((r) => r.query.get('symbol') === symbol);

  it('retries a 5xx with exponential backoff (base, 2×base) and lands the answer', async () => {
    const { summary, requests, calls } = await run(
      { fault: (r) => (r.query.get('symbol') === 'AAPL' && r.seen <= 2 ? { status: 503, body: 'Service Unavailable' } : undefined) },
      { FMP_RETRY_BASE_MS: '150' },
      { datasets: ['profile'], symbols: ['AAPL', 'MSFT'] },
    );
    expect(summary.status).toBe('completed');
    expect(summary.landed).toBe(2);
    const aapl = of(requests, 'AAPL');
    expect(aapl.map((r) => r.status)).toEqual([503, 503, 200]);
    const gap1 = aapl[1]!.at - aapl[0]!.at;
    const gap2 = aapl[2]!.at - aapl[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(150);
    expect(gap1).toBeLessThan(300);
    expect(gap2).toBeGreaterThanOrEqual(300);
    expect(gap2).toBeLessThan(500);
    expect(calls.filter((c) => c.symbols[0] === 'AAPL').map((c) => [c.attempt, c.http_status, c.outcome])).toEqual([
      [1, 503, 'retried'],
      [2, 503, 'retried'],
      [3, 200, 'landed'],
    ]);
    expect(summary.attempts).toBe(4);
  });

  it('honours Retry-After on a 429 and holds the other calls meanwhile', async () => {
    const { summary, requests } = await run(
      { fault: (r) => (r.n === 3 ? { status: 429, body: '{"Error Message":"Limit Reach"}', headers: { 'retry-after': '1' } } : undefined) },
      { FMP_MAX_IN_FLIGHT: '2', FMP_RETRY_BASE_MS: '10' },
      { datasets: ['profile'], symbols: Array.from({ length: 12 }, (_, i) => `S${i}`) },
    );
    expect(summary.status).toBe('completed');
    expect(summary.landed).toBe(12);
    const limited = requests.find((r) => r.status === 429)!;
    const retry = requests.find((r) => r.n > limited.n && r.path === limited.path && r.query.toString() === limited.query.toString())!;
    expect(retry.at - limited.at).toBeGreaterThanOrEqual(1000);
    // the base delay (10 ms) would have retried at once: only Retry-After explains the wait;
    // and apart from a call already on its way, nothing else went out during it
    const during = requests.filter((r) => r.at > limited.at + 50 && r.at < limited.at + 950);
    expect(during).toEqual([]);
  });

  it('retries a timed-out call and records the timeout', async () => {
    const { summary, requests, calls } = await run(
      { fault: (r) => (r.query.get('symbol') === 'AAPL' && r.seen === 1 ? { delayMs: 1500 } : undefined) },
      { FMP_TIMEOUT_MS: '300', FMP_RETRY_BASE_MS: '50' },
      { datasets: ['equity_price'], symbols: ['AAPL', 'MSFT'] },
    );
    expect(summary.landed).toBe(2);
    expect(of(requests, 'AAPL')).toHaveLength(2);
    const first = calls.find((c) => c.symbols[0] === 'AAPL' && c.attempt === 1)!;
    expect(first.outcome).toBe('retried');
    expect(first.http_status).toBeNull();
    expect(first.error).toMatch(/timeout after 300 ms/);
  });

  it('gives up after five retries; one symbol failing never stops the others', async () => {
    const { summary, requests, calls } = await run(
      { fault: (r) => (r.query.get('symbol') === 'MSFT' ? { status: 500, body: '{"error":"internal"}' } : undefined) },
      { FMP_RETRY_BASE_MS: '10' },
      { datasets: ['profile', 'equity_price'], symbols: ['AAPL', 'MSFT', 'BRK-B'] },
    );
    expect(summary.status).toBe('partial');
    expect(summary.succeeded).toBe(4);
    expect(summary.failed).toBe(2);
    // 1 try + 5 retries per MSFT call (profile and prices)
    expect(of(requests, 'MSFT')).toHaveLength(12);
    const msft = calls.filter((c) => c.symbols[0] === 'MSFT' && c.dataset === 'fmp.profile');
    expect(msft.map((c) => c.outcome)).toEqual(['retried', 'retried', 'retried', 'retried', 'retried', 'failed']);
    expect(msft[5]!.error).toMatch(/HTTP 500/);
    const { rows } = await db.pool.query(`select status, records_failed::int as failed from ops.task_run where task_run_id = $1`, [
      summary.taskRunId,
    ]);
    expect(rows[0]).toEqual({ status: 'partial', failed: 2 });
  });

  it('stops a dataset after N consecutive failures (circuit breaker) and goes on with the others', async () => {
    const { summary, requests } = await run(
      { fault: (r) => (r.path.includes('income-statement') ? { status: 502, body: 'Bad Gateway' } : undefined) },
      { FMP_CIRCUIT_BREAKER_FAILURES: '3', FMP_MAX_RETRIES: '0', FMP_MAX_IN_FLIGHT: '1' },
      { datasets: ['profile', 'income_statement'], symbols: Array.from({ length: 10 }, (_, i) => `B${i}`) },
    );
    const income = summary.datasets.find((d) => d.dataset === 'fmp.income_statement')!;
    const profile = summary.datasets.find((d) => d.dataset === 'fmp.profile')!;
    expect(income.calls).toBe(20);
    expect(income.stopped).toMatch(/3 calls failed in a row/);
    expect(income.failed).toBe(3);
    expect(income.skipped).toBe(17);
    // at most the one call already in flight when the breaker opened went out after it
    const sent = requests.filter((r) => r.path.includes('income-statement')).length;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(4);
    expect(profile.landed).toBe(10);
    expect(summary.status).toBe('partial');
  });

  it('fails a call whose body is not JSON, records why, and lands the rest', async () => {
    const { summary, requests, calls } = await run(
      {
        fault: (r) =>
          r.query.get('symbol') === 'AAPL'
            ? { status: 200, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } }
            : undefined,
      },
      {},
      { datasets: ['profile'], symbols: ['AAPL', 'MSFT'], force: true },
    );
    expect(summary.landed).toBe(1);
    expect(summary.failed).toBe(1);
    expect(of(requests, 'AAPL')).toHaveLength(1);
    const call = calls.find((c) => c.symbols[0] === 'AAPL')!;
    expect(call.outcome).toBe('failed');
    expect(call.error).toMatch(/not JSON/);
    const { rows } = await db.pool.query(
      `select status, error, row_count, http_status from raw.batch where task_run_id = $1 and request -> 'params' ->> 'symbol' = 'AAPL'`,
      [summary.taskRunId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', row_count: 0, http_status: 200 });
    expect(rows[0].error).toMatch(/not JSON.*<html>/);
  });

  it('lands {} as an empty answer, but fails an error object where rows are expected', async () => {
    const { summary, calls } = await run(
      {
        fault: (r) =>
          r.query.get('symbol') === 'EMPTY'
            ? { status: 200, body: '{}' }
            : r.query.get('symbol') === 'ERR'
              ? { status: 200, body: '{"message":"Upgrade your plan to access this data"}' }
              : undefined,
      },
      {},
      { datasets: ['etf_holdings'], etfSymbols: ['EMPTY', 'ERR'] },
    );
    const ds = summary.datasets[0]!;
    expect(ds).toMatchObject({ succeeded: 1, empty: 1, failed: 1 });
    expect(calls.find((c) => c.symbols[0] === 'ERR')!.error).toMatch(/expected a JSON array, got an object with keys message/);
    const { rows } = await db.pool.query(
      `select request -> 'params' ->> 'symbol' as symbol, status from raw.batch where task_run_id = $1 order by 1`,
      [summary.taskRunId],
    );
    expect(rows).toEqual([
      { symbol: 'EMPTY', status: 'landed' },
      { symbol: 'ERR', status: 'failed' },
    ]);
  });

  it('ends cancelled when the caller aborts it (a worker shutting down)', async () => {
    const srv = await startFmpServer({ latencyMs: 100 });
    try {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 300);
      const s = await loadFmp(db.pool, {
        env: fmpEnv(srv, { FMP_CALLS_PER_MINUTE: '600', FMP_MAX_IN_FLIGHT: '2' }),
        datasets: ['profile'],
        symbols: Array.from({ length: 40 }, (_, i) => `X${i}`),
        signal: abort.signal,
      });
      expect(s.status).toBe('cancelled');
      expect(s.succeeded).toBeGreaterThan(0);
      expect(s.skipped).toBe(40 - s.succeeded - s.failed);
      expect(srv.requests.length).toBeLessThan(10);
      const { rows } = await db.pool.query(`select status from ops.task_run where task_run_id = $1`, [s.taskRunId]);
      expect(rows[0].status).toBe('cancelled');
    } finally {
      await srv.close();
    }
  });

  it('keeps every digit of the numbers FMP sent', async () => {
    const body = '[{"symbol":"PREC","price":0.10000000000000001,"mktCap":123456789012345678901,"beta":1.50}]';
    const { summary } = await run(
      { fault: (r) => (r.query.get('symbol') === 'PREC' ? { status: 200, body } : undefined) },
      {},
      { datasets: ['profile'], symbols: ['PREC'] },
    );
    const { rows } = await db.pool.query(
      `select r.payload -> 0 ->> 'price' as price, r.payload -> 0 ->> 'mktCap' as cap, r.payload -> 0 ->> 'beta' as beta
       from raw.record r join raw.batch b using (batch_id) where b.batch_id = $1`,
      [summary.batchIds[0]],
    );
    expect(rows[0]).toEqual({ price: '0.10000000000000001', cap: '123456789012345678901', beta: '1.50' });
  });
});
