// `sra load fmp`: every FMP dataset of the SRA service (fmp-datasets.ts),
// landed untouched, one raw batch per API response (DESIGN §3, the FMP
// landing contract): raw.batch source 'fmp', origin 'api', format 'json',
// request {endpoint, generation, api_version, params} without the API key,
// raw.record line 1 = the response body as received.
//
// Calls go through the rate-limited client (loader/lib/http-client.ts); every
// HTTP attempt is logged in ops.fmp_api_call, in bulk. One symbol's failure
// never stops the others; a dataset failing N calls in a row is stopped (the
// circuit breaker); a refused API key (401/403) or an HTTP 200 carrying
// "Error Message" stops the whole load at once.
import crypto from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { z } from 'zod';
import { env as loadEnv, requireEnv, ConfigError, type Env } from '../config.ts';
import { landJsonDocument } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { countProgress } from '../lib/progress.ts';
import { redact, redactValue, registerSecret } from '../lib/redact.ts';
import { startRun, finishRun, type RunStatus } from '../lib/runs.ts';
import { HttpCallError, RateLimitedHttp, SlidingWindowLimiter, type Attempt, type Clock } from '../lib/http-client.ts';
import {
  DEFAULT_MARKET_SYMBOLS,
  UNIVERSE_EXCHANGES,
  endpointsOf,
  fillPath,
  fillQuery,
  resolveDatasets,
  type DatasetSpec,
  type Endpoint,
  type FmpDataset,
  type Generation,
} from './fmp-datasets.ts';

export { FMP_DATASETS, FMP_DATASET_NAMES, FMP_DAILY_DATASETS, FMP_WEEKLY_DATASETS, resolveDatasets } from './fmp-datasets.ts';
export type { FmpDataset, Generation, DatasetSpec } from './fmp-datasets.ts';

export const DEFAULT_HOST = 'https://financialmodelingprep.com';
/** Days of price history (and treasury rates) a load fetches when --from is not given. */
export const DEFAULT_LOOKBACK_DAYS = 7;

export class FmpUsageError extends Error {
  override name = 'UsageError';
}

export interface FmpLoadOptions {
  /** Dataset names (`profile` or `fmp.profile`) or groups (daily, weekly, all). Default: all. */
  datasets?: string[];
  /** Symbols for the symbol datasets (see universe rules in docs/FMP.md). */
  symbols?: string[];
  /** ETF symbols for the ETF datasets. */
  etfSymbols?: string[];
  /** Index and sector symbols for fmp.market_quote. */
  marketSymbols?: string[];
  /** Price history and treasury window, YYYY-MM-DD (default: the last 7 days to today). */
  from?: string;
  to?: string;
  /** Statement period; default both annual and quarter. */
  period?: 'annual' | 'quarter';
  /** Rows per statement call (FMP's `limit`); default: FMP's own. */
  limit?: number;
  /** Land responses even when the same request was last answered with the same body. */
  force?: boolean;
  /** The environment (default: the process's). */
  env?: Env;
  progress?: 'auto' | 'always' | 'never';
  parentRunId?: number;
  signal?: AbortSignal;
  /** Client settings that are not environment variables (tests, bench). */
  client?: { windowMs?: number; marginMs?: number; clock?: Clock; maxRetryAfterMs?: number };
  /** Rows in ops.fmp_api_call buffered before one bulk insert. */
  callLogBatch?: number;
}

export interface FmpDatasetSummary {
  dataset: FmpDataset;
  /** Calls planned. */
  calls: number;
  /** HTTP attempts made, retries included. */
  attempts: number;
  succeeded: number;
  landed: number;
  unchanged: number;
  /** Successful answers without rows ([] or {}): landed and recorded all the same. */
  empty: number;
  failed: number;
  /** Not called: the dataset's circuit breaker opened or the load stopped. */
  skipped: number;
  /** Rows in the answers (array elements; price history rows). */
  rows: number;
  stopped?: string;
  errors: string[];
}

export interface FmpLoadSummary {
  status: RunStatus;
  /** The one line that stopped the load (refused key, "Error Message"). */
  halted?: string;
  taskRunId: number;
  generation: Generation;
  universe: { equity: number; etf: number; index: number; source: string };
  calls: number;
  attempts: number;
  succeeded: number;
  landed: number;
  unchanged: number;
  failed: number;
  skipped: number;
  rows: number;
  ms: number;
  /** HTTP attempts per minute over the load's wall time. */
  callsPerMinute: number;
  batchIds: number[];
  datasets: FmpDatasetSummary[];
}

/** One planned call. */
interface Call {
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

interface CallRow {
  task_run_id: number;
  dataset: string;
  endpoint: string;
  endpoint_template: string;
  api_version: Generation;
  params: Record<string, string>;
  symbols: string[];
  attempt: number;
  called_at: string;
  response_time_ms: number;
  http_status: number | null;
  rate_limit_remaining: number | null;
  response_bytes: number | null;
  row_count: number | null;
  outcome: 'landed' | 'unchanged' | 'retried' | 'failed' | 'cancelled';
  error: string | null;
  batch_id: number | null;
}

/** ops.fmp_api_call, written in bulk: one INSERT per `size` rows, every text redacted. */
class CallLog {
  private rows: CallRow[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  written = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly size: number,
  ) {}

  add(row: CallRow): void {
    this.rows.push(row);
    if (this.rows.length >= this.size) this.flush();
  }

  private flush(): void {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    this.chain = this.chain.then(async () => {
      try {
        await this.pool.query(
          `insert into ops.fmp_api_call (task_run_id, dataset, endpoint, endpoint_template, api_version, params, symbols,
             attempt, called_at, response_time_ms, http_status, rate_limit_remaining, response_bytes, row_count, outcome, error, batch_id)
           select task_run_id, dataset, endpoint, endpoint_template, api_version, coalesce(params, '{}'), coalesce(symbols, '{}'),
             attempt, called_at, response_time_ms, http_status, rate_limit_remaining, response_bytes, row_count, outcome, error, batch_id
           from jsonb_to_recordset($1::jsonb) as x (task_run_id bigint, dataset text, endpoint text, endpoint_template text,
             api_version text, params jsonb, symbols text[], attempt smallint, called_at timestamptz, response_time_ms integer,
             http_status integer, rate_limit_remaining integer, response_bytes integer, row_count integer, outcome text,
             error text, batch_id bigint)`,
          [redact(JSON.stringify(rows))],
        );
        this.written += rows.length;
      } catch (err) {
        this.failure ??= err as Error;
      }
    });
  }

  async close(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.failure) throw new Error(`could not record FMP calls in ops.fmp_api_call: ${this.failure.message}`);
  }
}

const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[\^A-Z0-9][A-Z0-9.\-=^]{0,19}$/, 'is not an FMP symbol');
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')), 'is not a date');

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

function addDays(day: string, n: number): string {
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

function window(o: FmpLoadOptions): { from: string; to: string } {
  for (const [k, v] of [['--from', o.from], ['--to', o.to]] as const) {
    if (v !== undefined && !daySchema.safeParse(v).success) throw new FmpUsageError(`${k} ${v}: must be a date YYYY-MM-DD`);
  }
  const to = o.to ?? isoDay(new Date());
  const from = o.from ?? addDays(to, -DEFAULT_LOOKBACK_DAYS);
  if (from > to) throw new FmpUsageError(`--from ${from} is after --to ${to}`);
  return { from, to };
}

/** The host part of the API (FMP_BASE_URL may carry a path prefix, never /stable or /api/vN). */
export function apiHost(e: Env): string {
  return (e.FMP_BASE_URL ?? DEFAULT_HOST).replace(/\/+$/, '').replace(/\/(stable|api\/v\d+)$/, '');
}

interface Universe {
  equity: string[];
  etf: string[];
  index: string[];
  source: string;
  /** Kinds to take from FMP's symbol list (nothing given, configured or known). */
  fromList?: ('equity' | 'etf')[];
}

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
      const { rows } = await pool.query<{ symbol: string }>(`select distinct symbol from core.etfs_profile where symbol is not null order by symbol`);
      for (const r of rows) if (!out.etf.includes(r.symbol)) out.etf.push(r.symbol);
      out.equity = out.equity.filter((s) => !out.etf.includes(s));
    }
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    // a landing-only role (sra_loader) may not read core
    log.warn('fmp: this database role may not read core.equity_profile: the universe cannot come from the database (set FMP_SYMBOLS / FMP_ETF_SYMBOLS, or run as a role that reads core)');
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

function planCalls(
  specs: DatasetSpec[],
  generation: Generation,
  universe: Universe,
  win: { from: string; to: string },
  periods: ('annual' | 'quarter')[],
  limit: number | undefined,
): Call[] {
  const calls: Call[] = [];
  for (const spec of specs) for (const ep of endpointsOf(spec, generation)) {
    const symbolTemplate = ep.path.includes('{symbol}');
    const groups: string[][] =
      spec.symbols === 'none'
        ? [[]]
        : chunk(spec.symbols === 'equity' ? universe.equity : spec.symbols === 'etf' ? universe.etf : universe.index, ep.multi ?? 1);
    const windows = ep.chunkDays ? dateChunks(win.from, win.to, ep.chunkDays) : [undefined];
    const variants = ep.variants ?? [{}];
    for (const symbols of groups) {
      if (spec.symbols !== 'none' && !symbols.length) continue;
      for (const variant of variants) {
        for (const w of windows) {
          for (const period of spec.period ? periods : [undefined]) {
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
            if (symbols.length && symbolTemplate) params.symbol = symbols.join(',');
            const p = fillPath(ep.path, values);
            calls.push({ spec, ep, template: ep.path, path: p, endpoint: decodeURIComponent(p), query, params, symbols });
          }
        }
      }
    }
  }
  return calls;
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function header(h: Attempt['headers'], ...names: string[]): number | null {
  for (const n of names) {
    const v = h?.[n];
    const x = Number(Array.isArray(v) ? v[0] : v);
    if (v !== undefined && Number.isFinite(x)) return Math.trunc(x);
  }
  return null;
}

function errorMessageOf(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const j = JSON.parse(body) as unknown;
    const o = (Array.isArray(j) ? j[0] : j) as Record<string, unknown> | undefined;
    const m = o?.['Error Message'] ?? o?.['message'] ?? o?.['error'];
    return typeof m === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

const clip = (s: string, n = 160) => (s.length > n ? s.slice(0, n) + '…' : s);

/** The envelope check (zod): what landing needs, never the business fields. */
// Arrays of rows; `{}` is FMP's empty answer for some unknown symbols. Any other
// object where rows are expected is an error body, not data.
const arrayEnvelope = z.union([z.array(z.unknown()), z.object({}).strict()]);
// Legacy price history {symbol, historical: [...]} ({} when unknown), or rows.
const historicalEnvelope = z.union([z.object({ symbol: z.string().optional(), historical: z.array(z.unknown()).optional() }).loose(), z.array(z.unknown())]);

function describeJson(body: unknown): string {
  if (Array.isArray(body)) return 'an array';
  if (body === null) return 'null';
  if (typeof body === 'object') return `an object with keys ${clip(Object.keys(body as object).join(', '), 60)}`;
  return typeof body;
}

export async function loadFmp(pool: pg.Pool, o: FmpLoadOptions = {}): Promise<FmpLoadSummary> {
  const e = requireEnv(o.env ?? loadEnv(), 'FMP_API_KEY');
  const apiKey = e.FMP_API_KEY;
  registerSecret(apiKey);
  const generation = e.FMP_API_GENERATION;
  const specs = resolveDatasets(o.datasets);
  const win = window(o);
  if (o.period && o.period !== 'annual' && o.period !== 'quarter') throw new FmpUsageError(`--period ${o.period}: use annual or quarter`);
  if (o.limit !== undefined && !(Number.isInteger(o.limit) && o.limit > 0)) throw new FmpUsageError(`--limit ${o.limit}: a whole number from 1`);
  const periods: ('annual' | 'quarter')[] = o.period ? [o.period] : ['annual', 'quarter'];
  const host = apiHost(e);
  try {
    new URL(host);
  } catch {
    throw new ConfigError(`configuration: FMP_BASE_URL is not a URL`);
  }

  const t0 = performance.now();
  const taskRunId = await startRun(pool, 'load', `fmp ${specs.map((s) => s.name.slice(4)).join(',')}`, o.parentRunId);
  const limiter = new SlidingWindowLimiter({
    limit: e.FMP_CALLS_PER_MINUTE,
    windowMs: o.client?.windowMs ?? 60_000,
    marginMs: o.client?.marginMs,
    maxInFlight: e.FMP_MAX_IN_FLIGHT,
    clock: o.client?.clock,
  });
  const http = new RateLimitedHttp({
    limiter,
    timeoutMs: e.FMP_TIMEOUT_MS,
    maxRetries: e.FMP_MAX_RETRIES,
    retryBaseMs: e.FMP_RETRY_BASE_MS,
    maxRetryAfterMs: o.client?.maxRetryAfterMs,
  });
  const callLog = new CallLog(pool, o.callLogBatch ?? 250);
  const stop = new AbortController();
  // every queued attempt and open request listens to it
  setMaxListeners(0, stop.signal);
  const onOuterAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let halted: string | undefined;
  const halt = (line: string) => {
    if (halted) return;
    halted = redact(line);
    log.error(halted);
    stop.abort();
  };

  type DatasetState = FmpDatasetSummary & { consecutive: number; stop: AbortController };
  const perDataset = new Map<string, DatasetState>();
  const stats = (spec: DatasetSpec): DatasetState => {
    let s = perDataset.get(spec.name);
    if (!s) {
      // a dataset's calls stop with the load, or alone when its circuit breaker opens
      const ds = new AbortController();
      setMaxListeners(0, ds.signal);
      stop.signal.addEventListener('abort', () => ds.abort(), { once: true });
      s = { dataset: spec.name, calls: 0, attempts: 0, succeeded: 0, landed: 0, unchanged: 0, empty: 0, failed: 0, skipped: 0, rows: 0, errors: [], consecutive: 0, stop: ds };
      perDataset.set(spec.name, s);
    }
    return s;
  };
  const stopDataset = (s: DatasetState, why: string) => {
    if (s.stopped) return;
    s.stopped = redact(why);
    log.error(`fmp: ${s.dataset} stopped: ${why}`);
    s.stop.abort();
  };
  for (const s of specs) stats(s);
  const batchIds: number[] = [];
  const symbolListBodies: unknown[] = [];
  let done = 0;
  let errors = 0;
  let progress: ReturnType<typeof countProgress> | undefined;

  const failCall = (c: Call, reason: string) => {
    const s = stats(c.spec);
    s.failed++;
    errors++;
    s.consecutive++;
    if (s.errors.length < 5) s.errors.push(redact(`${c.endpoint}: ${reason}`));
    log.warn(`fmp: ${c.spec.name} ${c.endpoint}${c.symbols.length ? ` (${clip(c.symbols.join(','), 40)})` : ''}: ${reason}`);
    if (s.consecutive >= e.FMP_CIRCUIT_BREAKER_FAILURES) {
      stopDataset(s, `${s.consecutive} calls failed in a row (last: ${clip(reason, 100)}); the rest of ${c.spec.name} is skipped`);
    }
  };

  const recordFailedBatch = async (c: Call, status: number, text: string, reason: string) => {
    await pool.query(
      `insert into raw.batch (source, dataset, origin, format, request, http_status, file_size, sha256, row_count, status, error, task_run_id)
       values ('fmp', $1, 'api', 'json', $2, $3, $4, $5, 0, 'failed', $6, $7)`,
      [c.spec.name, redact(JSON.stringify(requestOf(c))), status, Buffer.byteLength(text), sha256(text), redact(reason), taskRunId],
    );
  };

  const requestOf = (c: Call) => ({ endpoint: c.endpoint, generation, api_version: generation, params: c.params });

  const runCall = async (c: Call): Promise<void> => {
    const s = stats(c.spec);
    if (halted || s.stop.signal.aborted) {
      s.skipped++;
      return;
    }
    const url = new URL(host + c.path);
    for (const [k, v] of Object.entries(c.query)) url.searchParams.set(k, v);
    url.searchParams.set('apikey', apiKey);
    const base = {
      task_run_id: taskRunId,
      dataset: c.spec.name,
      endpoint: c.endpoint,
      endpoint_template: c.template,
      api_version: generation,
      params: c.params,
      symbols: c.symbols,
    };
    let last: Attempt | undefined;
    const row = (a: Attempt, extra: Pick<CallRow, 'outcome'> & Partial<CallRow>): CallRow => ({
      ...base,
      attempt: a.attempt,
      called_at: a.startedAt.toISOString(),
      response_time_ms: a.ms,
      http_status: a.status ?? null,
      rate_limit_remaining: header(a.headers, 'x-ratelimit-remaining', 'ratelimit-remaining', 'x-rate-limit-remaining'),
      response_bytes: a.bytes ?? null,
      row_count: null,
      error: a.error ? clip(a.body ? `${a.error}: ${a.body.replace(/\s+/g, ' ')}` : a.error, 300) : null,
      batch_id: null,
      ...extra,
    });
    const onAttempt = (a: Attempt) => {
      s.attempts++;
      if (a.retryDelayMs !== undefined) callLog.add(row(a, { outcome: 'retried' }));
      else last = a;
    };

    let res;
    try {
      res = await http.get(url.toString(), { signal: s.stop.signal, onAttempt });
    } catch (err) {
      const ce = err as HttpCallError;
      if (last) callLog.add(row(last, { outcome: ce.cancelled ? 'cancelled' : 'failed' }));
      if (ce.cancelled || s.stop.signal.aborted) {
        s.skipped++;
        return;
      }
      const vendor = errorMessageOf(ce.body);
      if (ce.status === 401 || ce.status === 403) {
        s.failed++;
        errors++;
        halt(`fmp: FMP refused the request (HTTP ${ce.status}${vendor ? `: "${clip(vendor, 120)}"` : ''}) on ${c.endpoint}: the load stopped; check FMP_API_KEY and the plan's endpoints`);
        return;
      }
      if (ce.status === 402) {
        // a plan restriction on this endpoint: nothing else of this dataset will work
        failCall(c, `HTTP 402${vendor ? ` "${clip(vendor, 120)}"` : ''}`);
        stopDataset(s, `FMP says the plan does not include ${c.template} (HTTP 402); the rest of ${c.spec.name} is skipped`);
        return;
      }
      failCall(c, `${ce.message}${ce.attempts > 1 ? ` after ${ce.attempts} attempts` : ''}${vendor ? ` "${clip(vendor, 120)}"` : ''}`);
      return;
    }

    // the body lands as received, except the key itself if the server echoed it
    const text = res.body.includes(apiKey) ? res.body.split(apiKey).join('***') : res.body;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const reason = `the response is not JSON (HTTP ${res.status}, ${Buffer.byteLength(text)} bytes): ${JSON.stringify(clip(text.trim(), 80))}`;
      callLog.add(row(last!, { outcome: 'failed', error: clip(reason, 300) }));
      await recordFailedBatch(c, res.status, text, reason);
      failCall(c, reason);
      return;
    }
    if (body && typeof body === 'object' && !Array.isArray(body) && 'Error Message' in body) {
      const msg = String((body as Record<string, unknown>)['Error Message']);
      callLog.add(row(last!, { outcome: 'failed', error: clip(`HTTP ${res.status} with "Error Message": ${msg}`, 300) }));
      s.failed++;
      errors++;
      halt(`fmp: FMP answered HTTP ${res.status} with "Error Message": "${clip(msg, 160)}" on ${c.endpoint}: the load stopped`);
      return;
    }
    const shape = c.ep.shape ?? 'array';
    const envelope = shape === 'array' ? arrayEnvelope.safeParse(body) : historicalEnvelope.safeParse(body);
    if (!envelope.success) {
      const reason = `unexpected response: expected ${shape === 'array' ? 'a JSON array' : 'an object {symbol, historical: [...]}'}, got ${describeJson(body)}`;
      callLog.add(row(last!, { outcome: 'failed', error: reason }));
      await recordFailedBatch(c, res.status, text, reason);
      failCall(c, reason);
      return;
    }
    const rows = Array.isArray(body) ? body.length : ((body as { historical?: unknown[] }).historical?.length ?? 0);
    if (c.spec.name === 'fmp.symbol_list') symbolListBodies.push(body);

    const request = requestOf(c);
    const hash = sha256(text);
    try {
      let prev: number | undefined;
      if (!o.force) {
        const { rows: p } = await pool.query<{ batch_id: string; sha256: string }>(
          `select batch_id, sha256 from raw.batch
           where source = 'fmp' and dataset = $1 and md5(request::text) = md5($2::jsonb::text) and status = 'landed'
           order by batch_id desc limit 1`,
          [c.spec.name, JSON.stringify(redactValue(request))],
        );
        if (p[0]?.sha256 === hash) prev = Number(p[0].batch_id);
      }
      if (prev !== undefined) {
        s.unchanged++;
        callLog.add(row(last!, { outcome: 'unchanged', batch_id: prev, row_count: rows }));
      } else {
        const { batchId } = await landJsonDocument(pool, { source: 'fmp', dataset: c.spec.name, request, httpStatus: res.status, body, text, taskRunId });
        s.landed++;
        batchIds.push(batchId);
        callLog.add(row(last!, { outcome: 'landed', batch_id: batchId, row_count: rows }));
      }
    } catch (err) {
      const reason = `landing failed: ${(err as Error).message}`;
      callLog.add(row(last!, { outcome: 'failed', error: clip(reason, 300) }));
      failCall(c, reason);
      return;
    }
    s.succeeded++;
    s.rows += rows;
    if (rows === 0) s.empty++;
    s.consecutive = 0;
  };

  /** Run calls with enough workers to keep the limiter's in-flight slots busy while others land. */
  const runAll = async (calls: Call[]) => {
    for (const c of calls) stats(c.spec).calls++;
    let next = 0;
    const workers = Math.max(1, Math.min(calls.length, e.FMP_MAX_IN_FLIGHT * 2));
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < calls.length) {
          const c = calls[next++]!;
          await runCall(c);
          done++;
          progress?.update(done, { errors });
        }
      }),
    );
  };

  let universe: Universe = { equity: [], etf: [], index: [], source: 'none' };
  let status: RunStatus = 'failed';
  let fatal: Error | undefined;
  try {
    const needs = new Set(specs.map((s) => s.symbols));
    const listSpec = resolveDatasets(['symbol_list'])[0]!;
    const listSelected = specs.some((s) => s.name === listSpec.name);
    universe = await resolveUniverse(pool, e, o, needs);
    const needList = Boolean(universe.fromList?.length);
    if (listSelected || needList) {
      const listCalls = planCalls([listSpec], generation, universe, win, periods, o.limit);
      await runAll(listCalls);
      if (needList) {
        const u = universeFromSymbolList(symbolListBodies);
        for (const k of universe.fromList!) universe[k] = u[k];
        if (!halted) {
          log.info(`fmp: from FMP's symbol list (${UNIVERSE_EXCHANGES.join(', ')}): ${universe.fromList!.map((k) => `${u[k].length} ${k === 'etf' ? 'ETFs' : 'equities'}`).join(', ')}`);
        }
        if (!halted && !universe.fromList!.some((k) => u[k].length)) {
          log.warn('fmp: the symbol list gave no symbol of those exchanges; set FMP_SYMBOLS / FMP_ETF_SYMBOLS or pass --symbols');
        }
      }
    }
    const rest = planCalls(specs.filter((s) => s.name !== listSpec.name), generation, universe, win, periods, o.limit);
    if (!halted) {
      log.info(
        `fmp: ${rest.length} calls (${generation} API) for ${specs.length} dataset(s): ${universe.equity.length} equities, ${universe.etf.length} ETFs, ${universe.index.length} index symbols (${universe.source}); at most ${e.FMP_CALLS_PER_MINUTE} calls/min, ${e.FMP_MAX_IN_FLIGHT} in flight`,
      );
      progress = countProgress('fmp', done + rest.length, o.progress ?? e.SRA_PROGRESS);
      await runAll(rest);
    } else {
      for (const c of rest) {
        const s = stats(c.spec);
        s.calls++;
        s.skipped++;
      }
    }
  } catch (err) {
    fatal = err as Error;
  } finally {
    progress?.stop();
    o.signal?.removeEventListener('abort', onOuterAbort);
    http.close();
  }
  try {
    await callLog.close();
  } catch (err) {
    fatal ??= err as Error;
  }

  const datasets: FmpDatasetSummary[] = [...perDataset.values()].map(({ consecutive: _c, stop: _s, ...d }) => d);
  const sum = (k: 'calls' | 'attempts' | 'succeeded' | 'landed' | 'unchanged' | 'failed' | 'skipped' | 'rows') => datasets.reduce((a, d) => a + d[k], 0);
  const ms = performance.now() - t0;
  const summary: FmpLoadSummary = {
    status: 'completed',
    halted,
    taskRunId,
    generation,
    universe: { equity: universe.equity.length, etf: universe.etf.length, index: universe.index.length, source: universe.source },
    calls: sum('calls'),
    attempts: sum('attempts'),
    succeeded: sum('succeeded'),
    landed: sum('landed'),
    unchanged: sum('unchanged'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    rows: sum('rows'),
    ms,
    callsPerMinute: Math.round((sum('attempts') / Math.max(ms, 1)) * 60_000),
    batchIds,
    datasets,
  };
  status =
    fatal || halted ? 'failed'
    : o.signal?.aborted ? 'cancelled'
    : summary.failed + summary.skipped === 0 ? 'completed'
    : summary.succeeded > 0 ? 'partial'
    : 'failed';
  summary.status = status;
  await finishRun(pool, taskRunId, {
    status,
    records: summary.rows,
    failed: summary.failed,
    errors: [
      ...(fatal ? [{ message: fatal.message }] : []),
      ...(halted ? [{ message: halted }] : []),
      ...datasets.flatMap((d) => [...(d.stopped ? [{ dataset: d.dataset, message: d.stopped }] : []), ...d.errors.map((m) => ({ dataset: d.dataset, message: m }))]),
    ],
    metrics: {
      generation,
      universe: summary.universe,
      calls: summary.calls,
      attempts: summary.attempts,
      calls_per_minute: summary.callsPerMinute,
      landed: summary.landed,
      unchanged: summary.unchanged,
      ms: Math.round(ms),
      datasets: datasets.map(({ errors: _e, ...d }) => d),
    },
  }).catch((err) => log.warn(`could not record the run: ${(err as Error).message}`));
  if (fatal) throw fatal;
  return summary;
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The symbols of each kind. Equities: --symbols, else FMP_SYMBOLS, else the
 * symbols already in core.equity_profile, else FMP's symbol list (NYSE,
 * NASDAQ, AMEX, TSX, TSXV). ETFs likewise with --etf-symbols/FMP_ETF_SYMBOLS.
 * A --symbols list serves the ETF datasets too when only ETF datasets are
 * selected or when the database knows the symbol as an ETF.
 */
async function resolveUniverse(pool: pg.Pool, e: Env, o: FmpLoadOptions, needs: Set<string>): Promise<Universe> {
  const index = needs.has('index') ? (parseSymbols(o.marketSymbols, 'market symbols') ?? parseSymbols(e.FMP_MARKET_SYMBOLS, 'FMP_MARKET_SYMBOLS') ?? DEFAULT_MARKET_SYMBOLS) : [];
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
