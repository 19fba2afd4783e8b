import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, fixtureData, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi, backoffDelay } from '../../loader/sources/fundata-api.ts';
import { setLogLevel } from '../../loader/lib/log.ts';

setLogLevel('error');

describe('sra load fundata-api: transient failures', () => {
  let db: TestDb;
  let server: FundataServer | undefined;
  let workDir: string;
  beforeAll(async () => {
    db = await freshDb();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundata-api-retry-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('starts a broken download over and lands the file once, whole', async () => {
    server = await startFundataServer({ breakDownloads: 2, breakAfterBytes: 100 });
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getdailynavps'],
      env: fundataEnv(server),
      retryBaseDelayMs: 10,
      workDir,
    });
    expect(s.status).toBe('completed');
    expect(s.endpoints[0]).toMatchObject({ status: 'landed', rows: 5, downloadAttempts: 3 });
    const downloads = server.calls.filter((c) => c.path.startsWith('/download/'));
    expect(downloads.map((c) => c.status)).toEqual([-1, -1, 200]); // cut, cut, whole
    const { rows } = await db.pool.query(
      `select b.batch_id, b.file_size, count(r.*)::int as records, min(r.line) as first_line, max(r.line) as last_line
       from raw.batch as b join raw.record as r using (batch_id)
       where b.dataset = 'fundata.fund_daily_navps' group by b.batch_id, b.file_size`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ records: 5, first_line: 2, last_line: 6 });
    const whole = Buffer.byteLength('\uFEFF' + fixtureData()['fund/getdailynavps']!.trim().split('\n').join('\r\n') + '\r\n');
    expect(Number(rows[0].file_size)).toBe(whole);
    expect(fs.readdirSync(workDir)).toEqual([]);
  });

  it('fails the endpoint when the download keeps breaking past the retry limit, and lands nothing of it', async () => {
    server = await startFundataServer({ breakDownloads: 3 }); // all three attempts of the first endpoint
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getassets', 'fund/getexpense'],
      env: fundataEnv(server),
      retryLimit: 2,
      retryBaseDelayMs: 5,
      concurrency: 1,
      workDir,
    });
    expect(s.status).toBe('partial');
    expect(s.endpoints[0]).toMatchObject({ endpoint: 'fund/getassets', status: 'failed' });
    expect(s.endpoints[0]!.error).toMatch(/^fund\/getassets: download from http:\/\/127\.0\.0\.1:\d+\/download\/\S+\.csv \(attempt 3\)/);
    expect(s.endpoints[0]!.error).not.toContain('X-Amz-Signature'); // a presigned url's query is a credential
    expect(s.endpoints[1]).toMatchObject({ endpoint: 'fund/getexpense', status: 'landed' });
    const { rows } = await db.pool.query(`select count(*)::int as n from raw.batch where dataset = 'fundata.fund_assets'`);
    expect(rows[0].n).toBe(0);
    expect(fs.readdirSync(workDir)).toEqual([]);
  });

  it('lets a download run longer than one call may, as long as bytes keep coming', async () => {
    server = await startFundataServer({ slowDownloadMs: 900 });
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getallocations'],
      env: fundataEnv(server),
      requestTimeoutMs: 400,
      retryLimit: 0,
    });
    expect(s.endpoints[0]).toMatchObject({ status: 'landed', rows: 6, downloadAttempts: 1 });
  });

  it('retries 5xx answers with exponential backoff', async () => {
    server = await startFundataServer({ serverErrors: 3 });
    const t0 = performance.now();
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getload'],
      env: fundataEnv(server),
      retryBaseDelayMs: 60,
    });
    const ms = performance.now() - t0;
    expect(s.status).toBe('completed');
    const requests = server.calls.filter((c) => c.path === '/fund/getload');
    expect(requests.map((c) => c.status)).toEqual([503, 503, 503, 200]);
    expect(ms).toBeGreaterThanOrEqual(60 + 120 + 240); // base, 2·base, 4·base
  });

  it('gives up after the retry limit with the HTTP status in the error', async () => {
    server = await startFundataServer({ serverErrors: 100 });
    const s = await loadFundataApi(db.pool, {
      endpoints: ['fund/getotherfees'],
      env: fundataEnv(server),
      retryLimit: 2,
      retryBaseDelayMs: 5,
    });
    expect(s.status).toBe('failed');
    expect(s.endpoints[0]!.error).toBe('fund/getotherfees: request: HTTP 503 Service Unavailable');
    expect(server.calls.filter((c) => c.path === '/fund/getotherfees')).toHaveLength(3);
  });

  it('doubles the delay each attempt, up to the cap', () => {
    const d = [1, 2, 3, 4, 10].map((a) => backoffDelay(a, 100, 1000));
    expect(d[0]).toBeGreaterThanOrEqual(100);
    expect(d[0]).toBeLessThan(200);
    expect(d[1]).toBeGreaterThanOrEqual(200);
    expect(d[2]).toBeGreaterThanOrEqual(400);
    expect(d[3]).toBeGreaterThanOrEqual(800);
    expect(d[4]).toBeLessThanOrEqual(1100);
  });
});
