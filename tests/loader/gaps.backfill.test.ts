// The FMP backfill (docs/CONTINUITY.md) through the local FMP server: a gap
// found after the first load is fetched with the window's from/to only,
// landed, transformed and its request closed as filled; a window the vendor
// answers without rows is closed as vendor_has_no_data and never requested
// again; a window whose call keeps failing counts its attempts and is failed
// after the third.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fmpEnv, startFmpServer, type FmpServer } from '../servers/fmp-server.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';
import { runTransforms } from '../../loader/transform.ts';
import { detectGaps, runFmpBackfill } from '../../loader/sources/fmp-backfill.ts';

// the NYSE sessions of November 2024 (Thanksgiving on the 28th: closed)
const SESSIONS = [1, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 29].map(
  (d) => `2024-11-${String(d).padStart(2, '0')}`,
);
const WITHOUT: Record<string, string[]> = {
  GAPX: ['2024-11-05', '2024-11-06', '2024-11-07'],
  NODATA: ['2024-11-12', '2024-11-13'],
  FAILX: ['2024-11-20'],
};
const AS_OF = '2024-11-29';

function firstAnswer(symbol: string): string {
  return JSON.stringify(
    SESSIONS.filter((d) => !WITHOUT[symbol]!.includes(d))
      .reverse()
      .map((date, i) => ({
        symbol,
        date,
        open: 10 + i,
        high: 11 + i,
        low: 9 + i,
        close: 10.5 + i,
        volume: 1000,
        change: 0.5,
        changePercent: 5,
        vwap: 10,
      })),
  );
}

describe('the FMP backfill of gap requests', () => {
  let db: TestDb;
  let srv: FmpServer;
  beforeAll(async () => {
    db = await freshDb();
    srv = await startFmpServer({
      synthesize: true,
      fault: (r) => {
        const symbol = r.query.get('symbol') ?? '';
        if (!r.path.includes('historical-price-eod') || !(symbol in WITHOUT)) return undefined;
        // the first load: each symbol's November with its hole
        if (r.query.get('from') === '2024-11-01') return { body: firstAnswer(symbol) };
        if (symbol === 'NODATA') return { body: '[]' };
        if (symbol === 'FAILX') return { status: 500, body: '{"error":"internal"}' };
        return undefined; // GAPX: the server makes up the window's prices
      },
    });
    const env = fmpEnv(srv, { FMP_MAX_RETRIES: '0' });
    await loadFmp(db.pool, {
      env,
      datasets: ['equity_price'],
      symbols: Object.keys(WITHOUT),
      noAnalyticsSymbols: true,
      from: '2024-11-01',
      to: AS_OF,
    });
    await runTransforms(db.pool, { only: ['equity_quotes'], quiet: true });
  });
  afterAll(async () => {
    await srv?.close();
    await db?.drop();
  });

  const requests = async () =>
    (
      await db.pool.query(
        `select id::int, key, from_date::text, to_date::text, sessions, state, attempts, last_error, closed_reason
         from ops.backfill_request order by key, from_date`,
      )
    ).rows;

  it('detection opens one window per hole, in sessions', async () => {
    const d = await detectGaps(db.pool, AS_OF);
    expect(d).toEqual([{ dataset: 'fmp.equity_price', series: 3, missing_sessions: 6, opened: 3, filled: 0, stale: 0 }]);
    expect((await requests()).map((r) => [r.key, r.from_date, r.to_date, r.sessions, r.state])).toEqual([
      ['FAILX', '2024-11-20', '2024-11-20', 1, 'open'],
      ['GAPX', '2024-11-05', '2024-11-07', 3, 'open'],
      ['NODATA', '2024-11-12', '2024-11-13', 2, 'open'],
    ]);
  });

  it('fetches only the windows: the gap is filled, the empty answer closes its window, the failure counts an attempt', async () => {
    const before = srv.requests.length;
    const env = fmpEnv(srv, { FMP_MAX_RETRIES: '0' });
    const b = await runFmpBackfill(db.pool, { env, asOf: AS_OF });
    const calls = srv.requests.slice(before).map((r) => [r.query.get('symbol'), r.query.get('from'), r.query.get('to')]);
    expect(calls.sort()).toEqual([
      ['FAILX', '2024-11-20', '2024-11-20'],
      ['GAPX', '2024-11-05', '2024-11-07'],
      ['NODATA', '2024-11-12', '2024-11-13'],
    ]);
    expect(b).toMatchObject({ requests: 3, windows: 3, filled: 1, noData: 1, retried: 1, failed: 0 });
    const r = await requests();
    expect(r.map((x) => [x.key, x.state, x.attempts])).toEqual([
      ['FAILX', 'open', 1],
      ['GAPX', 'filled', 0],
      ['NODATA', 'vendor_has_no_data', 1],
    ]);
    expect(r[0].last_error).toMatch(/500/);
    const { rows } = await db.pool.query(
      `select date::text from api.equity_price where symbol = 'GAPX' and date between '2024-11-05' and '2024-11-07' order by date`,
    );
    expect(rows.map((x) => x.date)).toEqual(['2024-11-05', '2024-11-06', '2024-11-07']);
  });

  it('never requests a window the vendor had no data for again', async () => {
    const d = await detectGaps(db.pool, AS_OF);
    expect(d[0]).toMatchObject({ opened: 0 });
    expect((await requests()).filter((x) => x.key === 'NODATA')).toHaveLength(1);
  });

  it('a window whose call fails three times is failed, and not fetched a fourth time', async () => {
    const env = fmpEnv(srv, { FMP_MAX_RETRIES: '0' });
    await runFmpBackfill(db.pool, { env, asOf: AS_OF });
    const b3 = await runFmpBackfill(db.pool, { env, asOf: AS_OF });
    expect(b3).toMatchObject({ requests: 1, failed: 1 });
    const failx = (await requests()).find((x) => x.key === 'FAILX')!;
    expect(failx).toMatchObject({ state: 'failed', attempts: 3, closed_reason: '3 failed attempts' });
    const before = srv.requests.length;
    const b4 = await runFmpBackfill(db.pool, { env, asOf: AS_OF });
    expect(b4.requests).toBe(0);
    expect(srv.requests.length).toBe(before);
    expect((await detectGaps(db.pool, AS_OF))[0]).toMatchObject({ opened: 0 });
  });
});
