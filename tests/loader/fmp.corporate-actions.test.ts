// Dividends and splits through the local FMP server, both API generations:
// `sra load fmp` asks for each equity's and ETF's dividend and split history
// at the generation's endpoint, lands the answers, and the transforms type
// them into api.equity_dividend / api.equity_split (and the ETF views) with
// the values of the answers (docs/CORPORATE-ACTIONS.md).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { FIXTURES_DIR, fmpEnv, startFmpServer, type FmpServer } from '../servers/fmp-server.ts';
import { loadFmp, type FmpLoadSummary } from '../../loader/sources/fmp.ts';
import { runTransforms } from '../../loader/transform.ts';

const EQUITIES = ['AAPL', 'MSFT', 'BRK-B'];
const ETFS = ['SPY'];

interface Dividend {
  date: string;
  dividend: number;
  adjDividend: number;
  recordDate: string;
  paymentDate: string;
  declarationDate: string;
}
interface Split {
  date: string;
  numerator: number;
  denominator: number;
}

/** The rows of a generated answer: the stable array, or the legacy {symbol, historical}. */
function answer<T>(gen: string, slug: string, symbol: string): T[] {
  const body = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, gen, slug, `${symbol}.json`), 'utf8')) as T[] | { historical: T[] };
  return Array.isArray(body) ? body : body.historical;
}

describe.each([
  { gen: 'stable' as const, dividends: 'dividends', splits: 'splits' },
  { gen: 'v3' as const, dividends: 'historical-price-full-stock_dividend', splits: 'historical-price-full-stock_split' },
])('sra load fmp, $gen API: dividends and splits', ({ gen, dividends, splits }) => {
  let db: TestDb;
  let server: FmpServer;
  let s: FmpLoadSummary;
  beforeAll(async () => {
    db = await freshDb();
    server = await startFmpServer();
    s = await loadFmp(db.pool, {
      env: fmpEnv(server, { FMP_API_GENERATION: gen }),
      datasets: ['equity_dividend', 'equity_split', 'etf_dividend', 'etf_split'],
      symbols: EQUITIES,
      etfSymbols: ETFS,
      // the analytics symbols (factor ETFs) join these datasets too: tests/loader/fmp.analytics-symbols.test.ts
      noAnalyticsSymbols: true,
    });
    await runTransforms(db.pool, { only: ['equity_dividend', 'equity_split', 'etfs_dividend', 'etfs_split'], quiet: true });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('asks for each symbol once per dataset at the generation endpoint', () => {
    expect(s.status).toBe('completed');
    expect(s.failed).toBe(0);
    const asked = server.requests.map((r) => `${r.path}${r.query.get('symbol') ? '?symbol=' + r.query.get('symbol') : ''}`).sort();
    const expected =
      gen === 'stable'
        ? [...EQUITIES, ...ETFS].flatMap((x) => [`/stable/dividends?symbol=${x}`, `/stable/splits?symbol=${x}`])
        : [...EQUITIES, ...ETFS].flatMap((x) => [
            `/api/v3/historical-price-full/stock_dividend/${x}`,
            `/api/v3/historical-price-full/stock_split/${x}`,
          ]);
    expect(asked).toEqual(expected.sort());
    expect(s.datasets.map((d) => [d.dataset, d.calls])).toEqual([
      ['fmp.equity_dividend', 3],
      ['fmp.equity_split', 3],
      ['fmp.etf_dividend', 1],
      ['fmp.etf_split', 1],
    ]);
  });

  it('types every dividend of the answers into api.equity_dividend / api.etf_dividend', async () => {
    for (const [view, symbol] of [
      ['api.equity_dividend', 'AAPL'],
      ['api.equity_dividend', 'MSFT'],
      ['api.etf_dividend', 'SPY'],
    ] as const) {
      const want = answer<Dividend>(gen, dividends, symbol).map((d) => ({
        date: d.date,
        dividend: d.dividend,
        adj_dividend: d.adjDividend,
        record_date: d.recordDate || null,
        payment_date: d.paymentDate || null,
        declaration_date: d.declarationDate || null,
      }));
      const { rows } = await db.pool.query(
        `select to_char(date, 'YYYY-MM-DD') as date, dividend::float8 as dividend, adj_dividend::float8 as adj_dividend,
                to_char(record_date, 'YYYY-MM-DD') as record_date, to_char(payment_date, 'YYYY-MM-DD') as payment_date,
                to_char(declaration_date, 'YYYY-MM-DD') as declaration_date
         from ${view} where symbol = $1 order by date desc`,
        [symbol],
      );
      expect(rows, `${view} ${symbol}`).toEqual(want);
    }
  });

  it('types every split into api.equity_split with its ratio; a symbol without any has none', async () => {
    const { rows } = await db.pool.query(
      `select symbol, to_char(date, 'YYYY-MM-DD') as date, numerator::float8 as numerator, denominator::float8 as denominator,
              ratio::float8 as ratio
       from api.equity_split order by symbol, date desc`,
    );
    const want = EQUITIES.flatMap((x) =>
      answer<Split>(gen, splits, x).map((r) => ({
        symbol: x,
        date: r.date,
        numerator: r.numerator,
        denominator: r.denominator,
        ratio: r.numerator / r.denominator,
      })),
    ).sort((a, b) => a.symbol.localeCompare(b.symbol));
    expect(rows).toEqual(want);
    expect(want.length).toBeGreaterThan(2);
    const { rows: etf } = await db.pool.query(`select count(*)::int as n from api.etf_split`);
    expect(etf[0].n).toBe(0);
  });

  it('records no unknown field and quarantines nothing', async () => {
    const { rows } = await db.pool.query(
      `select count(*)::int as n from ops.quality_issue
       where transform_name in ('equity_dividend', 'equity_split', 'etfs_dividend', 'etfs_split')`,
    );
    expect(rows[0].n).toBe(0);
  });
});
