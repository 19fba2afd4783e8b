// A vendor that echoes the API key back in every position an answer can hold
// it: the runs and their call log still land, as valid JSON, without the key.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { TEST_API_KEY, fmpEnv, startFmpServer, type Fault } from '../servers/fmp-server.ts';
import { loadFmp, type FmpLoadSummary } from '../../loader/sources/fmp.ts';

const KEY = TEST_API_KEY;
/** A credential of someone else's that a message quotes in a URL: never registered, masked by its parameter name. */
const OTHER = 'sekret-unregistered-7731';
const URL_WITH_KEY = `https://financialmodelingprep.com/api/v3/profile/AAPL?apikey=${KEY}&token=${OTHER}`;

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

/** Answers that put the key into every place: by symbol. */
const ECHOES: Record<string, Fault> = {
  // in a JSON string value, and inside a quoted string escaped within it
  QUOTED: { status: 500, body: JSON.stringify({ 'Error Message': `upstream said "apikey=${KEY}" for "${URL_WITH_KEY}"`, key: KEY }) },
  // as a property name, and in the request headers echoed back in the body and the response headers
  ASKEY: {
    status: 404,
    body: JSON.stringify({
      [KEY]: 'unknown key',
      headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY },
      request: `GET ${URL_WITH_KEY}`,
    }),
    headers: { 'x-echo-apikey': KEY, 'www-authenticate': `apikey="${KEY}"` },
  },
  // a plain-text body
  PLAIN: { status: 502, body: `Bad gateway while calling ${URL_WITH_KEY}\nAuthorization: ${OTHER}\n"apikey=${KEY}\\"` },
  // a 200 that is not JSON
  NOTJSON: { status: 200, body: `<html>"apikey=${KEY}" \\" ${URL_WITH_KEY}</html>` },
  // a 200 whose rows carry the key as a property name and inside escaped quotes: lands, masked
  ROWS: { status: 200, body: JSON.stringify([{ symbol: 'ROWS', [KEY]: 1, note: `"https://example.com/?apikey=${KEY}"` }]) },
};

// the answer of a refused key, quoting the request in a quoted string (as FMP's error pages do)
const REFUSAL = JSON.stringify({ 'Error Message': `Invalid API KEY. The request "${URL_WITH_KEY}" was refused for apikey=${KEY}.` });

describe('an FMP server that echoes the API key everywhere', () => {
  let db: TestDb;
  let stderr = '';
  let partial: FmpLoadSummary;
  let refused: FmpLoadSummary;
  beforeAll(async () => {
    db = await freshDb();
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const server = await startFmpServer({ fault: (r) => ECHOES[r.query.get('symbol') ?? ''] });
    const refusing = await startFmpServer({ fault: () => ({ status: 401, body: REFUSAL }) });
    try {
      partial = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_MAX_RETRIES: '1', FMP_RETRY_BASE_MS: '5' }),
        datasets: ['profile'],
        symbols: ['AAPL', ...Object.keys(ECHOES)],
      });
      refused = await loadFmp(db.pool, { env: fmpEnv(refusing), datasets: ['profile'], symbols: ['AAPL'] });
    } finally {
      await server.close();
      await refusing.close();
      vi.restoreAllMocks();
    }
  });
  afterAll(async () => db?.drop());

  it('records both runs as finished, the refused one as failed with the reason', async () => {
    expect(partial.status).toBe('partial');
    expect(refused.status).toBe('failed');
    const { rows } = await db.pool.query(
      `select task_run_id::int as id, status, finished_at is not null as finished, error_details from ops.task_run where task_run_id = any($1) order by 1`,
      [[partial.taskRunId, refused.taskRunId]],
    );
    expect(rows.map((r) => [r.id, r.status, r.finished])).toEqual([
      [partial.taskRunId, 'partial', true],
      [refused.taskRunId, 'failed', true],
    ]);
    const reason = rows[1].error_details.map((e: { message: string }) => e.message).join('\n');
    expect(reason).toMatch(
      /FMP refused the request \(HTTP 401: "Invalid API KEY\. The request "https:\/\/financialmodelingprep\.com\/api\/v3\/profile\/AAPL\?apikey=\*\*\*&token=\*\*\*" was refused/,
    );
    expect(reason).toMatch(/check FMP_API_KEY/);
    expect(reason).not.toContain('running');
  });

  it('logs every attempt in ops.fmp_api_call, the vendor errors kept with the key masked', async () => {
    const { rows } = await db.pool.query<{ sym: string; outcome: string; error: string | null }>(
      `select symbols[1] as sym, outcome, error from ops.fmp_api_call where task_run_id = any($1) order by task_run_id, sym, attempt`,
      [[partial.taskRunId, refused.taskRunId]],
    );
    const last = new Map(rows.map((r) => [`${r.sym}`, r]));
    expect(last.get('QUOTED')).toMatchObject({ outcome: 'failed' });
    expect(last.get('QUOTED')!.error).toContain('apikey=***');
    expect(last.get('ASKEY')!.error).toMatch(/HTTP 404/);
    expect(last.get('PLAIN')!.error).toMatch(
      /HTTP 502 Bad Gateway: Bad gateway while calling https:\/\/financialmodelingprep\.com\/api\/v3\/profile\/AAPL\?apikey=\*\*\*&token=\*\*\*/,
    );
    expect(last.get('NOTJSON')!.error).toMatch(/not JSON/);
    expect(last.get('ROWS')).toMatchObject({ outcome: 'landed', error: null });
    expect(rows.filter((r) => r.sym === 'AAPL').map((r) => r.outcome)).toEqual(['landed', 'failed']);
  });

  it('lands the rows that echo the key, with the key masked and nothing else changed', async () => {
    const { rows } = await db.pool.query(
      `select r.payload from raw.record r join raw.batch b using (batch_id) where b.request -> 'params' ->> 'symbol' = 'ROWS'`,
    );
    expect(rows.map((r) => r.payload)).toEqual([[{ symbol: 'ROWS', '***': 1, note: '"https://example.com/?apikey=***"' }]]);
    const { rows: failed } = await db.pool.query(
      `select status, error, request from raw.batch where request -> 'params' ->> 'symbol' = 'NOTJSON'`,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', request: { endpoint: '/stable/profile', params: { symbol: 'NOTJSON' } } });
  });

  it('appears nowhere in the database, nor does any credential a message quoted', async () => {
    expect(await tablesContaining(db, KEY)).toEqual({});
    expect(await tablesContaining(db, KEY.slice(3, 20))).toEqual({});
    expect(await tablesContaining(db, OTHER)).toEqual({});
    const { rows } = await db.pool.query(`select count(*)::int as n from raw.batch where request::text like '%apikey%'`);
    expect(rows[0].n).toBe(0);
  });

  it('appears nowhere in the logs', () => {
    expect(stderr).toMatch(/apikey=\*\*\*/);
    expect(stderr).not.toContain(KEY);
    expect(stderr).not.toContain(KEY.slice(3, 20));
    expect(stderr).not.toContain(OTHER);
  });
});
