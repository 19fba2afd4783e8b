// `sra load fundata-api`: Fundata's asynchronous database-sync API
// (docs/FUNDATA-API.md). Per endpoint: authenticate once (POST {key, secret}
// → token), request the endpoint from a date (→ execution_id), poll
// getresults/<execution_id> until Succeeded (bounded), stream the CSV at the
// returned url to a temporary file, and land it through the CSV landing path
// (landCsvFile, origin 'api'). The transforms then type and version the rows
// like any other batch: data_source 'API', a new data_version only where the
// content changed.
// Incremental: each endpoint asks from the day after the newest date already
// landed for it (ops.fundata_api_fromdate, computed in SQL), or from --from.
// Secrets: the key, secret and token travel only in the authenticate body and
// the Authorization header; they are registered for redaction and never stored.
// Every call goes through the shared HTTP stack (loader/lib/http-client.ts,
// source 'fundata'): limiter, retries, Retry-After, circuit breaker. A sync
// is a FundataSync (run, fetch, land, summary) over a DbsyncClient.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type pg from 'pg';
import { ConfigError, env as loadEnv, requireEnv, type Env } from '../config.ts';
import { landCsvFile, type LandResult } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { fileProgress } from '../lib/progress.ts';
import { registerSecret, redact } from '../lib/redact.ts';
import { HttpCallError, HttpClient, SlidingWindowLimiter, sleep, type Attempt, type BreakerOptions } from '../lib/http-client.ts';
import { startRun, finishRun, type RunStatus } from '../lib/runs.ts';
import { runTransforms, transformFailures, type TransformResult } from '../transform.ts';
import { UsageError } from './fundata-csv.ts';

export { UsageError };
export { backoffDelay } from '../lib/http-client.ts';

export interface FundataEndpoint {
  /** Path under the dbsync base URL. */
  endpoint: string;
  /** raw.batch.dataset of its batches (the datasets the transforms consume). */
  dataset: string;
  /** The field whose newest landed value sets the next fromdate. */
  dateField: 'Date' | 'ChangeDate';
  /** General endpoints also take language=en. */
  general: boolean;
  /** Other datasets whose landed dates count for the cursor (the CSV seed of the same data). */
  seedDatasets: string[];
}

const row = (
  endpoint: string,
  dataset: string,
  dateField: 'Date' | 'ChangeDate' = 'ChangeDate',
  extra: { general?: boolean; seed?: string[] } = {},
): FundataEndpoint => ({ endpoint, dataset, dateField, general: extra.general ?? false, seedDatasets: extra.seed ?? [] });

/**
 * The 21 endpoints: endpoint → dataset. Daily NAVPS and the general endpoints
 * feed core.fundata_quotes / core.fundata_data; the typed endpoints of
 * docs/FUNDATA-API.md feed their core.fundata_* tables; the rest land raw only.
 */
export const FUNDATA_ENDPOINTS: readonly FundataEndpoint[] = [
  row('fund/getdailynavps', 'fundata.fund_daily_navps', 'Date', { seed: ['fundata.quotes'] }),
  row('fund/getgeneral', 'fundata.fund_general', 'ChangeDate', { general: true }),
  row('fund/getperformancesummary', 'fundata.fund_performance_summary'),
  row('fund/getdistribution', 'fundata.fund_distribution'),
  row('fund/gettopholding', 'fundata.fund_top_holding'),
  row('fund/getallocations', 'fundata.fund_allocations'),
  row('fund/getload', 'fundata.fund_load'),
  row('fund/getotherfees', 'fundata.fund_other_fees'),
  row('fund/getexpense', 'fundata.fund_expense'),
  row('fund/gettrailerschedule', 'fundata.fund_trailer_schedule'),
  row('fund/getassets', 'fundata.fund_assets'),
  row('fund/getassociatedbenchmark', 'fundata.fund_associated_benchmark'),
  row('fund/getequitystyle', 'fundata.fund_equity_style'),
  row('fund/getfixedincomestyle', 'fundata.fund_fixed_income_style'),
  row('fund/getadvancedperformance', 'fundata.fund_advanced_performance'),
  row('fund/getyearlyperformance', 'fundata.fund_yearly_performance'),
  row('fund/getyearlyperformanceranking', 'fundata.fund_yearly_performance_ranking'),
  row('fund/getyearlyperformancerisk', 'fundata.fund_yearly_performance_risk'),
  row('instrument/getidentifiers', 'fundata.instrument_identifiers'),
  row('benchmark/getgeneral', 'fundata.benchmark_general', 'ChangeDate', { general: true }),
  row('benchmark/getyearlyperformance', 'fundata.benchmark_yearly_performance'),
];

/** Further attempts after a transient failure (timeouts, 429, 5xx, broken downloads). */
export const DEFAULT_RETRIES = 5;

/** fromdate of an endpoint nothing has landed for yet (and no --from): a full sync. */
export const FIRST_SYNC_FROMDATE = '1900-01-01';

// ---------------------------------------------------------------------------
// errors an operator can act on
// ---------------------------------------------------------------------------

/** The credentials were refused: nothing can be loaded until they are fixed. */
export class FundataAuthError extends ConfigError {
  override name = 'FundataAuthError';
}

/** One endpoint's call failed (after retries); other endpoints go on. */
export class FundataApiError extends Error {
  override name = 'FundataApiError';
}

export class FundataTimeoutError extends FundataApiError {
  override name = 'FundataTimeoutError';
}

export class FundataExecutionError extends FundataApiError {
  override name = 'FundataExecutionError';
}

// ---------------------------------------------------------------------------
// options and results
// ---------------------------------------------------------------------------

export interface FundataApiOptions {
  /** Endpoints to sync (endpoint path, dataset name or its short name); all 21 by default. */
  endpoints?: string[];
  /** fromdate for every endpoint (YYYY-MM-DD) instead of the incremental one. */
  from?: string;
  /** Run the transforms of the synced datasets afterwards. */
  transform?: boolean;
  /** Land a download even when the same bytes already landed for the dataset. */
  force?: boolean;
  /** The environment (credentials, URLs, poll interval and timeout); process env by default. */
  env?: Env;
  parentRunId?: number;
  /** Endpoints in flight at once (requests, polls and downloads; landing is one at a time). */
  concurrency?: number;
  /** Further attempts after a transient failure (timeouts, 429, 5xx, broken downloads); 5 by default. */
  retryLimit?: number;
  /** First retry delay; each further attempt doubles it. */
  retryBaseDelayMs?: number;
  /** Longest single retry delay (also caps a server's Retry-After). */
  retryMaxDelayMs?: number;
  /** Timeout of one HTTP call (authenticate, request, getresults) and of download inactivity. */
  requestTimeoutMs?: number;
  /** HTTP attempts per minute at most (the limiter); 600 by default. */
  callsPerMinute?: number;
  /** The source's circuit breaker (loader/lib/http-client.ts): failures in a row that open it, cool-down. */
  breaker?: BreakerOptions;
  /** Stops between steps: endpoints not yet landed end 'cancelled'; nothing lands half. */
  signal?: AbortSignal;
  progress?: 'auto' | 'always' | 'never';
  /** Where downloads are staged until landed (a fresh folder inside it, removed afterwards); the OS temp folder by default. */
  workDir?: string;
}

export type EndpointStatus = 'landed' | 'skipped' | 'failed' | 'cancelled';

export interface EndpointResult {
  endpoint: string;
  dataset: string;
  status: EndpointStatus;
  fromdate?: string;
  executionId?: string;
  batchId?: number;
  rows: number;
  rejected: number;
  bytes: number;
  polls: number;
  downloadAttempts: number;
  ms: number;
  error?: string;
}

export interface FundataApiSummary {
  runId: number;
  status: RunStatus;
  endpoints: EndpointResult[];
  landed: number;
  skipped: number;
  failed: number;
  rows: number;
  tokenRenewals: number;
  transforms?: TransformResult[];
}

/** A vendor's own words in an error body (message, error, Message), redacted and clipped. */
function vendorMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const m = j?.message ?? j?.Message ?? j?.error;
    return typeof m === 'string' && m.trim() ? clip(redact(m.trim()), 120) : undefined;
  } catch {
    const t = body.trim().replace(/\s+/g, ' ');
    return t ? clip(redact(t), 120) : undefined;
  }
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) + '…' : s);

/** Accept 'fund/getdailynavps', 'fundata.fund_daily_navps' or 'fund_daily_navps'. */
export function resolveEndpoints(names?: string[]): FundataEndpoint[] {
  if (!names?.length) return [...FUNDATA_ENDPOINTS];
  const wanted = names.map((n) => n.trim()).filter(Boolean);
  const out: FundataEndpoint[] = [];
  for (const n of wanted) {
    const e = FUNDATA_ENDPOINTS.find((x) => x.endpoint === n || x.dataset === n || x.dataset === `fundata.${n}`);
    if (!e) {
      throw new UsageError(`unknown Fundata endpoint "${n}"; one of: ${FUNDATA_ENDPOINTS.map((x) => x.endpoint).join(', ')}`);
    }
    if (!out.includes(e)) out.push(e);
  }
  return out;
}

const isoDate = z.iso.date();

// ---------------------------------------------------------------------------
// the dbsync protocol
// ---------------------------------------------------------------------------

const TokenBody = z.object({ token: z.string().min(1) });
const ExecutionBody = z.object({ execution_id: z.union([z.string().min(1), z.number()]).transform(String) });
const ResultBody = z.object({ status: z.string(), url: z.string().optional(), message: z.string().optional() });

interface ClientConfig {
  authUrl: string;
  baseUrl: string;
  key: string;
  secret: string;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  retryLimit: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  requestTimeoutMs: number;
  callsPerMinute: number;
  breaker?: BreakerOptions;
  signal?: AbortSignal;
}

/** Path of a URL without its query (a presigned URL's query is a credential). */
function shown(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/**
 * The dbsync protocol over the shared HTTP stack (loader/lib/http-client.ts,
 * source 'fundata'): the same limiter, retries with backoff, Retry-After,
 * redaction and circuit breaker as every other source.
 */
export class DbsyncClient {
  private token: string | undefined;
  private authenticating: Promise<string> | undefined;
  renewals = 0;
  private readonly http: HttpClient;

  constructor(private readonly cfg: ClientConfig) {
    this.http = new HttpClient({
      source: 'fundata',
      limiter: new SlidingWindowLimiter({ limit: cfg.callsPerMinute, smooth: false, maxInFlight: 16 }),
      timeoutMs: cfg.requestTimeoutMs,
      maxRetries: cfg.retryLimit,
      retryBaseMs: cfg.retryBaseDelayMs,
      retryMaxMs: cfg.retryMaxDelayMs,
      jitter: 0.1,
      breaker: cfg.breaker,
    });
  }

  close(): void {
    this.http.close();
  }

  /** Each retried attempt, as one warning. */
  private retries(what: string) {
    return (a: Attempt) => {
      if (a.retryDelayMs !== undefined) {
        log.warn(`${what}: ${a.error}, trying again in ${a.retryDelayMs} ms (attempt ${a.attempt + 1} of ${this.cfg.retryLimit + 1})`);
      }
    };
  }

  /** A JSON answer of one call; a failure as FundataApiError `what: reason` (the HTTP status, never the URL). */
  private async json(
    what: string,
    url: string,
    o: { method?: 'GET' | 'POST'; headers?: Record<string, string>; json?: unknown } = {},
  ): Promise<unknown> {
    const res = await this.http.request(url, { ...o, signal: this.cfg.signal, onAttempt: this.retries(what) });
    try {
      return JSON.parse(res.body) as unknown;
    } catch {
      throw new FundataApiError(`${what}: the answer is not JSON (HTTP ${res.status})`);
    }
  }

  /** POST {key, secret} → token. A 401/403 means the credentials are wrong: FundataAuthError. */
  async authenticate(): Promise<string> {
    this.authenticating ??= (async () => {
      try {
        const body = await this.json('authenticate', this.cfg.authUrl, {
          method: 'POST',
          json: { key: this.cfg.key, secret: this.cfg.secret },
        });
        const parsed = TokenBody.safeParse(body);
        if (!parsed.success) throw new FundataApiError(`authenticate: the answer holds no token`);
        registerSecret(parsed.data.token);
        this.token = parsed.data.token;
        return parsed.data.token;
      } catch (err) {
        if (err instanceof HttpCallError && (err.status === 401 || err.status === 403)) {
          const said = vendorMessage(err.body);
          throw new FundataAuthError(
            `Fundata refused the credentials (HTTP ${err.status} from ${new URL(this.cfg.authUrl).host}${said ? `: "${said}"` : ''}): check FUNDATA_ACCESS_KEY_ID and FUNDATA_SECRET_ACCESS_KEY`,
          );
        }
        if (err instanceof FundataApiError) throw err;
        throw new FundataApiError(`authenticate: ${(err as Error).message}`);
      } finally {
        this.authenticating = undefined;
      }
    })();
    return this.authenticating;
  }

  /**
   * Run a call with the current token; on a 401 (expired token) authenticate
   * again once and retry the call. Concurrent callers share one renewal.
   */
  private async authed<T>(what: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = this.token ?? (await this.authenticate());
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof HttpCallError && err.status === 401)) throw this.failure(what, err);
      let fresh: string;
      if (this.token && this.token !== token)
        fresh = this.token; // another call renewed it already
      else {
        this.token = undefined;
        this.renewals++;
        log.info(`${what}: the token expired; authenticating again`);
        fresh = await this.authenticate();
      }
      try {
        return await call(fresh);
      } catch (err2) {
        throw this.failure(`${what} (with a renewed token)`, err2);
      }
    }
  }

  private failure(what: string, err: unknown): Error {
    if (err instanceof FundataApiError) return err;
    return new FundataApiError(`${what}: ${(err as Error).message}`);
  }

  private url(p: string): string {
    return `${this.cfg.baseUrl.replace(/\/+$/, '')}/${p}`;
  }

  /** GET <endpoint>?fromdate[&language=en] → execution_id. */
  async request(e: FundataEndpoint, params: Record<string, string>): Promise<string> {
    const what = `${e.endpoint}: request`;
    const url = `${this.url(e.endpoint)}?${new URLSearchParams(params).toString()}`;
    const body = await this.authed(what, (token) => this.json(what, url, { headers: { authorization: token } }));
    const parsed = ExecutionBody.safeParse(body);
    if (!parsed.success) throw new FundataApiError(`${e.endpoint}: the answer to the request holds no execution_id`);
    return parsed.data.execution_id;
  }

  /** Poll getresults until Succeeded (→ url), within pollTimeoutMs. Running waits; anything else fails. */
  async waitForResult(e: FundataEndpoint, executionId: string): Promise<{ url: string; polls: number }> {
    const started = Date.now();
    const deadline = started + this.cfg.pollTimeoutMs;
    const what = `${e.endpoint}: getresults`;
    const url = this.url(`getresults/${encodeURIComponent(executionId)}`);
    for (let polls = 1; ; polls++) {
      const body = await this.authed(what, (token) => this.json(what, url, { headers: { authorization: token } }));
      const parsed = ResultBody.safeParse(body);
      if (!parsed.success) throw new FundataApiError(`${e.endpoint}: execution ${executionId}: the answer to getresults holds no status`);
      const { status, url: download, message } = parsed.data;
      if (/^succeeded$/i.test(status)) {
        if (!download) throw new FundataApiError(`${e.endpoint}: execution ${executionId} succeeded without a download url`);
        return { url: download, polls };
      }
      if (!/^running$/i.test(status)) {
        throw new FundataExecutionError(
          `${e.endpoint}: execution ${executionId} ended with status ${status}${message ? ` (${message})` : ''}`,
        );
      }
      if (Date.now() + this.cfg.pollIntervalMs > deadline) {
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        throw new FundataTimeoutError(
          `${e.endpoint}: execution ${executionId} still Running after ${secs}s and ${polls} polls (FUNDATA_POLL_TIMEOUT_MS=${this.cfg.pollTimeoutMs}); it will be asked again next run`,
        );
      }
      await sleep(this.cfg.pollIntervalMs, this.cfg.signal);
      if (this.cfg.signal?.aborted) throw new FundataApiError(`${e.endpoint}: cancelled while waiting for execution ${executionId}`);
    }
  }

  /**
   * Stream the CSV at url into file. A broken transfer (reset, premature end,
   * fewer bytes than Content-Length, 5xx) starts over from byte 0 after the
   * same backoff as the other calls; the presigned url gets no Authorization.
   */
  async download(e: FundataEndpoint, url: string, file: string): Promise<{ bytes: number; attempts: number }> {
    const from = shown(url);
    try {
      return await this.http.download(url, file, {
        signal: this.cfg.signal,
        onAttempt: this.retries(`${e.endpoint}: download from ${from}`),
      });
    } catch (err) {
      if (this.cfg.signal?.aborted) throw new FundataApiError(`${e.endpoint}: cancelled during the download`);
      const ce = err as HttpCallError;
      throw new FundataApiError(`${e.endpoint}: download from ${from}${ce.attempts ? ` (attempt ${ce.attempts})` : ''}: ${ce.message}`);
    }
  }
}

// ---------------------------------------------------------------------------
// the sync
// ---------------------------------------------------------------------------

/** The day after the newest date already landed for the endpoint (SQL), or null when nothing landed. */
export async function nextFromdate(pool: pg.Pool, e: FundataEndpoint): Promise<string | null> {
  const { rows } = await pool.query<{ d: string | null }>(`select ops.fundata_api_fromdate($1::text[], $2)::text as d`, [
    [e.dataset, ...e.seedDatasets],
    e.dateField,
  ]);
  return rows[0]?.d ?? null;
}

/** What one endpoint's sync got from the API: the file to land. */
interface Fetched {
  fromdate: string;
  params: Record<string, string>;
  executionId: string;
  file: string;
  bytes: number;
}

/**
 * One `sra load fundata-api`, in named steps:
 *   run()       authenticate, then the endpoints on a few workers
 *   fetch()     one endpoint from the API: fromdate, request, poll, download
 *   land()      its file through the CSV landing path, one landing at a time
 *   summary()   the counts, the status, recorded in ops.task_run
 */
class FundataSync {
  private readonly endpoints: FundataEndpoint[];
  private readonly client: DbsyncClient;
  private readonly results: EndpointResult[];
  private runId = 0;
  private tmpDir = '';
  /** Refused credentials: stops every endpoint. */
  private fatal: unknown;
  /** Landing is one COPY transaction at a time; requests, polls and downloads overlap. */
  private landing: Promise<unknown> = Promise.resolve();

  /** Options checked before anything runs: a usage or configuration error never starts a run. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly o: FundataApiOptions,
  ) {
    this.endpoints = resolveEndpoints(o.endpoints);
    if (o.from !== undefined && !isoDate.safeParse(o.from).success) {
      throw new UsageError(`--from must be a date YYYY-MM-DD, got "${o.from}"`);
    }
    const e = requireEnv(o.env ?? loadEnv(), 'FUNDATA_ACCESS_KEY_ID', 'FUNDATA_SECRET_ACCESS_KEY');
    registerSecret(e.FUNDATA_ACCESS_KEY_ID);
    registerSecret(e.FUNDATA_SECRET_ACCESS_KEY);
    this.client = new DbsyncClient({
      authUrl: e.FUNDATA_AUTH_URL,
      baseUrl: e.FUNDATA_BASE_URL,
      key: e.FUNDATA_ACCESS_KEY_ID,
      secret: e.FUNDATA_SECRET_ACCESS_KEY,
      pollIntervalMs: e.FUNDATA_POLL_INTERVAL_MS,
      pollTimeoutMs: e.FUNDATA_POLL_TIMEOUT_MS,
      retryLimit: o.retryLimit ?? DEFAULT_RETRIES,
      retryBaseDelayMs: o.retryBaseDelayMs ?? 1000,
      retryMaxDelayMs: o.retryMaxDelayMs ?? 60_000,
      requestTimeoutMs: o.requestTimeoutMs ?? 60_000,
      callsPerMinute: o.callsPerMinute ?? 600,
      breaker: o.breaker,
      signal: o.signal,
    });
    this.results = this.endpoints.map((x) => ({
      endpoint: x.endpoint,
      dataset: x.dataset,
      status: 'cancelled',
      rows: 0,
      rejected: 0,
      bytes: 0,
      polls: 0,
      downloadAttempts: 0,
      ms: 0,
    }));
  }

  async run(): Promise<FundataApiSummary> {
    const all = this.endpoints.length === FUNDATA_ENDPOINTS.length;
    this.runId = await startRun(
      this.pool,
      'load',
      `fundata-api ${all ? 'all endpoints' : this.endpoints.map((x) => x.endpoint).join(',')}`,
      this.o.parentRunId,
    );
    try {
      this.tmpDir = fs.mkdtempSync(path.join(this.o.workDir ?? os.tmpdir(), 'sra-fundata-'));
      await this.client.authenticate();
      await this.runAll();
      if (this.fatal) throw this.fatal;
    } catch (err) {
      await this.record({ status: 'failed', errors: [{ message: (err as Error).message }] });
      throw err;
    } finally {
      if (this.tmpDir) fs.rmSync(this.tmpDir, { recursive: true, force: true });
      this.client.close();
    }
    const summary = this.summary();
    const errors: { message: string; [k: string]: unknown }[] = this.results
      .filter((r) => r.error)
      .map((r) => ({ endpoint: r.endpoint, message: r.error! }));
    if (this.o.transform) {
      try {
        errors.push(...(await this.transform(summary)).map((message) => ({ message })));
      } catch (err) {
        summary.status = 'failed';
        errors.push({ message: `transforms: ${(err as Error).message}` });
        await this.record({ status: summary.status, errors });
        throw err;
      }
    }
    await this.record({ status: summary.status, errors });
    return summary;
  }

  /** The endpoints on `concurrency` workers; refused credentials or a cancel stop the queue. */
  private async runAll(): Promise<void> {
    const queue = this.endpoints.map((x, i) => [x, this.results[i]!] as const);
    const workers = Array.from({ length: Math.max(1, Math.min(this.o.concurrency ?? 4, queue.length)) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (this.fatal || this.o.signal?.aborted) return;
        await this.sync(next[0], next[1]);
      }
    });
    await Promise.all(workers);
  }

  /** One endpoint: fetch, land, and its result (failures are the endpoint's, except refused credentials). */
  private async sync(x: FundataEndpoint, r: EndpointResult): Promise<void> {
    const t0 = performance.now();
    const file = path.join(this.tmpDir, `${x.endpoint.replace(/\//g, '-')}.csv`);
    try {
      const got = await this.fetch(x, r, file);
      await this.land(x, r, got, t0);
    } catch (err) {
      r.status = this.o.signal?.aborted && !(err instanceof FundataAuthError) ? 'cancelled' : 'failed';
      r.error = redact((err as Error).message);
      if (err instanceof FundataAuthError) {
        this.fatal ??= err;
        return;
      }
      log.error(r.error);
    } finally {
      r.ms = Math.round(performance.now() - t0);
      fs.rmSync(file, { force: true });
    }
  }

  /** From the API: the fromdate (incremental or --from), the execution, its result, the file. */
  private async fetch(x: FundataEndpoint, r: EndpointResult, file: string): Promise<Fetched> {
    const fromdate = this.o.from ?? (await nextFromdate(this.pool, x)) ?? FIRST_SYNC_FROMDATE;
    r.fromdate = fromdate;
    const params: Record<string, string> = { fromdate, ...(x.general ? { language: 'en' } : {}) };
    const executionId = await this.client.request(x, params);
    r.executionId = executionId;
    const { url, polls } = await this.client.waitForResult(x, executionId);
    r.polls = polls;
    const dl = await this.client.download(x, url, file);
    r.downloadAttempts = dl.attempts;
    r.bytes = dl.bytes;
    return { fromdate, params, executionId, file, bytes: dl.bytes };
  }

  /** The downloaded file through landCsvFile (origin 'api'), after any landing still running. */
  private async land(x: FundataEndpoint, r: EndpointResult, f: Fetched, t0: number): Promise<void> {
    const opts: Parameters<typeof landCsvFile>[1] = {
      file: f.file,
      dataset: x.dataset,
      source: 'fundata',
      origin: 'api',
      request: { endpoint: x.endpoint, params: f.params, api_version: 'dbsync', execution_id: f.executionId },
      fileName: `${x.endpoint.replace(/\//g, '-')}-${f.fromdate}.csv`,
      displayPath: `fundata-api:${x.endpoint}?${new URLSearchParams(f.params).toString()}`,
      force: this.o.force,
      taskRunId: this.runId,
      onProgress: f.bytes > 4 << 20 ? fileProgress(x.endpoint, f.bytes, this.o.progress) : undefined,
    };
    const p = this.landing.then(() => landCsvFile(this.pool, opts));
    this.landing = p.catch(() => undefined);
    const landed: LandResult = await p;
    r.batchId = landed.batchId;
    r.rows = landed.status === 'landed' ? landed.rows : 0;
    r.rejected = landed.rejected;
    r.status = landed.status === 'landed' ? 'landed' : landed.status === 'skipped' ? 'skipped' : 'failed';
    if (r.status === 'failed') r.error = landed.message ?? 'landing failed';
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    if (r.status === 'landed') {
      log.info(`${x.endpoint} from ${f.fromdate}: landed ${x.dataset} batch ${r.batchId}, ${r.rows} rows (${r.polls} poll(s), ${secs}s)`);
      if (landed.message) log.warn(landed.message);
    } else if (r.status === 'skipped') log.info(`${x.endpoint} from ${f.fromdate}: nothing new, ${landed.message}`);
    else log.error(`${x.endpoint} from ${f.fromdate}: ${r.error}`);
  }

  /**
   * The transforms of the synced datasets: they also consume batches an
   * earlier run left pending. A transform or batch that failed (the others
   * ran) makes the sync partial; its messages are returned.
   */
  private async transform(summary: FundataApiSummary): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `select name from ops.transform_definition where kind = 'transform' and datasets && $1::text[] order by file_path`,
      [this.endpoints.map((x) => x.dataset)],
    );
    if (rows.length) summary.transforms = await runTransforms(this.pool, { only: rows.map((x) => x.name), parentRunId: this.runId });
    const failures = transformFailures(summary.transforms ?? []);
    if (failures.length && summary.status === 'completed') summary.status = 'partial';
    return failures.map((message) => `transforms: ${message}`);
  }

  private summary(): FundataApiSummary {
    const { results } = this;
    const landed = results.filter((r) => r.status === 'landed').length;
    const skipped = results.filter((r) => r.status === 'skipped').length;
    const failed = results.filter((r) => r.status === 'failed' || r.status === 'cancelled').length;
    return {
      runId: this.runId,
      status: failed === 0 ? 'completed' : landed + skipped > 0 ? 'partial' : this.o.signal?.aborted ? 'cancelled' : 'failed',
      endpoints: results,
      landed,
      skipped,
      failed,
      rows: results.reduce((a, r) => a + r.rows, 0),
      tokenRenewals: this.client.renewals,
    };
  }

  /** The run's outcome in ops.task_run (redacted there). */
  private record(o: { status: RunStatus; errors: { message: string; [k: string]: unknown }[] }): Promise<void> {
    return finishRun(this.pool, this.runId, {
      status: o.status,
      records: this.results.reduce((a, r) => a + r.rows, 0),
      failed: this.results.reduce((a, r) => a + r.rejected, 0),
      errors: o.errors,
      metrics: { endpoints: this.results, tokenRenewals: this.client.renewals },
    });
  }
}

/**
 * Sync Fundata API endpoints into raw (and, with transform, on into core).
 * Per-endpoint failures are reported in the summary (status partial/failed);
 * refused credentials stop everything with a FundataAuthError (a ConfigError),
 * the run recorded as failed with the reason first.
 */
export async function loadFundataApi(pool: pg.Pool, o: FundataApiOptions = {}): Promise<FundataApiSummary> {
  return new FundataSync(pool, o).run();
}
