// `sra load fmp`: every FMP dataset of the SRA service (fmp-datasets.ts),
// landed untouched, one raw batch per API response (the FMP landing contract
// of docs/FMP.md): raw.batch source 'fmp', origin 'api', format 'json',
// request {endpoint, generation, api_version, params} without the API key,
// raw.record line 1 = the response body as received.
//
// One load is an FmpLoad, in named steps:
//   plan()    the universe (fmp-universe.ts) and the calls (fmp-plan.ts)
//   call()    one call through the shared HTTP stack (loader/lib/http-client.ts:
//             limiter, retries, Retry-After, the per-source circuit breaker)
//   land()    check the answer's envelope, land it (or note it unchanged)
//   summary() the counts per dataset, recorded in ops.task_run
// Every HTTP attempt is logged in ops.fmp_api_call, in bulk (fmp-call-log.ts).
// One symbol's failure never stops the others; a dataset failing N calls in
// a row is stopped (FMP_CIRCUIT_BREAKER_FAILURES); a refused API key
// (401/403) or an HTTP 200 carrying "Error Message" stops the whole load.
import crypto from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { z } from 'zod';
import { env as loadEnv, requireEnv, ConfigError, type Env } from '../config.ts';
import { landJsonDocument } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { countProgress, type Progress } from '../lib/progress.ts';
import { maskSecretsInJson, redact, redactValue, registerSecret } from '../lib/redact.ts';
import { startRun, finishRun, type RunStatus } from '../lib/runs.ts';
import {
  BreakerOpenError,
  HttpCallError,
  HttpClient,
  SlidingWindowLimiter,
  type Attempt,
  type BreakerOptions,
  type Clock,
  type HttpResult,
} from '../lib/http-client.ts';
import { UNIVERSE_EXCHANGES, resolveDatasets, type DatasetSpec, type FmpDataset, type Generation } from './fmp-datasets.ts';
import { CallLog, type CallRow } from './fmp-call-log.ts';
import {
  ANALYTICS_LOOKBACK_DAYS,
  addDays,
  dateWindow,
  fallbackCall,
  isCorporateActionDataset,
  isPriceDataset,
  planCalls,
  statementOptions,
  type Call,
  type PlanSettings,
  type Universe,
} from './fmp-plan.ts';
import { analyticsFrom, analyticsSymbols, resolveUniverse, universeFromSymbolList } from './fmp-universe.ts';

export { FMP_DATASETS, FMP_DATASET_NAMES, FMP_DAILY_DATASETS, FMP_WEEKLY_DATASETS, resolveDatasets } from './fmp-datasets.ts';
export type { FmpDataset, Generation, DatasetSpec } from './fmp-datasets.ts';
export { ANALYTICS_LOOKBACK_DAYS, DEFAULT_LOOKBACK_DAYS, FmpUsageError, dateChunks, parseSymbols } from './fmp-plan.ts';
export { universeFromSymbolList } from './fmp-universe.ts';

export const DEFAULT_HOST = 'https://financialmodelingprep.com';

export interface FmpLoadOptions {
  /** Dataset names (`profile` or `fmp.profile`) or groups (daily, weekly, all). Default: all. */
  datasets?: string[];
  /** Symbols for the symbol datasets (see universe rules in docs/FMP.md). */
  symbols?: string[];
  /** ETF symbols for the ETF datasets. */
  etfSymbols?: string[];
  /** Index and sector symbols for fmp.market_quote. */
  marketSymbols?: string[];
  /**
   * Leave out the symbols the analytics need (position symbols, underlyings,
   * factor ETFs), which are otherwise added to every price history load.
   */
  noAnalyticsSymbols?: boolean;
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
  client?: { windowMs?: number; marginMs?: number; clock?: Clock; maxRetryAfterMs?: number; breaker?: BreakerOptions };
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
  /** Not called: the dataset's or the source's circuit breaker was open, or the load stopped. */
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

/** The host part of the API (FMP_BASE_URL may carry a path prefix, never /stable or /api/vN). */
export function apiHost(e: Env): string {
  return (e.FMP_BASE_URL ?? DEFAULT_HOST).replace(/\/+$/, '').replace(/\/(stable|api\/v\d+)$/, '');
}

const clip = (s: string, n = 160) => (s.length > n ? s.slice(0, n) + '…' : s);

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function header(h: Attempt['headers'], ...names: string[]): number | null {
  for (const n of names) {
    const v = h?.[n];
    const x = Number(Array.isArray(v) ? v[0] : v);
    if (v !== undefined && Number.isFinite(x)) return Math.trunc(x);
  }
  return null;
}

/** The vendor's own words in an error body ("Error Message", message, error). */
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

/** The envelope check (zod): what landing needs, never the business fields. */
// Arrays of rows; `{}` is FMP's empty answer for some unknown symbols. Any other
// object where rows are expected is an error body, not data.
const arrayEnvelope = z.union([z.array(z.unknown()), z.object({}).strict()]);
// Legacy price history {symbol, historical: [...]} ({} when unknown), or rows.
const historicalEnvelope = z.union([
  z.object({ symbol: z.string().optional(), historical: z.array(z.unknown()).optional() }).loose(),
  z.array(z.unknown()),
]);

function describeJson(body: unknown): string {
  if (Array.isArray(body)) return 'an array';
  if (body === null) return 'null';
  if (typeof body === 'object') return `an object with keys ${clip(Object.keys(body as object).join(', '), 60)}`;
  return typeof body;
}

function rowsOf(body: unknown): number {
  return Array.isArray(body) ? body.length : ((body as { historical?: unknown[] }).historical?.length ?? 0);
}

/** One dataset of a load: its counts, and its own stop (the dataset's circuit breaker). */
class DatasetRun {
  readonly summary: FmpDatasetSummary;
  /** Calls failed in a row. */
  consecutive = 0;
  readonly stop = new AbortController();

  constructor(name: FmpDataset, loadStop: AbortSignal) {
    this.summary = {
      dataset: name,
      calls: 0,
      attempts: 0,
      succeeded: 0,
      landed: 0,
      unchanged: 0,
      empty: 0,
      failed: 0,
      skipped: 0,
      rows: 0,
      errors: [],
    };
    // a dataset's calls stop with the load, or alone when its circuit breaker opens
    setMaxListeners(0, this.stop.signal);
    loadStop.addEventListener('abort', () => this.stop.abort(), { once: true });
  }

  get stopped(): boolean {
    return this.stop.signal.aborted;
  }

  /** Keep one of the first five errors (redacted). */
  note(message: string): void {
    if (this.summary.errors.length < 5) this.summary.errors.push(redact(message));
  }

  halt(why: string): void {
    if (this.summary.stopped) return;
    this.summary.stopped = redact(why);
    log.error(`fmp: ${this.summary.dataset} stopped: ${why}`);
    this.stop.abort();
  }
}

type Outcome = Pick<CallRow, 'outcome'> & Partial<CallRow>;

/** One `sra load fmp`. */
class FmpLoad {
  private readonly e: Env & { FMP_API_KEY: string };
  private readonly generation: Generation;
  private specs: DatasetSpec[];
  private readonly settings: PlanSettings;
  private readonly host: string;
  private readonly t0 = performance.now();
  private readonly stop = new AbortController();
  private readonly datasets = new Map<string, DatasetRun>();
  private readonly batchIds: number[] = [];
  private readonly symbolListBodies: unknown[] = [];
  private taskRunId = 0;
  private http!: HttpClient;
  private callLog!: CallLog;
  private universe: Universe = { equity: [], etf: [], index: [], source: 'none' };
  private progress: Progress | undefined;
  private halted: string | undefined;
  private breakerNoted = false;
  private done = 0;
  private errors = 0;

  /** Options checked before anything runs: a usage or configuration error never starts a run. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly o: FmpLoadOptions,
  ) {
    // every dataset, queued attempt and open request listens to it
    setMaxListeners(0, this.stop.signal);
    this.e = requireEnv(o.env ?? loadEnv(), 'FMP_API_KEY');
    registerSecret(this.e.FMP_API_KEY);
    this.generation = this.e.FMP_API_GENERATION;
    this.specs = this.selectDatasets();
    this.settings = { generation: this.generation, window: dateWindow(o), ...statementOptions(o) };
    this.host = apiHost(this.e);
    try {
      new URL(this.host);
    } catch {
      throw new ConfigError(`configuration: FMP_BASE_URL is not a URL`);
    }
    for (const s of this.specs) this.tally(s);
  }

  /**
   * The datasets asked for. Given symbols (--symbols, --etf-symbols) need no
   * universe, so the symbol list (a download of every listed symbol) is left
   * out unless it was named on its own.
   */
  private selectDatasets(): DatasetSpec[] {
    const specs = resolveDatasets(this.o.datasets);
    const given = Boolean(this.o.symbols?.length || this.o.etfSymbols?.length);
    const named = (this.o.datasets ?? []).flatMap((n) => n.split(',')).some((n) => ['symbol_list', 'fmp.symbol_list'].includes(n.trim()));
    if (!given || named || !specs.some((s) => s.name === 'fmp.symbol_list')) return specs;
    log.info('fmp: symbols given: fmp.symbol_list is not loaded (name it in --datasets to load it too)');
    return specs.filter((s) => s.name !== 'fmp.symbol_list');
  }

  async run(): Promise<FmpLoadSummary> {
    await this.open();
    let fatal: Error | undefined;
    try {
      await this.plan();
    } catch (err) {
      fatal = err as Error;
    } finally {
      this.progress?.stop();
      this.o.signal?.removeEventListener('abort', this.onOuterAbort);
      this.http.close();
    }
    try {
      await this.callLog.close();
    } catch (err) {
      fatal ??= err as Error;
    }
    const summary = this.summary(fatal);
    await this.record(summary, fatal);
    if (fatal) throw fatal;
    return summary;
  }

  private readonly onOuterAbort = () => this.stop.abort();

  /** The run in ops.task_run, the HTTP client, the call log. */
  private async open(): Promise<void> {
    const { e, o } = this;
    this.taskRunId = await startRun(this.pool, 'load', `fmp ${this.specs.map((s) => s.name.slice(4)).join(',')}`, o.parentRunId);
    const limiter = new SlidingWindowLimiter({
      limit: e.FMP_CALLS_PER_MINUTE,
      windowMs: o.client?.windowMs ?? 60_000,
      marginMs: o.client?.marginMs,
      maxInFlight: e.FMP_MAX_IN_FLIGHT,
      clock: o.client?.clock,
    });
    this.http = new HttpClient({
      source: 'fmp',
      limiter,
      timeoutMs: e.FMP_TIMEOUT_MS,
      maxRetries: e.FMP_MAX_RETRIES,
      retryBaseMs: e.FMP_RETRY_BASE_MS,
      jitter: 0.25,
      maxRetryAfterMs: o.client?.maxRetryAfterMs,
      breaker: o.client?.breaker,
    });
    this.callLog = new CallLog(this.pool, o.callLogBatch ?? 250);
    o.signal?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  private tally(spec: DatasetSpec): DatasetRun {
    let d = this.datasets.get(spec.name);
    if (!d) {
      d = new DatasetRun(spec.name, this.stop.signal);
      this.datasets.set(spec.name, d);
    }
    return d;
  }

  /** Stop the whole load with one line (a refused key, an "Error Message"). */
  private halt(line: string): void {
    if (this.halted) return;
    this.halted = redact(line);
    log.error(this.halted);
    this.stop.abort();
  }

  /** The universe, the symbol list when it is needed or asked for, then every other call. */
  private async plan(): Promise<void> {
    const { e } = this;
    const listSpec = resolveDatasets(['symbol_list'])[0]!;
    this.universe = await resolveUniverse(this.pool, e, this.o, new Set(this.specs.map((s) => s.symbols)));
    const universe = this.universe;
    await this.addAnalyticsSymbols();
    const specs = this.specs;
    const needList = Boolean(universe.fromList?.length);
    if (needList || specs.some((s) => s.name === listSpec.name)) {
      await this.runAll(planCalls([listSpec], universe, this.settings));
      if (needList) this.takeUniverseFromList();
    }
    const rest = planCalls(
      specs.filter((s) => s.name !== listSpec.name),
      universe,
      this.settings,
    );
    if (this.halted) {
      for (const c of rest) {
        const d = this.tally(c.spec).summary;
        d.calls++;
        d.skipped++;
      }
      return;
    }
    log.info(
      `fmp: ${rest.length} calls (${this.generation} API) for ${specs.length} dataset(s): ${universe.equity.length} equities, ${universe.etf.length} ETFs, ${universe.index.length} index symbols (${universe.source})${universe.analytics ? ` and ${universe.analytics.equity.length + universe.analytics.etf.length} symbols the analytics need` : ''}; at most ${e.FMP_CALLS_PER_MINUTE} calls/min, ${e.FMP_MAX_IN_FLIGHT} in flight`,
    );
    this.progress = countProgress('fmp', this.done + rest.length, this.o.progress ?? e.SRA_PROGRESS);
    await this.runAll(rest);
  }

  /**
   * A load of price history also fetches the symbols the analytics need, and
   * treasury rates (a load of dividends or splits, their dividends and splits); those with less history in the database than the
   * analytics need, and then treasury rates, from 300 NYSE sessions back
   * (ops.fmp_analytics_from; ANALYTICS_LOOKBACK_DAYS calendar days without
   * the trading calendar) (docs/FMP.md, "Universe"); --no-analytics-symbols leaves them out.
   */
  private async addAnalyticsSymbols(): Promise<void> {
    const prices = this.specs.some(isPriceDataset);
    const actions = this.specs.filter(isCorporateActionDataset).map((x) => (x.name.endsWith('_dividend') ? 'dividend' : 'split'));
    if (this.o.noAnalyticsSymbols || (!prices && !actions.length)) return;
    const need = await analyticsSymbols(this.pool);
    const u = this.universe;
    // a symbol the universe already has under the other kind keeps that kind
    const equity = need.equity.filter((x) => !u.etf.includes(x));
    const etf = need.etf.filter((x) => !u.equity.includes(x));
    if (!equity.length && !etf.length) return;
    u.analytics = { equity, etf, short: need.short };
    // prices and treasury rates with a price load; each corporate action of
    // the load for both kinds (the factor ETFs' dividends with the equities')
    const add = [
      ...(prices ? [equity.length && 'fmp.equity_price', etf.length && 'fmp.etf_price', 'fmp.treasury'] : []),
      ...actions.flatMap((a) => [equity.length && `fmp.equity_${a}`, etf.length && `fmp.etf_${a}`]),
    ].filter(Boolean) as string[];
    const names = new Set([...this.specs.map((s) => s.name), ...add]);
    this.specs = resolveDatasets([...names]);
    for (const s of this.specs) this.tally(s);
    // 300 NYSE sessions back (the trading calendar), else calendar days
    if (prices) {
      const from = (await analyticsFrom(this.pool, this.settings.window.to)) ?? addDays(this.settings.window.to, -ANALYTICS_LOOKBACK_DAYS);
      if (need.short.length && from < this.settings.window.from) this.settings.analyticsFrom = from;
    }
    log.info(
      `fmp: the analytics need ${equity.length} equities and ${etf.length} ETFs` +
        (this.settings.analyticsFrom
          ? `; ${need.short.length} of them short of history: their prices and treasury rates from ${this.settings.analyticsFrom}`
          : ''),
    );
  }

  private takeUniverseFromList(): void {
    const kinds = this.universe.fromList!;
    const u = universeFromSymbolList(this.symbolListBodies);
    for (const k of kinds) this.universe[k] = u[k];
    if (this.halted) return;
    log.info(
      `fmp: from FMP's symbol list (${UNIVERSE_EXCHANGES.join(', ')}): ${kinds.map((k) => `${u[k].length} ${k === 'etf' ? 'ETFs' : 'equities'}`).join(', ')}`,
    );
    if (!kinds.some((k) => u[k].length))
      log.warn('fmp: the symbol list gave no symbol of those exchanges; set FMP_SYMBOLS / FMP_ETF_SYMBOLS or pass --symbols');
  }

  /** Run calls with enough workers to keep the limiter's in-flight slots busy while others land. */
  private async runAll(calls: Call[]): Promise<void> {
    for (const c of calls) this.tally(c.spec).summary.calls++;
    let next = 0;
    const workers = Math.max(1, Math.min(calls.length, this.e.FMP_MAX_IN_FLIGHT * 2));
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < calls.length) {
          const c = calls[next++]!;
          const rows = await this.call(c);
          // an endpoint with a fallback answered without rows: ask the fallback for the same symbols
          const fb = rows === 0 ? fallbackCall(c, this.settings) : undefined;
          if (fb) {
            this.tally(fb.spec).summary.calls++;
            await this.call(fb);
          }
          this.done++;
          this.progress?.update(this.done, { errors: this.errors });
        }
      }),
    );
  }

  /** One call: the request (with retries), then land(); the rows of its answer, or undefined when it failed or was skipped. */
  private async call(c: Call): Promise<number | undefined> {
    const d = this.tally(c.spec);
    if (this.halted || d.stopped) {
      d.summary.skipped++;
      return undefined;
    }
    const url = new URL(this.host + c.path);
    for (const [k, v] of Object.entries(c.query)) url.searchParams.set(k, v);
    url.searchParams.set('apikey', this.e.FMP_API_KEY);
    let last: Attempt | undefined;
    const onAttempt = (a: Attempt) => {
      d.summary.attempts++;
      if (a.retryDelayMs !== undefined) this.callLog.add(this.row(c, a, { outcome: 'retried' }));
      else last = a;
    };
    let res: HttpResult;
    try {
      res = await this.http.get(url.toString(), { signal: d.stop.signal, onAttempt });
    } catch (err) {
      this.callFailed(c, err as HttpCallError, last);
      return undefined;
    }
    return this.land(c, res, last!);
  }

  /** A call that gave up (or was never sent): record it, and stop what it says to stop. */
  private callFailed(c: Call, ce: HttpCallError, last: Attempt | undefined): void {
    const d = this.tally(c.spec);
    if (last) this.callLog.add(this.row(c, last, { outcome: ce.cancelled ? 'cancelled' : 'failed' }));
    if (ce instanceof BreakerOpenError) {
      // FMP failed call after call: nothing is sent until the breaker's cool-down has passed
      d.summary.skipped++;
      if (!this.breakerNoted) {
        this.breakerNoted = true;
        log.error(`fmp: ${ce.message}; the calls until then are skipped`);
      }
      if (!d.summary.errors.some((m) => m.includes('circuit breaker open'))) d.note(ce.message);
      return;
    }
    if (ce.cancelled || d.stopped) {
      d.summary.skipped++;
      return;
    }
    const vendor = errorMessageOf(ce.body);
    if (ce.status === 401 || ce.status === 403) {
      d.summary.failed++;
      this.errors++;
      this.halt(
        `fmp: FMP refused the request (HTTP ${ce.status}${vendor ? `: "${clip(vendor, 120)}"` : ''}) on ${c.endpoint}: the load stopped; check FMP_API_KEY and the plan's endpoints`,
      );
      return;
    }
    if (ce.status === 402) {
      // a plan restriction on this endpoint: nothing else of this dataset will work
      this.failCall(c, `HTTP 402${vendor ? ` "${clip(vendor, 120)}"` : ''}`);
      d.halt(`FMP says the plan does not include ${c.template} (HTTP 402); the rest of ${c.spec.name} is skipped`);
      return;
    }
    this.failCall(c, `${ce.message}${ce.attempts > 1 ? ` after ${ce.attempts} attempts` : ''}${vendor ? ` "${clip(vendor, 120)}"` : ''}`);
  }

  /** Count a failed call; N in a row stop its dataset. */
  private failCall(c: Call, reason: string): void {
    const d = this.tally(c.spec);
    d.summary.failed++;
    this.errors++;
    d.consecutive++;
    d.note(`${c.endpoint}: ${reason}`);
    log.warn(`fmp: ${c.spec.name} ${c.endpoint}${c.symbols.length ? ` (${clip(c.symbols.join(','), 40)})` : ''}: ${reason}`);
    if (d.consecutive >= this.e.FMP_CIRCUIT_BREAKER_FAILURES) {
      d.halt(`${d.consecutive} calls failed in a row (last: ${clip(reason, 100)}); the rest of ${c.spec.name} is skipped`);
    }
  }

  /** An answer: check its envelope, land it (or note it unchanged); its rows, or undefined when it failed. */
  private async land(c: Call, res: HttpResult, last: Attempt): Promise<number | undefined> {
    const d = this.tally(c.spec);
    // the body lands as received, except a registered secret the server echoed
    const text = maskSecretsInJson(res.body);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const reason = `the response is not JSON (HTTP ${res.status}, ${Buffer.byteLength(text)} bytes): ${JSON.stringify(clip(redact(text.trim()), 80))}`;
      return this.rejectAnswer(c, res, text, last, reason);
    }
    if (body && typeof body === 'object' && !Array.isArray(body) && 'Error Message' in body) {
      const msg = redact(String((body as Record<string, unknown>)['Error Message']));
      this.callLog.add(this.row(c, last, { outcome: 'failed', error: clip(`HTTP ${res.status} with "Error Message": ${msg}`, 300) }));
      d.summary.failed++;
      this.errors++;
      this.halt(`fmp: FMP answered HTTP ${res.status} with "Error Message": "${clip(msg, 160)}" on ${c.endpoint}: the load stopped`);
      return undefined;
    }
    const shape = c.ep.shape ?? 'array';
    const envelope = shape === 'array' ? arrayEnvelope.safeParse(body) : historicalEnvelope.safeParse(body);
    if (!envelope.success) {
      const reason = `unexpected response: expected ${shape === 'array' ? 'a JSON array' : 'an object {symbol, historical: [...]}'}, got ${describeJson(body)}`;
      return this.rejectAnswer(c, res, text, last, reason);
    }
    const rows = rowsOf(body);
    if (c.spec.name === 'fmp.symbol_list') this.symbolListBodies.push(body);

    const request = this.requestOf(c);
    try {
      const prev = this.o.force ? undefined : await this.sameAnswer(c, request, sha256(text));
      if (prev !== undefined) {
        d.summary.unchanged++;
        this.callLog.add(this.row(c, last, { outcome: 'unchanged', batch_id: prev, row_count: rows }));
      } else {
        const { batchId } = await landJsonDocument(this.pool, {
          source: 'fmp',
          dataset: c.spec.name,
          request,
          httpStatus: res.status,
          body,
          text,
          taskRunId: this.taskRunId,
        });
        d.summary.landed++;
        this.batchIds.push(batchId);
        this.callLog.add(this.row(c, last, { outcome: 'landed', batch_id: batchId, row_count: rows }));
      }
    } catch (err) {
      const reason = `landing failed: ${(err as Error).message}`;
      this.callLog.add(this.row(c, last, { outcome: 'failed', error: clip(redact(reason), 300) }));
      this.failCall(c, reason);
      return undefined;
    }
    d.summary.succeeded++;
    d.summary.rows += rows;
    if (rows === 0) d.summary.empty++;
    d.consecutive = 0;
    return rows;
  }

  /** The batch of the same request last landed, when its body was the same. */
  private async sameAnswer(c: Call, request: object, hash: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ batch_id: string; sha256: string }>(
      `select batch_id, sha256 from raw.batch
       where source = 'fmp' and dataset = $1 and md5(request::text) = md5($2::jsonb::text) and status = 'landed'
       order by batch_id desc limit 1`,
      [c.spec.name, JSON.stringify(redactValue(request))],
    );
    return rows[0]?.sha256 === hash ? Number(rows[0].batch_id) : undefined;
  }

  /** An answer that cannot land (not JSON, not the expected envelope): a failed batch and a failed call, both with the reason. */
  private async rejectAnswer(c: Call, res: HttpResult, text: string, last: Attempt, reason: string): Promise<undefined> {
    this.callLog.add(this.row(c, last, { outcome: 'failed', error: clip(reason, 300) }));
    await this.pool.query(
      `insert into raw.batch (source, dataset, origin, format, request, http_status, file_size, sha256, row_count, status, error, task_run_id)
       values ('fmp', $1, 'api', 'json', $2, $3, $4, $5, 0, 'failed', $6, $7)`,
      [
        c.spec.name,
        JSON.stringify(redactValue(this.requestOf(c))),
        res.status,
        Buffer.byteLength(text),
        sha256(text),
        redact(reason),
        this.taskRunId,
      ],
    );
    this.failCall(c, reason);
    return undefined;
  }

  private requestOf(c: Call) {
    return { endpoint: c.endpoint, generation: this.generation, api_version: this.generation, params: c.params };
  }

  /** The ops.fmp_api_call row of one attempt. */
  private row(c: Call, a: Attempt, extra: Outcome): CallRow {
    return {
      task_run_id: this.taskRunId,
      dataset: c.spec.name,
      endpoint: c.endpoint,
      endpoint_template: c.template,
      api_version: this.generation,
      params: c.params,
      symbols: c.symbols,
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
    };
  }

  /** The counts per dataset and in all, and the run's status. */
  private summary(fatal: Error | undefined): FmpLoadSummary {
    const datasets = [...this.datasets.values()].map((d) => d.summary);
    const sum = (k: 'calls' | 'attempts' | 'succeeded' | 'landed' | 'unchanged' | 'failed' | 'skipped' | 'rows') =>
      datasets.reduce((a, d) => a + d[k], 0);
    const ms = performance.now() - this.t0;
    const { universe } = this;
    const s: FmpLoadSummary = {
      status: 'completed',
      halted: this.halted,
      taskRunId: this.taskRunId,
      generation: this.generation,
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
      batchIds: this.batchIds,
      datasets,
    };
    s.status =
      fatal || this.halted
        ? 'failed'
        : this.o.signal?.aborted
          ? 'cancelled'
          : s.failed + s.skipped === 0
            ? 'completed'
            : s.succeeded > 0
              ? 'partial'
              : 'failed';
    return s;
  }

  /** The run's outcome in ops.task_run. */
  private async record(s: FmpLoadSummary, fatal: Error | undefined): Promise<void> {
    await finishRun(this.pool, this.taskRunId, {
      status: s.status,
      records: s.rows,
      failed: s.failed,
      errors: [
        ...(fatal ? [{ message: fatal.message }] : []),
        ...(s.halted ? [{ message: s.halted }] : []),
        ...s.datasets.flatMap((d) => [
          ...(d.stopped ? [{ dataset: d.dataset, message: d.stopped }] : []),
          ...d.errors.map((m) => ({ dataset: d.dataset, message: m })),
        ]),
      ],
      metrics: {
        generation: s.generation,
        universe: s.universe,
        calls: s.calls,
        attempts: s.attempts,
        calls_per_minute: s.callsPerMinute,
        landed: s.landed,
        unchanged: s.unchanged,
        ms: Math.round(s.ms),
        datasets: s.datasets.map(({ errors: _e, ...d }) => d),
      },
    }).catch((err) => log.warn(`could not record the run: ${(err as Error).message}`));
  }
}

/** Land the FMP datasets asked for (see FmpLoad); resolves with the summary, also recorded in ops.task_run. */
export async function loadFmp(pool: pg.Pool, o: FmpLoadOptions = {}): Promise<FmpLoadSummary> {
  return new FmpLoad(pool, o).run();
}
