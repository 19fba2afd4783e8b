// `sra load fundata-api`: Fundata's asynchronous database-sync API
// (FUNDATA.md "The API"). Per endpoint: authenticate once (POST {key, secret}
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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import got, { HTTPError, RequestError, type Got } from 'got';
import { z } from 'zod';
import type pg from 'pg';
import { ConfigError, env as loadEnv, requireEnv, type Env } from '../config.ts';
import { landCsvFile, type LandResult } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { fileProgress } from '../lib/progress.ts';
import { registerSecret, redact } from '../lib/redact.ts';
import { startRun, finishRun, type RunStatus } from '../lib/runs.ts';
import { runTransforms, transformFailures, type TransformResult } from '../transform.ts';
import { UsageError } from './fundata-csv.ts';

export { UsageError };

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

/** fromdate of an endpoint nothing has landed for yet (and no --from): a full sync. */
export const FIRST_SYNC_FROMDATE = '1900-01-01';

/** HTTP statuses worth another attempt. */
const RETRY_STATUS = [408, 429, 500, 502, 503, 504, 521, 522, 524];
const RETRY_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE'];

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

class IncompleteDownloadError extends Error {
  override name = 'IncompleteDownloadError';
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';
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
  /** Further attempts after a transient failure (timeouts, 5xx, broken downloads). */
  retryLimit?: number;
  /** First retry delay; each further attempt doubles it. */
  retryBaseDelayMs?: number;
  /** Longest single retry delay (also caps a server's Retry-After). */
  retryMaxDelayMs?: number;
  /** Timeout of one HTTP call (authenticate, request, getresults) and of download inactivity. */
  requestTimeoutMs?: number;
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

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Exponential backoff with a little jitter: base, 2·base, 4·base, … capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const d = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(d * (1 + Math.random() * 0.1));
}

function isTransient(err: unknown): boolean {
  if (err instanceof HTTPError) return RETRY_STATUS.includes(err.response.statusCode);
  if (err instanceof IncompleteDownloadError || err instanceof RequestError) return true;
  const code = (err as { code?: string }).code;
  return typeof code === 'string' && RETRY_CODES.includes(code);
}

/** A got failure as one line: what was asked, and what went wrong; never a URL's query. */
function describe(what: string, err: unknown): string {
  if (err instanceof HTTPError) {
    return `${what}: HTTP ${err.response.statusCode}${err.response.statusMessage ? ' ' + err.response.statusMessage : ''}`;
  }
  const e = err as Error & { code?: string };
  return `${what}: ${e.code && !e.message.includes(e.code) ? e.code + ' ' : ''}${e.message}`;
}

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
  signal?: AbortSignal;
}

export class DbsyncClient {
  private token: string | undefined;
  private authenticating: Promise<string> | undefined;
  renewals = 0;
  private readonly http: Got;

  constructor(private readonly cfg: ClientConfig) {
    this.http = got.extend({
      timeout: { request: cfg.requestTimeoutMs },
      signal: cfg.signal,
      retry: {
        limit: cfg.retryLimit,
        methods: ['GET', 'POST'],
        statusCodes: RETRY_STATUS,
        errorCodes: RETRY_CODES,
        // got decides whether to retry (computedValue 0 = no); we decide how long to wait
        calculateDelay: ({ attemptCount, computedValue, retryAfter }) =>
          computedValue === 0
            ? 0
            : retryAfter !== undefined
              ? Math.min(retryAfter, cfg.retryMaxDelayMs)
              : backoffDelay(attemptCount, cfg.retryBaseDelayMs, cfg.retryMaxDelayMs),
      },
      hooks: {
        beforeRetry: [
          (error, retryCount) => {
            log.warn(describe(`retrying ${new URL(String(error.options.url)).pathname} (attempt ${(retryCount ?? 0) + 1} of ${cfg.retryLimit + 1})`, error));
          },
        ],
      },
    });
  }

  /** POST {key, secret} → token. A 401/403 means the credentials are wrong: FundataAuthError. */
  async authenticate(): Promise<string> {
    this.authenticating ??= (async () => {
      try {
        const body = await this.http
          .post(this.cfg.authUrl, { json: { key: this.cfg.key, secret: this.cfg.secret } })
          .json<unknown>();
        const parsed = TokenBody.safeParse(body);
        if (!parsed.success) throw new FundataApiError(`authenticate: the answer holds no token`);
        registerSecret(parsed.data.token);
        this.token = parsed.data.token;
        return parsed.data.token;
      } catch (err) {
        if (err instanceof HTTPError && (err.response.statusCode === 401 || err.response.statusCode === 403)) {
          throw new FundataAuthError(
            `Fundata refused the credentials (HTTP ${err.response.statusCode} from ${new URL(this.cfg.authUrl).host}): check FUNDATA_ACCESS_KEY_ID and FUNDATA_SECRET_ACCESS_KEY`,
          );
        }
        if (err instanceof FundataApiError) throw err;
        throw new FundataApiError(describe('authenticate', err));
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
      if (!(err instanceof HTTPError && err.response.statusCode === 401)) throw new FundataApiError(describe(what, err));
      let fresh: string;
      if (this.token && this.token !== token) fresh = this.token; // another call renewed it already
      else {
        this.token = undefined;
        this.renewals++;
        log.info(`${what}: the token expired; authenticating again`);
        fresh = await this.authenticate();
      }
      try {
        return await call(fresh);
      } catch (err2) {
        throw new FundataApiError(describe(`${what} (with a renewed token)`, err2));
      }
    }
  }

  /** GET <endpoint>?fromdate[&language=en] → execution_id. */
  async request(e: FundataEndpoint, params: Record<string, string>): Promise<string> {
    const body = await this.authed(`${e.endpoint}: request`, (token) =>
      this.http
        .get(`${this.cfg.baseUrl.replace(/\/+$/, '')}/${e.endpoint}`, { searchParams: params, headers: { authorization: token } })
        .json<unknown>(),
    );
    const parsed = ExecutionBody.safeParse(body);
    if (!parsed.success) throw new FundataApiError(`${e.endpoint}: the answer to the request holds no execution_id`);
    return parsed.data.execution_id;
  }

  /** Poll getresults until Succeeded (→ url), within pollTimeoutMs. Running waits; anything else fails. */
  async waitForResult(e: FundataEndpoint, executionId: string): Promise<{ url: string; polls: number }> {
    const started = Date.now();
    const deadline = started + this.cfg.pollTimeoutMs;
    for (let polls = 1; ; polls++) {
      const body = await this.authed(`${e.endpoint}: getresults`, (token) =>
        this.http
          .get(`${this.cfg.baseUrl.replace(/\/+$/, '')}/getresults/${encodeURIComponent(executionId)}`, { headers: { authorization: token } })
          .json<unknown>(),
      );
      const parsed = ResultBody.safeParse(body);
      if (!parsed.success) throw new FundataApiError(`${e.endpoint}: execution ${executionId}: the answer to getresults holds no status`);
      const { status, url, message } = parsed.data;
      if (/^succeeded$/i.test(status)) {
        if (!url) throw new FundataApiError(`${e.endpoint}: execution ${executionId} succeeded without a download url`);
        return { url, polls };
      }
      if (!/^running$/i.test(status)) {
        throw new FundataExecutionError(`${e.endpoint}: execution ${executionId} ended with status ${status}${message ? ` (${message})` : ''}`);
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
    const shown = (() => {
      const u = new URL(url);
      return `${u.origin}${u.pathname}`; // the query of a presigned url is a credential
    })();
    for (let attempt = 1; ; attempt++) {
      try {
        let expected: number | undefined;
        const stream = this.http.stream(url, {
          retry: { limit: 0 },
          // a large file may take longer than one call may: no overall limit, only inactivity
          timeout: { request: undefined, connect: this.cfg.requestTimeoutMs, response: this.cfg.requestTimeoutMs, socket: this.cfg.requestTimeoutMs },
        });
        stream.on('response', (res: { headers: Record<string, string | string[] | undefined> }) => {
          const n = Number(res.headers['content-length']);
          if (!res.headers['content-encoding'] && Number.isFinite(n)) expected = n;
        });
        await pipeline(stream, fs.createWriteStream(file));
        const bytes = fs.statSync(file).size;
        if (expected !== undefined && bytes !== expected) {
          throw new IncompleteDownloadError(`received ${bytes} of ${expected} bytes`);
        }
        return { bytes, attempts: attempt };
      } catch (err) {
        if (this.cfg.signal?.aborted) throw new FundataApiError(`${e.endpoint}: cancelled during the download`);
        if (attempt > this.cfg.retryLimit || !isTransient(err)) {
          throw new FundataApiError(describe(`${e.endpoint}: download from ${shown} (attempt ${attempt})`, err));
        }
        const delay = backoffDelay(attempt, this.cfg.retryBaseDelayMs, this.cfg.retryMaxDelayMs);
        log.warn(describe(`${e.endpoint}: download broke, starting over in ${delay} ms (attempt ${attempt + 1} of ${this.cfg.retryLimit + 1})`, err));
        await sleep(delay, this.cfg.signal);
      }
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

/**
 * Sync Fundata API endpoints into raw (and, with transform, on into core).
 * Per-endpoint failures are reported in the summary (status partial/failed);
 * refused credentials stop everything with a FundataAuthError (a ConfigError).
 */
export async function loadFundataApi(pool: pg.Pool, o: FundataApiOptions = {}): Promise<FundataApiSummary> {
  const endpoints = resolveEndpoints(o.endpoints);
  if (o.from !== undefined && !isoDate.safeParse(o.from).success) {
    throw new UsageError(`--from must be a date YYYY-MM-DD, got "${o.from}"`);
  }
  const e = requireEnv(o.env ?? loadEnv(), 'FUNDATA_ACCESS_KEY_ID', 'FUNDATA_SECRET_ACCESS_KEY');
  registerSecret(e.FUNDATA_ACCESS_KEY_ID);
  registerSecret(e.FUNDATA_SECRET_ACCESS_KEY);

  const client = new DbsyncClient({
    authUrl: e.FUNDATA_AUTH_URL,
    baseUrl: e.FUNDATA_BASE_URL,
    key: e.FUNDATA_ACCESS_KEY_ID,
    secret: e.FUNDATA_SECRET_ACCESS_KEY,
    pollIntervalMs: e.FUNDATA_POLL_INTERVAL_MS,
    pollTimeoutMs: e.FUNDATA_POLL_TIMEOUT_MS,
    retryLimit: o.retryLimit ?? 4,
    retryBaseDelayMs: o.retryBaseDelayMs ?? 1000,
    retryMaxDelayMs: o.retryMaxDelayMs ?? 60_000,
    requestTimeoutMs: o.requestTimeoutMs ?? 60_000,
    signal: o.signal,
  });

  const runId = await startRun(pool, 'load', `fundata-api ${endpoints.length === FUNDATA_ENDPOINTS.length ? 'all endpoints' : endpoints.map((x) => x.endpoint).join(',')}`, o.parentRunId);
  const tmpDir = fs.mkdtempSync(path.join(o.workDir ?? os.tmpdir(), 'sra-fundata-'));
  const results: EndpointResult[] = endpoints.map((x) => ({
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
  let fatal: unknown;
  // landing is one COPY transaction at a time; requests, polls and downloads overlap
  let landing: Promise<unknown> = Promise.resolve();
  const landOne = (opts: Parameters<typeof landCsvFile>[1]): Promise<LandResult> => {
    const p = landing.then(() => landCsvFile(pool, opts));
    landing = p.catch(() => undefined);
    return p;
  };

  const syncOne = async (x: FundataEndpoint, r: EndpointResult): Promise<void> => {
    const t0 = performance.now();
    const file = path.join(tmpDir, `${x.endpoint.replace(/\//g, '-')}.csv`);
    try {
      const fromdate = o.from ?? (await nextFromdate(pool, x)) ?? FIRST_SYNC_FROMDATE;
      r.fromdate = fromdate;
      const params: Record<string, string> = { fromdate, ...(x.general ? { language: 'en' } : {}) };
      const executionId = await client.request(x, params);
      r.executionId = executionId;
      const { url, polls } = await client.waitForResult(x, executionId);
      r.polls = polls;
      const dl = await client.download(x, url, file);
      r.downloadAttempts = dl.attempts;
      r.bytes = dl.bytes;
      const query = new URLSearchParams(params).toString();
      const landed = await landOne({
        file,
        dataset: x.dataset,
        source: 'fundata',
        origin: 'api',
        request: { endpoint: x.endpoint, params, api_version: 'dbsync', execution_id: executionId },
        fileName: `${x.endpoint.replace(/\//g, '-')}-${fromdate}.csv`,
        displayPath: `fundata-api:${x.endpoint}?${query}`,
        force: o.force,
        taskRunId: runId,
        onProgress: dl.bytes > 4 << 20 ? fileProgress(x.endpoint, dl.bytes, o.progress) : undefined,
      });
      r.batchId = landed.batchId;
      r.rows = landed.status === 'landed' ? landed.rows : 0;
      r.rejected = landed.rejected;
      r.status = landed.status === 'landed' ? 'landed' : landed.status === 'skipped' ? 'skipped' : 'failed';
      if (r.status === 'failed') r.error = landed.message ?? 'landing failed';
      const secs = ((performance.now() - t0) / 1000).toFixed(2);
      if (r.status === 'landed') {
        log.info(`${x.endpoint} from ${fromdate}: landed ${x.dataset} batch ${r.batchId}, ${r.rows} rows (${polls} poll(s), ${secs}s)`);
        if (landed.message) log.warn(landed.message);
      } else if (r.status === 'skipped') log.info(`${x.endpoint} from ${fromdate}: nothing new, ${landed.message}`);
      else log.error(`${x.endpoint} from ${fromdate}: ${r.error}`);
    } catch (err) {
      if (err instanceof FundataAuthError) {
        fatal ??= err;
        r.status = 'failed';
        r.error = err.message;
        return;
      }
      r.status = o.signal?.aborted ? 'cancelled' : 'failed';
      r.error = redact((err as Error).message);
      log.error(r.error);
    } finally {
      r.ms = Math.round(performance.now() - t0);
      fs.rmSync(file, { force: true });
    }
  };

  try {
    await client.authenticate();
    const queue = endpoints.map((x, i) => [x, results[i]!] as const);
    const workers = Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, queue.length)) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (fatal || o.signal?.aborted) return;
        await syncOne(next[0], next[1]);
      }
    });
    await Promise.all(workers);
    if (fatal) throw fatal;
  } catch (err) {
    await finishRun(pool, runId, {
      status: 'failed',
      errors: [{ message: redact((err as Error).message) }],
      metrics: { endpoints: results, tokenRenewals: client.renewals },
    });
    throw err;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }

  const landedCount = results.filter((r) => r.status === 'landed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'cancelled').length;
  const summary: FundataApiSummary = {
    runId,
    status: failed === 0 ? 'completed' : landedCount + skipped > 0 ? 'partial' : o.signal?.aborted ? 'cancelled' : 'failed',
    endpoints: results,
    landed: landedCount,
    skipped,
    failed,
    rows: results.reduce((a, r) => a + r.rows, 0),
    tokenRenewals: client.renewals,
  };

  const errors: { message: string; [k: string]: unknown }[] = results
    .filter((r) => r.error)
    .map((r) => ({ endpoint: r.endpoint, message: r.error! }));
  const finish = () =>
    finishRun(pool, runId, {
      status: summary.status,
      records: summary.rows,
      failed: results.reduce((a, r) => a + r.rejected, 0),
      errors,
      metrics: { endpoints: results, tokenRenewals: client.renewals },
    });

  if (o.transform) {
    try {
      // the transforms of the synced datasets: they also consume batches an earlier run left pending
      const { rows } = await pool.query<{ name: string }>(
        `select name from ops.transform_definition where kind = 'transform' and datasets && $1::text[] order by file_path`,
        [endpoints.map((x) => x.dataset)],
      );
      if (rows.length) summary.transforms = await runTransforms(pool, { only: rows.map((x) => x.name), parentRunId: runId });
      // a transform or batch that failed (the others ran): the sync is partial
      const failures = transformFailures(summary.transforms ?? []);
      if (failures.length) {
        if (summary.status === 'completed') summary.status = 'partial';
        errors.push(...failures.map((message) => ({ message: `transforms: ${message}` })));
      }
    } catch (err) {
      summary.status = 'failed';
      errors.push({ message: `transforms: ${redact((err as Error).message)}` });
      await finish();
      throw err;
    }
  }
  await finish();
  return summary;
}
