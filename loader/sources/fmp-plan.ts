// What an FMP load calls: the options checked (symbols, dates, period, limit)
// and the calls planned from the dataset table (fmp-datasets.ts) for a
// universe of symbols. Pure functions: nothing here talks to FMP or the
// database.
import { z } from 'zod';
import { endpointsOf, fillPath, fillQuery, type DatasetSpec, type Endpoint, type Generation } from './fmp-datasets.ts';

/** Days of price history (and treasury rates) a load fetches when --from is not given. */
export const DEFAULT_LOOKBACK_DAYS = 7;

/** NYSE sessions of price history (and treasury rates) fetched for the symbols the analytics need. */
export const ANALYTICS_SESSIONS = 300;

/**
 * Calendar days of price history fetched for them when the database's trading
 * calendar does not cover those sessions: at least 300 trading days (about
 * 252 a year, less holidays).
 */
export const ANALYTICS_LOOKBACK_DAYS = 440;

export class FmpUsageError extends Error {
  override name = 'UsageError';
}

/** The symbols of each kind a load asks for. */
export interface Universe {
  equity: string[];
  etf: string[];
  index: string[];
  source: string;
  /** Kinds to take from FMP's symbol list (nothing given, configured or known). */
  fromList?: ('equity' | 'etf')[];
  /**
   * Symbols the analytics need (ops.fmp_analytics_symbols), added to the daily
   * price datasets and the dividend and split datasets; `short`: those with less history than the analytics need.
   */
  analytics?: { equity: string[]; etf: string[]; short: string[] };
}

/** One planned call. */
export interface Call {
  spec: DatasetSpec;
  ep: Endpoint;
  template: string;
  /** The path as sent (URL-encoded symbols). */
  path: string;
  /** The path as recorded: raw.batch.request.endpoint, ops.fmp_api_call.endpoint (^GSPC, not %5EGSPC). */
  endpoint: string;
  query: Record<string, string>;
  params: Record<string, string>;
  symbols: string[];
}

export interface PlanSettings {
  generation: Generation;
  window: { from: string; to: string };
  periods: ('annual' | 'quarter')[];
  /** Rows per statement call (FMP's `limit`). */
  limit: number | undefined;
  /** The start of the price and treasury window of the analytics symbols, when earlier than window.from. */
  analyticsFrom?: string;
}

const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[\^A-Z0-9][A-Z0-9.\-=^]{0,19}$/, 'is not an FMP symbol');
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')), 'is not a date');

/** Split "AAPL, msft BRK-B" into validated, upper-cased, distinct symbols. */
export function parseSymbols(text: string | string[] | undefined, what = 'symbols'): string[] | undefined {
  if (text === undefined) return undefined;
  const parts = (Array.isArray(text) ? text : [text]).flatMap((t) => t.split(/[\s,]+/)).filter(Boolean);
  if (!parts.length) return undefined;
  const out: string[] = [];
  for (const p of parts) {
    const r = symbolSchema.safeParse(p);
    if (!r.success) throw new FmpUsageError(`${what}: "${p}" ${r.error.issues[0]!.message}`);
    if (!out.includes(r.data)) out.push(r.data);
  }
  return out;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

/** [from, to] in windows of at most `days` days, newest first. */
export function dateChunks(from: string, to: string, days: number): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let end = to;
  while (end >= from) {
    const start = addDays(end, -(days - 1));
    out.push({ from: start < from ? from : start, to: end });
    end = addDays(start, -1);
  }
  return out;
}

/** The price history and treasury window: --from/--to, by default the last DEFAULT_LOOKBACK_DAYS days. */
export function dateWindow(o: { from?: string; to?: string }): { from: string; to: string } {
  for (const [k, v] of [
    ['--from', o.from],
    ['--to', o.to],
  ] as const) {
    if (v !== undefined && !daySchema.safeParse(v).success) throw new FmpUsageError(`${k} ${v}: must be a date YYYY-MM-DD`);
  }
  const to = o.to ?? isoDay(new Date());
  const from = o.from ?? addDays(to, -DEFAULT_LOOKBACK_DAYS);
  if (from > to) throw new FmpUsageError(`--from ${from} is after --to ${to}`);
  return { from, to };
}

/** Statement periods and row limit, checked. */
export function statementOptions(o: { period?: string; limit?: number }): Pick<PlanSettings, 'periods' | 'limit'> {
  if (o.period && o.period !== 'annual' && o.period !== 'quarter') throw new FmpUsageError(`--period ${o.period}: use annual or quarter`);
  if (o.limit !== undefined && !(Number.isInteger(o.limit) && o.limit > 0))
    throw new FmpUsageError(`--limit ${o.limit}: a whole number from 1`);
  return { periods: o.period ? [o.period as 'annual' | 'quarter'] : ['annual', 'quarter'], limit: o.limit };
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The call of one endpoint for one group of symbols, one variant, one date window, one period. */
function makeCall(
  spec: DatasetSpec,
  ep: Endpoint,
  symbols: string[],
  variant: Record<string, string>,
  w: { from: string; to: string } | undefined,
  period: string | undefined,
  limit: number | undefined,
): Call {
  const values: Record<string, string | undefined> = {
    ...variant,
    symbol: symbols.length ? symbols.join(',') : undefined,
    from: w?.from,
    to: w?.to,
    period,
    limit: spec.period && limit !== undefined ? String(limit) : undefined,
  };
  const query = fillQuery(ep.query, values);
  const params: Record<string, string> = { ...variant, ...query };
  if (symbols.length && ep.path.includes('{symbol}')) params.symbol = symbols.join(',');
  const p = fillPath(ep.path, values);
  return { spec, ep, template: ep.path, path: p, endpoint: decodeURIComponent(p), query, params, symbols };
}

/** The daily price history datasets (equity and ETF prices), which the analytics symbols join. */
export function isPriceDataset(spec: DatasetSpec): boolean {
  return spec.schedule === 'daily' && (spec.symbols === 'equity' || spec.symbols === 'etf');
}

/** The corporate-action datasets (dividends and splits of equities and ETFs), which the analytics symbols join too. */
export function isCorporateActionDataset(spec: DatasetSpec): boolean {
  return /^fmp\.(equity|etf)_(dividend|split)$/.test(spec.name);
}

/**
 * The symbols of one dataset: its kind's universe, plus the analytics symbols
 * of that kind for price history and corporate actions (their returns are
 * split-adjusted and their total returns count dividends: docs/CORPORATE-ACTIONS.md).
 */
function symbolsOf(spec: DatasetSpec, universe: Universe): string[] {
  if (spec.symbols === 'none') return [];
  if (spec.symbols === 'index') return universe.index;
  const own = universe[spec.symbols];
  // a symbol the universe has under the other kind is fetched under that kind only
  const other = universe[spec.symbols === 'equity' ? 'etf' : 'equity'];
  const extra = isPriceDataset(spec) || isCorporateActionDataset(spec) ? (universe.analytics?.[spec.symbols] ?? []) : [];
  return extra.length ? [...own, ...extra.filter((x) => !own.includes(x) && !other.includes(x))] : own;
}

/** Every call of the datasets for the universe, in table order. */
export function planCalls(specs: DatasetSpec[], universe: Universe, s: PlanSettings): Call[] {
  const calls: Call[] = [];
  const short = new Set(universe.analytics?.short ?? []);
  const long = s.analyticsFrom && s.analyticsFrom < s.window.from ? { from: s.analyticsFrom, to: s.window.to } : undefined;
  for (const spec of specs)
    for (const ep of endpointsOf(spec, s.generation)) {
      const groups: string[][] = spec.symbols === 'none' ? [[]] : chunk(symbolsOf(spec, universe), ep.multi ?? 1);
      for (const symbols of groups) {
        if (spec.symbols !== 'none' && !symbols.length) continue;
        // the price history of analytics symbols short of history, and then treasury rates, reach back further
        const longer = long && (spec.name === 'fmp.treasury' ? short.size > 0 : isPriceDataset(spec) && symbols.some((x) => short.has(x)));
        const w = longer ? long : s.window;
        const windows = ep.chunkDays ? dateChunks(w.from, w.to, ep.chunkDays) : [undefined];
        for (const variant of ep.variants ?? [{}]) {
          for (const w of windows) {
            for (const period of spec.period ? s.periods : [undefined])
              calls.push(makeCall(spec, ep, symbols, variant, w, period, s.limit));
          }
        }
      }
    }
  return calls;
}

/** The call to make when `c` answered without rows and its endpoint names a fallback (same symbols). */
export function fallbackCall(c: Call, s: PlanSettings): Call | undefined {
  const ep = c.ep.fallback;
  if (!ep) return undefined;
  return makeCall(c.spec, ep, c.symbols, {}, undefined, c.params.period, s.limit);
}
