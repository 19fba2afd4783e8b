// `sra load fmp` fetches what the analytics need without being told: a load
// of price history also asks for every position symbol, every option's
// underlying and the seven factor ETFs, with 300 NYSE sessions of
// history when the database holds less, and for treasury rates;
// --no-analytics-symbols leaves them out. A load of dividends or splits asks
// for theirs too (their returns are split-adjusted, their total returns count
// dividends: docs/CORPORATE-ACTIONS.md). Run as the landing role, which may
// not read core: it learns the symbols through ops.fmp_analytics_symbols().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fmpEnv, startFmpServer, TEST_API_KEY, type FmpServer } from '../servers/fmp-server.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';
import { loadPositions } from '../../loader/sources/positions.ts';
import { runTransforms } from '../../loader/transform.ts';
import { runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

const HEADER = 'portfolio,symbol,quantity,entry_price,entry_date,position_type,underlying,strike,expiry,tags,last_price';
const FACTORS = ['SPY', 'VTV', 'VUG', 'MTUM', 'QUAL', 'SLY', 'USMV'];
const WINDOW = { from: '2024-11-25', to: '2024-11-29' };
const isPrices = (p: string) => p === '/stable/historical-price-eod/full';

/** Weekdays from `from` to `to`, both included: an upper bound of the trading days between them. */
function weekdays(from: string, to: string): number {
  let n = 0;
  for (let d = new Date(from + 'T00:00:00Z'); d <= new Date(to + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1))
    if (d.getUTCDay() % 6 !== 0) n++;
  return n;
}

/** symbol → earliest `from` asked for its price history. */
function priceFroms(server: FmpServer): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of server.requests.filter((x) => isPrices(x.path))) {
    const s = r.query.get('symbol')!;
    const from = r.query.get('from')!;
    if (!out.has(s) || from < out.get(s)!) out.set(s, from);
  }
  return out;
}

describe('sra load fmp: the symbols the analytics need', () => {
  let db: TestDb;
  let loader: pg.Pool;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('fmp-analytics');
    const file = writeCsv(
      tmp.dir,
      'book.csv',
      [
        HEADER,
        'book,AAA,100,10.5,2024-01-02,LONG,,,,,',
        'book,BBB,-20,30,2024-01-02,SHORT,,,,,',
        'book,CCC 250117C00050000,2,1.5,2024-01-02,LC,CCC,50,2025-01-17,,',
      ],
      '\n',
    );
    expect(await loadPositions(db.pool, { paths: [file] })).toMatchObject({ landed: 1, rows: 3 });
    await runTransforms(db.pool, { only: ['positions'], quiet: true });
    loader = new pg.Pool({ connectionString: db.url, max: 4, options: '-c role=sra_loader' });
    expect((await loader.query<{ r: string }>('select current_user as r')).rows[0]!.r).toBe('sra_loader');
  });
  /** NYSE sessions from `from` through `to` (core.sessions_between, docs/CALENDAR.md). */
  async function sessions(from: string, to: string): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>(`select core.sessions_between('NYSE', $1::date, $2::date) as n`, [from, to]);
    return rows[0]!.n;
  }

  afterAll(async () => {
    await loader?.end();
    tmp?.cleanup();
    await db?.drop();
  });

  it('adds positions, underlyings, the factor ETFs and treasury, 300 NYSE sessions back', async () => {
    const server = await startFmpServer();
    try {
      const s = await loadFmp(loader, { env: fmpEnv(server), datasets: ['equity_price'], symbols: ['ZZZ'], ...WINDOW });
      const froms = priceFroms(server);
      expect([...froms.keys()].sort()).toEqual(['AAA', 'BBB', 'CCC', ...FACTORS, 'ZZZ'].sort());
      expect(froms.get('ZZZ')).toBe(WINDOW.from);
      for (const sym of ['AAA', 'BBB', 'CCC', ...FACTORS]) {
        // 300 NYSE sessions through the window's last day, by the trading calendar
        expect(await sessions(froms.get(sym)!, WINDOW.to), sym).toBe(300);
        // (more weekdays than that: the market holidays in between)
        expect(weekdays(froms.get(sym)!, WINDOW.to), sym).toBeGreaterThan(300);
      }
      const treasury = server.requests.filter((r) => r.path === '/stable/treasury-rates');
      expect(treasury.length).toBeGreaterThan(0);
      expect(treasury.map((r) => r.query.get('from')!).sort()[0]).toBe(froms.get('SPY'));
      expect(s.datasets.map((d) => d.dataset)).toEqual(['fmp.equity_price', 'fmp.etf_price', 'fmp.treasury']);
      expect(s.status).toBe('completed');
      // the factor ETFs are fetched as ETFs, the positions as equities
      const { rows } = await db.pool.query<{ dataset: string; symbol: string }>(
        `select dataset, request->'params'->>'symbol' as symbol from raw.batch where source = 'fmp' and dataset like '%price'`,
      );
      const etf = new Set(rows.filter((r) => r.dataset === 'fmp.etf_price').map((r) => r.symbol));
      expect([...etf].sort()).toEqual([...FACTORS].sort());
    } finally {
      await server.close();
    }
  });

  it("a symbol with 300 trading days in the database keeps the load's own window", async () => {
    await db.pool.query(
      `insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
       select 'AAA', d::date, 1, now(), 1, 1
       from generate_series(date '2023-06-01', date '2024-11-29', interval '1 day') as d
       where extract(isodow from d) < 6 limit 300`,
    );
    const server = await startFmpServer();
    try {
      await loadFmp(loader, { env: fmpEnv(server), datasets: ['equity_price'], symbols: ['ZZZ'], ...WINDOW, force: true });
      const froms = priceFroms(server);
      expect(froms.get('AAA')).toBe(WINDOW.from);
      expect(await sessions(froms.get('BBB')!, WINDOW.to)).toBe(300);
    } finally {
      await server.close();
      await db.pool.query(`delete from core.equity_quotes_current where symbol = 'AAA'`);
    }
  });

  it('a load of dividends and splits asks for those of the analytics symbols too, and lands them', async () => {
    const symbolsAt = (server: FmpServer, p: string) =>
      [...new Set(server.requests.filter((r) => r.path === p).map((r) => r.query.get('symbol')!))].sort();
    // AAA (a position) has a dividend; every other symbol answers none
    const server = await startFmpServer({
      fault: (r) =>
        r.path === '/stable/dividends' && r.query.get('symbol') === 'AAA'
          ? {
              body: JSON.stringify([
                { symbol: 'AAA', date: '2024-11-08', dividend: 0.25, adjDividend: 0.25, yield: 0.5, frequency: 'Quarterly' },
              ]),
            }
          : undefined,
    });
    try {
      const s = await loadFmp(loader, {
        env: fmpEnv(server),
        datasets: ['equity_dividend', 'equity_split'],
        symbols: ['ZZZ'],
        ...WINDOW,
        force: true,
      });
      expect(s.status).toBe('completed');
      // the equities (positions, underlyings) as equities, the factor ETFs as ETFs: both kinds of each action
      expect(s.datasets.map((d) => d.dataset).sort()).toEqual([
        'fmp.equity_dividend',
        'fmp.equity_split',
        'fmp.etf_dividend',
        'fmp.etf_split',
      ]);
      const asked = (p: string) => symbolsAt(server, p);
      expect(asked('/stable/dividends')).toEqual(['AAA', 'BBB', 'CCC', ...FACTORS, 'ZZZ'].sort());
      expect(asked('/stable/splits')).toEqual(['AAA', 'BBB', 'CCC', ...FACTORS, 'ZZZ'].sort());
      // no prices or treasury rates with a load of corporate actions
      expect(server.requests.filter((r) => isPrices(r.path) || r.path === '/stable/treasury-rates')).toEqual([]);
      const { rows: batches } = await db.pool.query<{ dataset: string; symbol: string }>(
        `select dataset, request->'params'->>'symbol' as symbol from raw.batch where source = 'fmp' and dataset in ('fmp.etf_dividend', 'fmp.etf_split')`,
      );
      expect([...new Set(batches.map((b) => b.symbol))].sort()).toEqual([...FACTORS].sort());
      await runTransforms(db.pool, { only: ['equity_dividend', 'equity_split', 'etfs_dividend', 'etfs_split'], quiet: true });
      const { rows } = await db.pool.query(`select symbol, date::text, dividend::float8 from api.equity_dividend where symbol = 'AAA'`);
      expect(rows).toEqual([{ symbol: 'AAA', date: '2024-11-08', dividend: 0.25 }]);
    } finally {
      await server.close();
    }
  });

  it('--no-analytics-symbols leaves them out of dividends and splits too', async () => {
    const server = await startFmpServer();
    try {
      const s = await loadFmp(loader, {
        env: fmpEnv(server),
        datasets: ['equity_dividend'],
        symbols: ['ZZZ'],
        noAnalyticsSymbols: true,
        force: true,
      });
      expect(s.datasets.map((d) => d.dataset)).toEqual(['fmp.equity_dividend']);
      expect(server.requests.map((r) => [r.path, r.query.get('symbol')])).toEqual([['/stable/dividends', 'ZZZ']]);
    } finally {
      await server.close();
    }
  });

  it('--no-analytics-symbols leaves them out', async () => {
    const server = await startFmpServer();
    try {
      const s = await loadFmp(loader, {
        env: fmpEnv(server),
        datasets: ['equity_price'],
        symbols: ['ZZZ'],
        noAnalyticsSymbols: true,
        ...WINDOW,
        force: true,
      });
      expect([...priceFroms(server).entries()]).toEqual([['ZZZ', WINDOW.from]]);
      expect(server.requests.filter((r) => r.path === '/stable/treasury-rates')).toEqual([]);
      expect(s.datasets.map((d) => d.dataset)).toEqual(['fmp.equity_price']);
    } finally {
      await server.close();
    }
  });

  it('the CLI: `sra load fmp --datasets equity_price` adds them, --no-analytics-symbols does not', async () => {
    const server = await startFmpServer();
    try {
      const env = { DATABASE_URL: db.url, FMP_API_KEY: TEST_API_KEY, FMP_BASE_URL: server.url, SRA_PROGRESS: 'never' };
      const args = ['load', 'fmp', '--datasets', 'equity_price', '--symbols', 'ZZZ', '--from', WINDOW.from, '--to', WINDOW.to, '--force'];
      const without = await runCli([...args, '--no-analytics-symbols'], env);
      expect(without.code, without.stderr).toBe(0);
      expect([...priceFroms(server).keys()]).toEqual(['ZZZ']);
      const withThem = await runCli(args, env);
      expect(withThem.code, withThem.stderr).toBe(0);
      expect([...priceFroms(server).keys()].sort()).toEqual(['AAA', 'BBB', 'CCC', ...FACTORS, 'ZZZ'].sort());
      expect(server.requests.some((r) => r.path === '/stable/treasury-rates')).toBe(true);
    } finally {
      await server.close();
    }
  });
});
