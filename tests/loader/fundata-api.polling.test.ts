import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi } from '../../loader/sources/fundata-api.ts';
import { setLogLevel } from '../../loader/lib/log.ts';

setLogLevel('error');

describe('sra load fundata-api: waiting for executions', () => {
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

  const batchesOf = async (dataset: string) =>
    (await db.pool.query(`select count(*)::int as n from raw.batch where dataset = $1`, [dataset])).rows[0].n;

  it('waits out a slow execution that finishes within the bound, polling at the interval', async () => {
    server = await startFundataServer({ executionMs: 400 });
    const t0 = performance.now();
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getassets'],
      env: fundataEnv(server, { FUNDATA_POLL_INTERVAL_MS: '50', FUNDATA_POLL_TIMEOUT_MS: '5000' }),
    });
    const ms = performance.now() - t0;
    expect(s.status).toBe('completed');
    expect(s.endpoints[0]).toMatchObject({ status: 'landed', rows: 3 });
    expect(ms).toBeGreaterThanOrEqual(400);
    // about one poll per interval: never a busy loop
    expect(s.endpoints[0]!.polls).toBeGreaterThanOrEqual(5);
    expect(s.endpoints[0]!.polls).toBeLessThanOrEqual(12);
  });

  it('gives up on an execution still Running at the timeout with a clear error, and the other endpoints still land', async () => {
    server = await startFundataServer({ endpointExecutionMs: { 'fund/getexpense': 60_000 } });
    const env = fundataEnv(server, { FUNDATA_POLL_INTERVAL_MS: '30', FUNDATA_POLL_TIMEOUT_MS: '300' });
    const t0 = performance.now();
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getexpense', 'fund/getassets'], env });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(s.status).toBe('partial');
    expect(s.endpoints.map((e) => [e.endpoint, e.status])).toEqual([
      ['fund/getexpense', 'failed'],
      ['fund/getassets', 'landed'],
    ]);
    expect(s.endpoints[0]!.error).toMatch(
      /^fund\/getexpense: execution \S+ still Running after [\d.]+s and \d+ polls \(FUNDATA_POLL_TIMEOUT_MS=300\)/,
    );
    expect(await batchesOf('fundata.fund_expense')).toBe(0);

    // the next run asks again and lands it once the execution is quick
    server.options.endpointExecutionMs = {};
    const again = await loadFundataApi(db.pool, { endpoints: ['fund/getexpense'], env });
    expect(again.status).toBe('completed');
    expect(await batchesOf('fundata.fund_expense')).toBe(1);
  });

  it('reports a failed execution for its endpoint, records it in the run, and lands the others', async () => {
    server = await startFundataServer({ failExecutions: { 'fund/getallocations': 'Failed' } });
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getallocations', 'fund/gettopholding'],
      env: fundataEnv(server),
    });
    expect(s.status).toBe('partial');
    expect(s.endpoints.map((e) => [e.endpoint, e.status])).toEqual([
      ['fund/getallocations', 'failed'],
      ['fund/gettopholding', 'landed'],
    ]);
    expect(s.endpoints[0]!.error).toMatch(/^fund\/getallocations: execution \S+ ended with status Failed/);
    expect(await batchesOf('fundata.fund_allocations')).toBe(0);
    expect(await batchesOf('fundata.fund_top_holding')).toBe(1);
    const run = await db.pool.query(`select status, error_count, error_details from ops.task_run where task_run_id = $1`, [s.runId]);
    expect(run.rows[0]).toMatchObject({ status: 'partial', error_count: 1 });
    expect(run.rows[0].error_details[0]).toMatchObject({ endpoint: 'fund/getallocations' });
    // the failed execution was not polled again and again
    const polls = server.calls.filter((c) => c.path.startsWith('/getresults/')).length;
    expect(polls).toBe(2);
  });

  it('treats any status other than Running or Succeeded as a failure', async () => {
    server = await startFundataServer({ failExecutions: { 'fund/getload': 'Cancelled' } });
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getload'], env: fundataEnv(server) });
    expect(s.status).toBe('failed');
    expect(s.endpoints[0]!.error).toContain('ended with status Cancelled');
  });

  it('stops waiting when cancelled, lands nothing, and records the run as cancelled', async () => {
    server = await startFundataServer({ executionMs: 60_000 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    const t0 = performance.now();
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getotherfees'],
      env: fundataEnv(server, { FUNDATA_POLL_INTERVAL_MS: '1000', FUNDATA_POLL_TIMEOUT_MS: '60000' }),
      signal: abort.signal,
    });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(s.status).toBe('cancelled');
    expect(s.endpoints[0]!.status).toBe('cancelled');
    expect(await batchesOf('fundata.fund_other_fees')).toBe(0);
    const run = await db.pool.query(`select status from ops.task_run where task_run_id = $1`, [s.runId]);
    expect(run.rows[0].status).toBe('cancelled');
  });
});
