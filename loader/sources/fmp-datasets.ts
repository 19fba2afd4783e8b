// Every FMP dataset the SRA service collects, with its endpoint in each API
// generation, in one table (docs/FMP.md). The loader plans its calls from it and
// the replay server (fmp-replay.ts) recognises requests with it.
//
// Path templates: {symbol} is one symbol or a comma-separated list (the
// dataset's `multi` says how many per call); other {placeholders} come from
// the call's variant (e.g. {list} of the symbol list). Query values are
// literal or '{symbol}', '{from}', '{to}', '{period}', '{limit}'; a query
// parameter whose placeholder has no value is left out.

export type Generation = 'stable' | 'v3';
export type Schedule = 'daily' | 'weekly';
/** Which universe a dataset's symbols come from. */
export type SymbolKind = 'equity' | 'etf' | 'index' | 'none';
/** The envelope of a successful answer: an array of rows, or legacy prices' {symbol, historical}. */
export type Shape = 'array' | 'historical';

export interface Endpoint {
  path: string;
  query?: Record<string, string>;
  /** Symbols per call (comma-separated); 1 when the endpoint takes one symbol. */
  multi?: number;
  shape?: Shape;
  /** Several calls per run for datasets without symbols, e.g. one per list or exchange. */
  variants?: Record<string, string>[];
  /** Date-windowed: --from/--to chunked into windows of at most this many days. */
  chunkDays?: number;
  /**
   * Called for the same symbols when this endpoint answers without rows; both
   * answers land under the dataset, each with its own request.
   */
  fallback?: Endpoint;
}

export interface DatasetSpec {
  name: FmpDataset;
  schedule: Schedule;
  symbols: SymbolKind;
  /** Statements and their derivatives: one call per --period (annual, quarter). */
  period?: boolean;
  /** The endpoint (or endpoints: each is called) of each generation. */
  stable: Endpoint | readonly Endpoint[];
  v3: Endpoint | readonly Endpoint[];
}

/** The endpoints a dataset calls in a generation. */
export function endpointsOf(spec: DatasetSpec, generation: Generation): readonly Endpoint[] {
  const e = spec[generation];
  return Array.isArray(e) ? e : [e as Endpoint];
}

/** Exchanges of the default universe (FMP's symbol list filtered to these). */
export const UNIVERSE_EXCHANGES = ['NYSE', 'NASDAQ', 'AMEX', 'TSX', 'TSXV'] as const;

/** Index and sector quotes of fmp.market_quote unless FMP_MARKET_SYMBOLS says otherwise. */
export const DEFAULT_MARKET_SYMBOLS = [
  '^GSPC',
  '^DJI',
  '^IXIC',
  '^RUT',
  '^VIX',
  '^GSPTSE',
  'XLK',
  'XLF',
  'XLE',
  'XLV',
  'XLI',
  'XLY',
  'XLP',
  'XLU',
  'XLB',
  'XLRE',
  'XLC',
];

const PRICE_CHUNK_DAYS = 5 * 365; // FMP serves a few years per price-history call
const TREASURY_CHUNK_DAYS = 90; // the treasury endpoint answers at most three months

const STABLE_PRICES: Endpoint = {
  path: '/stable/historical-price-eod/full',
  query: { symbol: '{symbol}', from: '{from}', to: '{to}' },
  chunkDays: PRICE_CHUNK_DAYS,
};
const V3_PRICES: Endpoint = {
  path: '/api/v3/historical-price-full/{symbol}',
  query: { from: '{from}', to: '{to}' },
  shape: 'historical',
  chunkDays: PRICE_CHUNK_DAYS,
};

// dividends and splits: the legacy answer is {symbol, historical} like price history
const STABLE_DIVIDENDS: Endpoint = { path: '/stable/dividends', query: { symbol: '{symbol}' } };
const V3_DIVIDENDS: Endpoint = { path: '/api/v3/historical-price-full/stock_dividend/{symbol}', shape: 'historical' };
const STABLE_SPLITS: Endpoint = { path: '/stable/splits', query: { symbol: '{symbol}' } };
const V3_SPLITS: Endpoint = { path: '/api/v3/historical-price-full/stock_split/{symbol}', shape: 'historical' };

const periodQuery = { symbol: '{symbol}', period: '{period}', limit: '{limit}' };
const v3Period = { period: '{period}', limit: '{limit}' };

export const FMP_DATASETS = [
  {
    name: 'fmp.symbol_list',
    schedule: 'weekly',
    symbols: 'none',
    stable: {
      path: '/stable/company-screener',
      query: { exchange: '{exchange}', isActivelyTrading: 'true', limit: '100000' },
      variants: UNIVERSE_EXCHANGES.map((exchange) => ({ exchange })),
    },
    v3: { path: '/api/v3/{list}/list', variants: [{ list: 'stock' }, { list: 'etf' }] },
  },
  {
    // today's quote, and the daily history of the window (fills missed days, backfills with --from)
    name: 'fmp.market_quote',
    schedule: 'daily',
    symbols: 'index',
    stable: [{ path: '/stable/quote', query: { symbol: '{symbol}' } }, STABLE_PRICES],
    v3: [{ path: '/api/v3/quote/{symbol}', multi: 50 }, V3_PRICES],
  },
  { name: 'fmp.equity_price', schedule: 'daily', symbols: 'equity', stable: STABLE_PRICES, v3: V3_PRICES },
  { name: 'fmp.etf_price', schedule: 'daily', symbols: 'etf', stable: STABLE_PRICES, v3: V3_PRICES },
  {
    name: 'fmp.treasury',
    schedule: 'daily',
    symbols: 'none',
    stable: { path: '/stable/treasury-rates', query: { from: '{from}', to: '{to}' }, chunkDays: TREASURY_CHUNK_DAYS },
    v3: { path: '/api/v4/treasury', query: { from: '{from}', to: '{to}' }, chunkDays: TREASURY_CHUNK_DAYS },
  },
  {
    name: 'fmp.profile',
    schedule: 'weekly',
    symbols: 'equity',
    stable: { path: '/stable/profile', query: { symbol: '{symbol}' } },
    v3: { path: '/api/v3/profile/{symbol}', multi: 50 },
  },
  {
    name: 'fmp.income_statement',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/income-statement', query: periodQuery },
    v3: { path: '/api/v3/income-statement/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.balance_sheet',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/balance-sheet-statement', query: periodQuery },
    v3: { path: '/api/v3/balance-sheet-statement/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.cash_flow',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/cash-flow-statement', query: periodQuery },
    v3: { path: '/api/v3/cash-flow-statement/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.ratios',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/ratios', query: periodQuery },
    v3: { path: '/api/v3/ratios/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.key_metrics',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/key-metrics', query: periodQuery },
    v3: { path: '/api/v3/key-metrics/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.financial_scores',
    schedule: 'weekly',
    symbols: 'equity',
    stable: { path: '/stable/financial-scores', query: { symbol: '{symbol}' } },
    v3: { path: '/api/v4/score', query: { symbol: '{symbol}' } },
  },
  {
    name: 'fmp.income_growth',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/income-statement-growth', query: periodQuery },
    v3: { path: '/api/v3/income-statement-growth/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.balance_growth',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/balance-sheet-statement-growth', query: periodQuery },
    v3: { path: '/api/v3/balance-sheet-statement-growth/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.cashflow_growth',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/cash-flow-statement-growth', query: periodQuery },
    v3: { path: '/api/v3/cash-flow-statement-growth/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.financial_growth',
    schedule: 'weekly',
    symbols: 'equity',
    period: true,
    stable: { path: '/stable/financial-growth', query: periodQuery },
    v3: { path: '/api/v3/financial-growth/{symbol}', query: v3Period },
  },
  {
    name: 'fmp.equity_peers',
    schedule: 'weekly',
    symbols: 'equity',
    stable: { path: '/stable/stock-peers', query: { symbol: '{symbol}' } },
    v3: { path: '/api/v4/stock_peers', query: { symbol: '{symbol}' } },
  },
  {
    name: 'fmp.etf_profile',
    schedule: 'weekly',
    symbols: 'etf',
    stable: { path: '/stable/etf/info', query: { symbol: '{symbol}' } },
    v3: { path: '/api/v4/etf-info', query: { symbol: '{symbol}' } },
  },
  {
    name: 'fmp.etf_holdings',
    schedule: 'weekly',
    symbols: 'etf',
    stable: { path: '/stable/etf/holdings', query: { symbol: '{symbol}' } },
    // the legacy holder list is empty for many ETFs: then the SEC N-PORT holdings (rows of another shape)
    v3: { path: '/api/v3/etf-holder/{symbol}', fallback: { path: '/api/v4/etf-holdings', query: { symbol: '{symbol}' } } },
  },
  {
    name: 'fmp.etf_country_weightings',
    schedule: 'weekly',
    symbols: 'etf',
    stable: { path: '/stable/etf/country-weightings', query: { symbol: '{symbol}' } },
    v3: { path: '/api/v3/etf-country-weightings/{symbol}' },
  },
  {
    name: 'fmp.etf_peers',
    schedule: 'weekly',
    symbols: 'etf',
    stable: { path: '/stable/stock-peers', query: { symbol: '{symbol}' } },
    v3: { path: '/api/v4/stock_peers', query: { symbol: '{symbol}' } },
  },
  // corporate actions: a symbol's whole dividend and split history per call (docs/CORPORATE-ACTIONS.md)
  { name: 'fmp.equity_dividend', schedule: 'weekly', symbols: 'equity', stable: STABLE_DIVIDENDS, v3: V3_DIVIDENDS },
  { name: 'fmp.equity_split', schedule: 'weekly', symbols: 'equity', stable: STABLE_SPLITS, v3: V3_SPLITS },
  { name: 'fmp.etf_dividend', schedule: 'weekly', symbols: 'etf', stable: STABLE_DIVIDENDS, v3: V3_DIVIDENDS },
  { name: 'fmp.etf_split', schedule: 'weekly', symbols: 'etf', stable: STABLE_SPLITS, v3: V3_SPLITS },
] as const satisfies readonly DatasetSpec[];

export type FmpDataset =
  | 'fmp.symbol_list'
  | 'fmp.market_quote'
  | 'fmp.equity_price'
  | 'fmp.etf_price'
  | 'fmp.treasury'
  | 'fmp.profile'
  | 'fmp.income_statement'
  | 'fmp.balance_sheet'
  | 'fmp.cash_flow'
  | 'fmp.ratios'
  | 'fmp.key_metrics'
  | 'fmp.financial_scores'
  | 'fmp.income_growth'
  | 'fmp.balance_growth'
  | 'fmp.cashflow_growth'
  | 'fmp.financial_growth'
  | 'fmp.equity_peers'
  | 'fmp.etf_profile'
  | 'fmp.etf_holdings'
  | 'fmp.etf_country_weightings'
  | 'fmp.etf_peers'
  | 'fmp.equity_dividend'
  | 'fmp.equity_split'
  | 'fmp.etf_dividend'
  | 'fmp.etf_split';

const BY_NAME = new Map<string, DatasetSpec>(FMP_DATASETS.map((d) => [d.name, d as DatasetSpec]));

export const FMP_DATASET_NAMES: FmpDataset[] = FMP_DATASETS.map((d) => d.name);
/** Datasets the daily refresh loads (quotes, price history, treasury). */
export const FMP_DAILY_DATASETS: FmpDataset[] = FMP_DATASETS.filter((d) => d.schedule === 'daily').map((d) => d.name);
/** Datasets refreshed once a week (profiles, statements, metrics, peers, ETF details, dividends and splits, the symbol list). */
export const FMP_WEEKLY_DATASETS: FmpDataset[] = FMP_DATASETS.filter((d) => d.schedule === 'weekly').map((d) => d.name);

export function datasetSpec(name: string): DatasetSpec | undefined {
  return BY_NAME.get(name) ?? BY_NAME.get(`fmp.${name}`);
}

export class UnknownDatasetError extends Error {
  override name = 'UsageError';
}

/**
 * Dataset names from the command line: `profile` or `fmp.profile`, and the
 * groups `daily`, `weekly`, `all`. Unknown names fail with the list of known ones.
 */
export function resolveDatasets(names: string[] | undefined): DatasetSpec[] {
  if (!names?.length) return FMP_DATASETS.map((d) => d as DatasetSpec);
  const out = new Set<DatasetSpec>();
  for (const raw of names
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean)) {
    const group =
      raw === 'all' ? FMP_DATASET_NAMES : raw === 'daily' ? FMP_DAILY_DATASETS : raw === 'weekly' ? FMP_WEEKLY_DATASETS : undefined;
    if (group) {
      for (const g of group) out.add(BY_NAME.get(g)!);
      continue;
    }
    const spec = datasetSpec(raw);
    if (!spec) {
      throw new UnknownDatasetError(
        `unknown FMP dataset "${raw}": use daily, weekly, all or one of ${FMP_DATASET_NAMES.map((n) => n.slice(4)).join(', ')}`,
      );
    }
    out.add(spec);
  }
  // table order: the symbol list first (it can feed the universe), then daily, then weekly
  return FMP_DATASETS.map((d) => d as DatasetSpec).filter((d) => out.has(d));
}

/** Path of one call: placeholders filled, each path segment URL-encoded (^GSPC → %5EGSPC). */
export function fillPath(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`endpoint ${template}: no value for {${k}}`);
    return v.split(',').map(encodeURIComponent).join(',');
  });
}

/** Query of one call: placeholders filled; parameters without a value are left out. */
export function fillQuery(query: Record<string, string> | undefined, values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    const m = /^\{(\w+)\}$/.exec(v);
    const value = m ? values[m[1]!] : v;
    if (value !== undefined && value !== '') out[k] = value;
  }
  return out;
}
