// Legacy ETF holdings: /api/v3/etf-holder answers [] for many ETFs; then the
// SEC N-PORT holdings (/api/v4/etf-holdings?symbol=) are asked for the same
// ETF, and both answers land untouched under fmp.etf_holdings.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { FIXTURES_DIR, fmpEnv, startFmpServer, type FmpServer } from '../servers/fmp-server.ts';
import { loadFmp, type FmpLoadSummary } from '../../loader/sources/fmp.ts';

describe('sra load fmp, legacy API: ETF holdings', () => {
  let db: TestDb;
  let server: FmpServer;
  let s: FmpLoadSummary;
  beforeAll(async () => {
    db = await freshDb();
    server = await startFmpServer();
    s = await loadFmp(db.pool, {
      env: fmpEnv(server, { FMP_API_GENERATION: 'v3' }),
      datasets: ['etf_holdings'],
      etfSymbols: ['SPY', 'QQQ', 'NONE'],
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('asks for the N-PORT holdings of each ETF whose holder list is empty, and only those', () => {
    expect(server.requests.map((r) => `${r.path}${r.query.size ? '?' + r.query.toString() : ''}`).sort()).toEqual([
      '/api/v3/etf-holder/NONE',
      '/api/v3/etf-holder/QQQ',
      '/api/v3/etf-holder/SPY',
      '/api/v4/etf-holdings?symbol=NONE',
      '/api/v4/etf-holdings?symbol=QQQ',
    ]);
    expect(s.status).toBe('completed');
    expect(s.datasets[0]).toMatchObject({ dataset: 'fmp.etf_holdings', calls: 5, succeeded: 5, failed: 0, empty: 3 });
  });

  it('lands both shapes under fmp.etf_holdings, each with its own request, the N-PORT rows as sent', async () => {
    const { rows } = await db.pool.query<{ request: { endpoint: string; params: Record<string, string> }; payload: unknown }>(
      `select b.request, r.payload from raw.batch b join raw.record r using (batch_id)
       where b.dataset = 'fmp.etf_holdings' and b.status = 'landed' order by b.request ->> 'endpoint'`,
    );
    const by = (endpoint: string) => rows.find((r) => r.request.endpoint === endpoint);
    expect(rows.map((r) => r.request.endpoint)).toEqual([
      '/api/v3/etf-holder/NONE',
      '/api/v3/etf-holder/QQQ',
      '/api/v3/etf-holder/SPY',
      '/api/v4/etf-holdings',
      '/api/v4/etf-holdings',
    ]);
    expect(by('/api/v3/etf-holder/QQQ')!.payload).toEqual([]);
    const nport = rows.filter((r) => r.request.endpoint === '/api/v4/etf-holdings');
    expect(nport.map((r) => r.request.params)).toEqual(expect.arrayContaining([{ symbol: 'QQQ' }, { symbol: 'NONE' }]));
    const qqq = nport.find((r) => r.request.params.symbol === 'QQQ')!;
    expect(qqq.payload).toEqual(JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'v3', 'v4-etf-holdings', 'QQQ.json'), 'utf8')));
    expect(nport.find((r) => r.request.params.symbol === 'NONE')!.payload).toEqual([]);
  });
});
