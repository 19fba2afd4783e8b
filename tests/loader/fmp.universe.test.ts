import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { TEST_API_KEY, fmpEnv, startFmpServer, type FmpServer } from '../servers/fmp-server.ts';
import { dateChunks, loadFmp } from '../../loader/sources/fmp.ts';
import { runTransforms } from '../../loader/transform.ts';
import { ROOT } from '../../loader/migrate.ts';
import { makePool } from '../../loader/lib/db.ts';

const run = promisify(execFile);

/** Symbols the server was asked for, per endpoint path (comma lists split). */
function asked(server: FmpServer, pathPart: string): string[] {
  return server.requests
    .filter((r) => r.path.includes(pathPart))
    .flatMap((r) => r.match?.symbols ?? [])
    .sort();
}

describe('sra load fmp: which symbols, which dates', () => {
  let db: TestDb;
  let server: FmpServer;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it.each([
    { gen: 'v3', lists: 2 },
    { gen: 'stable', lists: 5 },
  ])(
    "without symbols or a database universe, takes FMP's symbol list filtered to NYSE, NASDAQ, AMEX, TSX, TSXV ($gen)",
    async ({ gen, lists }) => {
      const fresh = await freshDb();
      server = await startFmpServer();
      try {
        const s = await loadFmp(fresh.pool, { env: fmpEnv(server, { FMP_API_GENERATION: gen }), datasets: ['profile', 'etf_profile'] });
        expect(s.universe.source).toBe('symbol list');
        expect(asked(server, 'profile').filter((x) => !['SPY', 'XIU.TO'].includes(x))).toEqual(['AAPL', 'BRK-B', 'MSFT', 'SHOP.TO']);
        expect(asked(server, gen === 'v3' ? 'etf-info' : 'etf/info')).toEqual(['SPY', 'XIU.TO']);
        // the lists themselves land raw, as fmp.symbol_list
        const { rows } = await fresh.pool.query(
          `select count(*)::int as n from raw.batch where dataset = 'fmp.symbol_list' and status = 'landed'`,
        );
        expect(rows[0].n).toBe(lists);
      } finally {
        await server.close();
        await fresh.drop();
      }
    },
  );

  it('uses FMP_SYMBOLS / FMP_ETF_SYMBOLS when no symbols are given', async () => {
    server = await startFmpServer();
    try {
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_SYMBOLS: ' aapl, MSFT ', FMP_ETF_SYMBOLS: 'SPY' }),
        datasets: ['profile', 'etf_holdings'],
      });
      expect(s.universe).toMatchObject({ equity: 2, etf: 1, source: 'configured' });
      expect(asked(server, '/stable/profile')).toEqual(['AAPL', 'MSFT']);
      expect(asked(server, 'etf/holdings')).toEqual(['SPY']);
      expect(server.requests.some((r) => r.path.includes('company-screener'))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('otherwise takes the symbols already in core.equity_profile and core.etfs_profile, and sorts given symbols by what the database knows', async () => {
    server = await startFmpServer();
    try {
      await loadFmp(db.pool, { env: fmpEnv(server), datasets: ['etf_profile'], etfSymbols: ['SPY'] });
      await runTransforms(db.pool, { only: ['equity_profile', 'etfs_profile'], quiet: true });
      server.requests.length = 0;
      const s = await loadFmp(db.pool, { env: fmpEnv(server), datasets: ['financial_scores', 'etf_country_weightings'] });
      expect(s.universe.source).toBe('core.equity_profile');
      expect(asked(server, 'financial-scores')).toEqual(['AAPL', 'MSFT']);
      expect(asked(server, 'country-weightings')).toEqual(['SPY']);

      server.requests.length = 0;
      await loadFmp(db.pool, { env: fmpEnv(server), datasets: ['equity_peers', 'etf_peers'], symbols: ['AAPL', 'SPY', 'NEWCO'] });
      const peers = server.requests
        .filter((r) => r.path.includes('stock-peers'))
        .map((r) => r.query.get('symbol'))
        .sort();
      // SPY is a known ETF: asked once (etf_peers); the others are equities
      expect(peers).toEqual(['AAPL', 'NEWCO', 'SPY']);
      const { rows } = await db.pool.query(
        `select dataset, request -> 'params' ->> 'symbol' as symbol from raw.batch where dataset in ('fmp.equity_peers', 'fmp.etf_peers') order by 1, 2`,
      );
      expect(rows).toEqual([
        { dataset: 'fmp.equity_peers', symbol: 'AAPL' },
        { dataset: 'fmp.equity_peers', symbol: 'NEWCO' },
        { dataset: 'fmp.etf_peers', symbol: 'SPY' },
      ]);
    } finally {
      await server.close();
    }
  });

  it('takes a kind the database does not know yet from the symbol list, and only that kind', async () => {
    const fresh = await freshDb();
    server = await startFmpServer();
    try {
      await loadFmp(fresh.pool, { env: fmpEnv(server), datasets: ['profile'], symbols: ['AAPL'] });
      await runTransforms(fresh.pool, { only: ['equity_profile'], quiet: true });
      server.requests.length = 0;
      const s = await loadFmp(fresh.pool, { env: fmpEnv(server), datasets: ['financial_scores', 'etf_profile'] });
      expect(s.universe).toMatchObject({ equity: 1, etf: 2, source: 'core.equity_profile and symbol list' });
      expect(asked(server, 'financial-scores')).toEqual(['AAPL']);
      expect(asked(server, 'etf/info')).toEqual(['SPY', 'XIU.TO']);
    } finally {
      await server.close();
      await fresh.drop();
    }
  });

  it('runs as the landing-only role sra_loader, which may not read core: the universe then comes from the symbol list', async () => {
    const u = new URL(db.url);
    u.searchParams.set('options', '-c role=sra_loader');
    const loaderPool = makePool(u.toString(), 4);
    server = await startFmpServer();
    const warnings: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      warnings.push(String(chunk));
      return true;
    });
    try {
      const { rows } = await loaderPool.query(`select current_user as u`);
      expect(rows[0].u).toBe('sra_loader');
      const given = await loadFmp(loaderPool, {
        env: fmpEnv(server),
        datasets: ['profile', 'treasury'],
        symbols: ['AAPL'],
        from: '2024-11-20',
        to: '2024-11-29',
        force: true,
      });
      expect(given.status).toBe('completed');
      expect(given.landed).toBe(2);
      const listed = await loadFmp(loaderPool, { env: fmpEnv(server), datasets: ['financial_scores'] });
      expect(listed.universe.source).toBe('symbol list');
      expect(listed.status).toBe('completed');
      expect(warnings.join('')).toMatch(/may not read core\.equity_profile/);
    } finally {
      spy.mockRestore();
      await server.close();
      await loaderPool.end();
    }
  });

  it('chunks long date ranges into windows FMP answers, without gaps or overlaps', async () => {
    const chunks = dateChunks('2024-01-01', '2024-11-29', 90);
    expect(chunks[0]!.to).toBe('2024-11-29');
    expect(chunks[chunks.length - 1]!.from).toBe('2024-01-01');
    for (let i = 1; i < chunks.length; i++) {
      const next = new Date(chunks[i]!.to + 'T00:00:00Z');
      next.setUTCDate(next.getUTCDate() + 1);
      expect(next.toISOString().slice(0, 10)).toBe(chunks[i - 1]!.from);
    }
    for (const c of chunks) expect((Date.parse(c.to) - Date.parse(c.from)) / 86_400_000 + 1).toBeLessThanOrEqual(90);

    server = await startFmpServer();
    try {
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server),
        datasets: ['treasury', 'equity_price'],
        symbols: ['AAPL'],
        from: '2015-01-01',
        to: '2024-11-29',
      });
      const windows = server.requests.filter((r) => r.path.includes('treasury')).map((r) => `${r.query.get('from')}..${r.query.get('to')}`);
      expect(windows).toHaveLength(dateChunks('2015-01-01', '2024-11-29', 90).length);
      expect(new Set(windows).size).toBe(windows.length);
      const priceWindows = server.requests.filter((r) => r.path.includes('historical-price'));
      expect(priceWindows.length).toBeGreaterThan(1);
      expect(s.failed).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('sends the legacy multi-symbol profile as one call per 50 symbols', async () => {
    server = await startFmpServer();
    try {
      const symbols = Array.from({ length: 120 }, (_, i) => `M${i}`);
      const s = await loadFmp(db.pool, { env: fmpEnv(server, { FMP_API_GENERATION: 'v3' }), datasets: ['profile'], symbols });
      expect(s.calls).toBe(3);
      expect(server.requests.map((r) => r.match!.symbols.length)).toEqual(expect.arrayContaining([50, 50, 20]));
    } finally {
      await server.close();
    }
  });

  describe('on the command line', () => {
    const sra = path.join(ROOT, 'bin', 'sra');
    const cli = (args: string[], env: Record<string, string>) =>
      run(sra, args, { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', SRA_PROGRESS: 'never', ...env } }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    it('sra load fmp lands, prints a summary per dataset and can run the transforms', async () => {
      server = await startFmpServer();
      try {
        const r = await cli(
          [
            'load',
            'fmp',
            '--datasets',
            'profile,treasury',
            '--symbols',
            'AAPL,BRK-B',
            '--from',
            '2024-11-01',
            '--to',
            '2024-11-29',
            '--transform',
            '--force',
          ],
          {
            DATABASE_URL: db.url,
            FMP_API_KEY: TEST_API_KEY,
            FMP_BASE_URL: server.url,
          },
        );
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/fmp: completed: 3\/3 calls ok/);
        expect(r.stderr).toMatch(/fmp\.profile\s+2\/2 ok, 2 landed/);
        expect(r.stderr).toMatch(/transform treasury: \d+ batch\(es\)/);
        expect(r.stderr).not.toContain(TEST_API_KEY);
      } finally {
        await server.close();
      }
    });

    it('refuses an unknown dataset, a bad date or a missing key with one line and exit code 2', async () => {
      const base = { DATABASE_URL: db.url, FMP_API_KEY: TEST_API_KEY, FMP_BASE_URL: 'http://127.0.0.1:9' };
      const unknown = await cli(['load', 'fmp', '--datasets', 'profiles'], base);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/unknown FMP dataset "profiles": use daily, weekly, all or one of/);
      const date = await cli(['load', 'fmp', '--datasets', 'treasury', '--from', '2024-13-01'], base);
      expect(date.code).toBe(2);
      expect(date.stderr).toMatch(/--from 2024-13-01/);
      const nokey = await cli(['load', 'fmp', '--datasets', 'treasury'], { DATABASE_URL: db.url });
      expect(nokey.code).toBe(2);
      expect(nokey.stderr).toMatch(/FMP_API_KEY is required/);
    });
  });
});
