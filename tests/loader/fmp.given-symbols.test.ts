// Given symbols need no universe: `sra load fmp --symbols X` (every dataset)
// never downloads FMP's symbol list (company screener / stock and ETF lists),
// unless the symbol list is named in --datasets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fmpEnv, startFmpServer } from '../servers/fmp-server.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';

const WINDOW = { from: '2024-11-25', to: '2024-11-29' };
const isList = (p: string) => /company-screener|\/stock\/list|\/etf\/list/.test(p);

describe('sra load fmp --symbols', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it.each(['stable', 'v3'] as const)('with every dataset, asks for the given symbols and never for the symbol list (%s)', async (gen) => {
    const server = await startFmpServer();
    try {
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_API_GENERATION: gen }),
        symbols: ['AAPL'],
        etfSymbols: ['SPY'],
        marketSymbols: ['^GSPC'],
        ...WINDOW,
      });
      expect(server.requests.filter((r) => isList(r.path))).toEqual([]);
      expect(s.datasets.map((d) => d.dataset)).not.toContain('fmp.symbol_list');
      expect(s.status).toBe('completed');
      expect(s.universe).toMatchObject({ equity: 1, etf: 1, source: 'given' });
    } finally {
      await server.close();
    }
  });

  it('with only --symbols, sorts them by what the database knows, still without the list', async () => {
    const server = await startFmpServer();
    try {
      await loadFmp(db.pool, { env: fmpEnv(server), datasets: ['all'], symbols: ['AAPL', 'MSFT'], ...WINDOW });
      expect(server.requests.filter((r) => isList(r.path))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('loads the symbol list when it is named, symbols or not', async () => {
    const server = await startFmpServer();
    try {
      const s = await loadFmp(db.pool, { env: fmpEnv(server), datasets: ['symbol_list', 'profile'], symbols: ['AAPL'] });
      expect(server.requests.filter((r) => isList(r.path))).toHaveLength(5);
      expect(s.datasets.map((d) => d.dataset)).toEqual(['fmp.symbol_list', 'fmp.profile']);
      expect(server.requests.filter((r) => r.path === '/stable/profile').map((r) => r.query.get('symbol'))).toEqual(['AAPL']);
    } finally {
      await server.close();
    }
  });
});
