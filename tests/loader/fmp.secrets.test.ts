import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { TEST_API_KEY, fmpEnv, startFmpServer } from '../servers/fmp-server.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';

/** Every table of the database whose row text contains `needle`, with the count. */
async function tablesContaining(db: TestDb, needle: string): Promise<Record<string, number>> {
  const { rows: tables } = await db.pool.query<{ t: string }>(
    `select format('%I.%I', schemaname, tablename) as t from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const found: Record<string, number> = {};
  for (const { t } of tables) {
    const { rows } = await db.pool.query(`select count(*)::int as n from ${t} as x where strpos(x::text, $1) > 0`, [needle]);
    if (rows[0].n) found[t] = rows[0].n;
  }
  return found;
}

describe('the FMP API key', () => {
  let db: TestDb;
  let stderr = '';
  beforeAll(async () => {
    db = await freshDb();
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    // a server that echoes the key back in every kind of answer the loader stores or logs
    const server = await startFmpServer({
      fault: (r) => {
        const sym = r.query.get('symbol');
        if (sym === 'E500' && r.seen === 1)
          return { status: 500, body: `upstream failed for /stable/profile?symbol=E500&apikey=${TEST_API_KEY}` };
        if (sym === 'NOTJSON') return { status: 200, body: `<html>bad gateway, key ${TEST_API_KEY}</html>` };
        if (sym === 'E404') return { status: 404, body: `{"Error Message":"not found for key ${TEST_API_KEY}"}` };
        if (sym === 'BADSHAPE') return { status: 200, body: `{"message":"${TEST_API_KEY}"}` };
        if (sym === 'ECHO') return { status: 200, body: `[{"symbol":"ECHO","website":"https://example.com/?apikey=${TEST_API_KEY}"}]` };
        return undefined;
      },
    });
    try {
      const partial = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_RETRY_BASE_MS: '5', FMP_MAX_RETRIES: '1' }),
        datasets: ['profile', 'equity_price', 'treasury'],
        symbols: ['AAPL', 'E500', 'NOTJSON', 'E404', 'BADSHAPE', 'ECHO'],
        from: '2024-11-01',
        to: '2024-11-29',
      });
      expect(partial.status).toBe('partial');
      // and a load halted by an "Error Message" that quotes the key
      const halting = await startFmpServer({
        fault: () => ({ status: 200, body: `{"Error Message":"Invalid API KEY ${TEST_API_KEY}."}` }),
      });
      try {
        const halted = await loadFmp(db.pool, { env: fmpEnv(halting), datasets: ['profile'], symbols: ['AAPL'] });
        expect(halted.halted).toMatch(/Invalid API KEY \*\*\*\./);
      } finally {
        await halting.close();
      }
    } finally {
      await server.close();
      vi.restoreAllMocks();
    }
  });
  afterAll(async () => db?.drop());

  it('was really sent, and really echoed back', async () => {
    const { rows } = await db.pool.query(`select count(*)::int as n from ops.fmp_api_call where error like '%***%'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(4);
    expect(stderr).toMatch(/\*\*\*/);
  });

  it('is masked in a landed body that echoes it, the rest of the body as sent', async () => {
    const { rows } = await db.pool.query(
      `select r.payload from raw.record r join raw.batch b using (batch_id) where b.dataset = 'fmp.profile' and b.request -> 'params' ->> 'symbol' = 'ECHO'`,
    );
    expect(rows.map((r) => r.payload)).toEqual([[{ symbol: 'ECHO', website: 'https://example.com/?apikey=***' }]]);
  });

  it('appears nowhere in the database: raw, ops, core or any other table', async () => {
    expect(await tablesContaining(db, TEST_API_KEY)).toEqual({});
    expect(await tablesContaining(db, 'apikey=tk_')).toEqual({});
    // the requests and the call log name the endpoints without any key parameter
    const { rows } = await db.pool.query(`select count(*)::int as n from raw.batch where request::text like '%apikey%'`);
    expect(rows[0].n).toBe(0);
  });

  it('appears nowhere in the logs', () => {
    expect(stderr.length).toBeGreaterThan(0);
    expect(stderr).not.toContain(TEST_API_KEY);
    expect(stderr).not.toContain(TEST_API_KEY.slice(3, 20));
  });
});
