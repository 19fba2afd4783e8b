// Which symbols an FMP load asks for (the universe rules of docs/FMP.md):
// given, configured, already in the database, or from FMP's symbol list.
import type pg from 'pg';
import type { Env } from '../config.ts';
import { log } from '../lib/log.ts';
import { DEFAULT_MARKET_SYMBOLS, UNIVERSE_EXCHANGES } from './fmp-datasets.ts';
import { ANALYTICS_SESSIONS, parseSymbols, type Universe } from './fmp-plan.ts';

/** Columns of a core table (from the catalog, so a role without privileges still sees the table exists). */
async function tableColumns(pool: pg.Pool, table: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ attname: string }>(
    `select a.attname from pg_attribute as a
     join pg_class as c on c.oid = a.attrelid
     join pg_namespace as n on n.oid = c.relnamespace
     where n.nspname = 'core' and c.relname = $1 and a.attnum > 0 and not a.attisdropped`,
    [table],
  );
  return new Set(rows.map((r) => r.attname));
}

/** What the database knows: symbols of core.equity_profile (is_etf splits them) and core.etfs_profile. */
async function knownSymbols(pool: pg.Pool): Promise<{ equity: string[]; etf: string[] }> {
  const out = { equity: [] as string[], etf: [] as string[] };
  try {
    // the latest version of each profile: core.equity_profile_latest (stored latest), else by arrival
    const latest = await tableColumns(pool, 'equity_profile_latest');
    const source = latest.has('symbol') ? 'core.equity_profile_latest' : 'core.equity_profile';
    const profile = latest.has('symbol') ? latest : await tableColumns(pool, 'equity_profile');
    if (profile.has('symbol')) {
      const order = profile.has('data_version') && !latest.has('symbol') ? 'order by symbol, data_version desc' : 'order by symbol';
      const etfCol = profile.has('is_etf') ? 'coalesce(is_etf, false)' : 'false';
      const active = profile.has('is_actively_trading') ? 'coalesce(is_actively_trading, true)' : 'true';
      const { rows } = await pool.query<{ symbol: string; is_etf: boolean; active: boolean }>(
        `select distinct on (symbol) symbol, ${etfCol} as is_etf, ${active} as active from ${source} where symbol is not null ${order}`,
      );
      for (const r of rows) if (r.active) (r.is_etf ? out.etf : out.equity).push(r.symbol);
    }
    const etfs = await tableColumns(pool, 'etfs_profile');
    if (etfs.has('symbol')) {
      const { rows } = await pool.query<{ symbol: string }>(
        `select distinct symbol from core.etfs_profile where symbol is not null order by symbol`,
      );
      for (const r of rows) if (!out.etf.includes(r.symbol)) out.etf.push(r.symbol);
      out.equity = out.equity.filter((s) => !out.etf.includes(s));
    }
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    // a landing-only role (sra_loader) may not read core
    log.warn(
      'fmp: this database role may not read core.equity_profile: the universe cannot come from the database (set FMP_SYMBOLS / FMP_ETF_SYMBOLS, or run as a role that reads core)',
    );
  }
  return out;
}

/** Equities and ETFs of the exchanges NYSE, NASDAQ, AMEX, TSX, TSXV in FMP's symbol list answers. */
export function universeFromSymbolList(bodies: unknown[]): { equity: string[]; etf: string[] } {
  const exchanges = new Set<string>(UNIVERSE_EXCHANGES);
  const equity = new Set<string>();
  const etf = new Set<string>();
  for (const body of bodies) {
    if (!Array.isArray(body)) continue;
    for (const row of body as Record<string, unknown>[]) {
      if (!row || typeof row.symbol !== 'string') continue;
      const exchange = String(row.exchangeShortName ?? row.exchange ?? '').toUpperCase();
      if (!exchanges.has(exchange)) continue;
      const type = typeof row.type === 'string' ? row.type.toLowerCase() : undefined;
      const isEtf = row.isEtf === true || type === 'etf';
      if (isEtf) etf.add(row.symbol);
      else if (type === undefined || type === 'stock') {
        if (row.isFund !== true) equity.add(row.symbol);
      }
    }
  }
  for (const s of etf) equity.delete(s);
  return { equity: [...equity].sort(), etf: [...etf].sort() };
}

/**
 * The symbols of each kind. Equities: --symbols, else FMP_SYMBOLS, else the
 * symbols already in core.equity_profile, else FMP's symbol list (NYSE,
 * NASDAQ, AMEX, TSX, TSXV). ETFs likewise with --etf-symbols/FMP_ETF_SYMBOLS.
 * A --symbols list serves the ETF datasets too when only ETF datasets are
 * selected or when the database knows the symbol as an ETF.
 */
export async function resolveUniverse(
  pool: pg.Pool,
  e: Env,
  o: { symbols?: string[]; etfSymbols?: string[]; marketSymbols?: string[] },
  needs: Set<string>,
): Promise<Universe> {
  const index = needs.has('index')
    ? (parseSymbols(o.marketSymbols, 'market symbols') ??
      parseSymbols(e.FMP_MARKET_SYMBOLS, 'FMP_MARKET_SYMBOLS') ??
      DEFAULT_MARKET_SYMBOLS)
    : [];
  if (!needs.has('equity') && !needs.has('etf')) return { equity: [], etf: [], index, source: 'none needed' };
  const fromOptions = o.symbols !== undefined || o.etfSymbols !== undefined;
  const symbols = fromOptions ? parseSymbols(o.symbols, '--symbols') : parseSymbols(e.FMP_SYMBOLS, 'FMP_SYMBOLS');
  const etfSymbols = fromOptions ? parseSymbols(o.etfSymbols, '--etf-symbols') : parseSymbols(e.FMP_ETF_SYMBOLS, 'FMP_ETF_SYMBOLS');
  const source = fromOptions ? 'given' : 'configured';
  if (symbols || etfSymbols) {
    if (etfSymbols) return { equity: symbols ?? [], etf: etfSymbols, index, source };
    const list = symbols!;
    if (!needs.has('equity')) return { equity: [], etf: list, index, source };
    if (!needs.has('etf')) return { equity: list, etf: [], index, source };
    const known = await knownSymbols(pool);
    const etf = list.filter((s) => known.etf.includes(s));
    return { equity: list.filter((s) => !etf.includes(s)), etf, index, source };
  }
  const known = await knownSymbols(pool);
  const fromList = (['equity', 'etf'] as const).filter((k) => needs.has(k) && !known[k].length);
  if (!fromList.length) return { ...known, index, source: 'core.equity_profile' };
  const fromDb = (['equity', 'etf'] as const).some((k) => needs.has(k) && known[k].length);
  return { ...known, index, source: fromDb ? 'core.equity_profile and symbol list' : 'symbol list', fromList: [...fromList] };
}

/**
 * The symbols the analytics need (ops.fmp_analytics_symbols: position symbols,
 * option underlyings, the factor ETFs), by kind, and those of them with less
 * price history in the database than the analytics need (`short`). None,
 * with a warning, when the database has no such function or this role may
 * not call it.
 */
export async function analyticsSymbols(pool: pg.Pool): Promise<{ equity: string[]; etf: string[]; short: string[] }> {
  const out = { equity: [] as string[], etf: [] as string[], short: [] as string[] };
  try {
    const { rows } = await pool.query<{ symbol: string; kind: string; short_history: boolean }>(
      `select symbol, kind, short_history from ops.fmp_analytics_symbols()`,
    );
    for (const r of rows) {
      (r.kind === 'etf' ? out.etf : out.equity).push(r.symbol);
      if (r.short_history) out.short.push(r.symbol);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42883' && code !== '42501') throw err;
    log.warn(
      'fmp: the symbols the analytics need are not known to this database or role (ops.fmp_analytics_symbols); loading the universe only',
    );
  }
  return out;
}

/**
 * Where the history of a symbol short of it starts: the first of the
 * ANALYTICS_SESSIONS (300) NYSE
 * sessions ending with the last completed session on or before `to`
 * (ops.fmp_analytics_from, from the trading calendar: docs/CALENDAR.md).
 * NULL when the calendar does not cover them, the database has no such
 * function or this role may not call it.
 */
export async function analyticsFrom(pool: pg.Pool, to: string): Promise<string | null> {
  try {
    const { rows } = await pool.query<{ from: string | null }>(`select ops.fmp_analytics_from($1::date, $2)::text as from`, [
      to,
      ANALYTICS_SESSIONS,
    ]);
    return rows[0]?.from ?? null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42883' && code !== '42501') throw err;
    return null;
  }
}
