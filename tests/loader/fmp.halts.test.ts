import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fmpEnv, startFmpServer, type FmpServer, type FmpServerOptions } from '../servers/fmp-server.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';

describe('sra load fmp stops the whole load at once when FMP refuses it', () => {
  let db: TestDb;
  let stderr: string;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());
  beforeEach(() => {
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const symbols = Array.from({ length: 40 }, (_, i) => `H${i}`);

  async function run(server: FmpServerOptions, env: Record<string, string> = {}) {
    const srv: FmpServer = await startFmpServer(server);
    try {
      const summary = await loadFmp(db.pool, {
        env: fmpEnv(srv, { FMP_MAX_IN_FLIGHT: '3', ...env }),
        datasets: ['profile', 'ratios'],
        symbols,
      });
      return { summary, srv };
    } finally {
      await srv.close();
    }
  }

  async function expectHalted(summary: Awaited<ReturnType<typeof run>>['summary'], srv: FmpServer, pattern: RegExp) {
    expect(summary.status).toBe('failed');
    expect(summary.halted).toMatch(pattern);
    expect(summary.halted).not.toContain('\n');
    // no retries: no request was sent twice
    expect(Math.max(...srv.requests.map((r) => r.seen))).toBe(1);
    // the calls still queued were never sent
    expect(srv.requests.length).toBeLessThan(12);
    expect(summary.skipped).toBeGreaterThan(100);
    expect(summary.calls).toBe(symbols.length * 3);
    // one clear line on stderr
    const lines = stderr.split('\n').filter((l) => /the load stopped/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ error /);
    const { rows } = await db.pool.query(`select status, error_details::text as errors from ops.task_run where task_run_id = $1`, [
      summary.taskRunId,
    ]);
    expect(rows[0].status).toBe('failed');
    expect(rows[0].errors).toContain('the load stopped');
  }

  it('on HTTP 401 (invalid key): one line, no retries, nothing landed', async () => {
    const { summary, srv } = await run({ apiKey: 'the-server-expects-another-key' });
    await expectHalted(summary, srv, /HTTP 401: "Invalid API KEY.*the load stopped; check FMP_API_KEY/);
    const { rows } = await db.pool.query(`select count(*)::int as n from raw.batch where task_run_id = $1`, [summary.taskRunId]);
    expect(rows[0].n).toBe(0);
    const { rows: calls } = await db.pool.query(
      `select distinct http_status, outcome from ops.fmp_api_call where task_run_id = $1 and http_status is not null`,
      [summary.taskRunId],
    );
    expect(calls).toEqual([{ http_status: 401, outcome: 'failed' }]);
  });

  it('on HTTP 403 (endpoint not in the plan)', async () => {
    const { summary, srv } = await run({
      fault: (r) =>
        r.n === 2
          ? { status: 403, body: '{"Error Message":"Exclusive Endpoint : This endpoint is not available under your current subscription"}' }
          : undefined,
    });
    await expectHalted(summary, srv, /HTTP 403: "Exclusive Endpoint.*the load stopped/);
  });

  it('on an HTTP 200 whose body carries "Error Message"; that body is not landed', async () => {
    const { summary, srv } = await run({
      fault: (r) =>
        r.n === 4
          ? {
              status: 200,
              body: '{ "Error Message": "Limit Reach . Please upgrade your plan or visit our documentation for more details at https://site.financialmodelingprep.com/" }',
            }
          : undefined,
    });
    await expectHalted(summary, srv, /HTTP 200 with "Error Message": "Limit Reach.*the load stopped/);
    expect(summary.landed).toBeLessThan(4);
    const { rows } = await db.pool.query(
      `select count(*)::int as n from raw.record r join raw.batch b using (batch_id) where b.task_run_id = $1 and r.payload ? 'Error Message'`,
      [summary.taskRunId],
    );
    expect(rows[0].n).toBe(0);
  });
});
