// The one HTTP stack of every vendor source (FMP, the Fundata API): got for
// single attempts; limiting, retries, the circuit breaker and redaction here.
//
// - SlidingWindowLimiter: every attempt (first tries and retries) takes a slot;
//   never more than `limit` attempts start in any window of `windowMs`, never
//   more than `maxInFlight` are open at once. Attempts can also be paced
//   evenly (one per window/limit), so a load runs at a steady rate instead of
//   spending a minute's budget in its first seconds.
// - Retries: timeouts, network errors, broken downloads, 408, 429 and 5xx, at
//   most `maxRetries`, delay base·2^(n-1) (capped) plus jitter, or the
//   server's Retry-After when it sends one (longer than maxRetryAfterMs ends
//   the call); a 429 with Retry-After also pauses every other attempt.
// - CircuitBreaker, one per source (process-wide): after `failures` calls in
//   a row failed for the server's reasons (5xx, 429, timeouts, network; not
//   401/404), it opens and calls fail at once without a request
//   (BreakerOpenError); after `coolDownMs` one trial call goes out
//   (half-open): success closes it, failure opens it again.
// - httpStats(): per source, attempts by status, 429s and the breaker state.
// - Redaction: error texts and bodies of failed answers leave this module
//   redacted (loader/lib/redact.ts); URLs never appear in error messages.
// - Each attempt is reported (onAttempt) with its timing, status, headers and
//   error, so callers can log every call the server saw.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import got, { HTTPError, RequestError } from 'got';
import { redact, redactValue } from './redact.ts';

/** Time for the limiter: real timers, or a fake clock in tests. */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class AbortedError extends Error {
  override name = 'AbortedError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, Math.max(1, Math.ceil(ms))),
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Timestamps of the last `capacity` grants, oldest first (a ring: O(1) push and expiry). */
class GrantLog {
  private readonly times: Float64Array;
  private head = 0;
  size = 0;
  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
  }
  expire(before: number): void {
    while (this.size && this.times[this.head]! <= before) {
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
  }
  oldest(): number {
    return this.times[this.head]!;
  }
  push(t: number): void {
    this.times[(this.head + this.size) % this.capacity] = t;
    this.size++;
  }
}

export interface LimiterOptions {
  /** Attempts allowed in any window. */
  limit: number;
  /** The window, 60 000 ms for "calls per minute". */
  windowMs?: number;
  maxInFlight?: number;
  /**
   * Extra spacing on the window: a slot frees windowMs + marginMs after it was
   * taken, so clock and network jitter between us and the server never put
   * more than `limit` requests into one of the server's windows. Default 1 %.
   */
  marginMs?: number;
  /** Pace grants evenly, one per (windowMs + marginMs) / limit, instead of letting a window's budget go in a burst. Default true. */
  smooth?: boolean;
  clock?: Clock;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (e: Error) => void;
}

/** The sliding-window limiter: a FIFO queue of attempts waiting for a slot. */
export class SlidingWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxInFlight: number;
  private readonly span: number;
  private readonly window: GrantLog;
  /** Pacing: the spacing of grants and the next slot on that grid. */
  private readonly interval: number = 0;
  private nextSlot = -Infinity;
  private readonly clock: Clock;
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: unknown;
  private timerAt = Infinity;
  /** Grants so far. */
  granted = 0;

  constructor(o: LimiterOptions) {
    this.limit = o.limit;
    this.windowMs = o.windowMs ?? 60_000;
    this.maxInFlight = o.maxInFlight ?? 50;
    this.span = this.windowMs + (o.marginMs ?? this.windowMs / 100);
    this.window = new GrantLog(this.limit);
    this.clock = o.clock ?? realClock;
    if (o.smooth !== false) this.interval = this.span / this.limit;
  }

  get active(): number {
    return this.inFlight;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Wait for a slot; resolves with the function that frees it (call it once the attempt ended). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(new AbortedError());
        }
      };
      const entry: Waiter = {
        resolve: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        reject,
      };
      this.queue.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  /** Hold every grant until `ms` from now (a server's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.pump();
  }

  /** Milliseconds until the next grant is allowed by time (0: now). */
  private waitMs(now: number): number {
    let wait = Math.max(0, this.pausedUntil - now);
    this.window.expire(now - this.span);
    if (this.window.size >= this.window.capacity) wait = Math.max(wait, this.window.oldest() + this.span - now);
    if (this.interval) wait = Math.max(wait, this.nextSlot - now);
    return wait;
  }

  private pump(): void {
    while (this.queue.length && this.inFlight < this.maxInFlight) {
      const now = this.clock.now();
      const wait = this.waitMs(now);
      if (wait > 0) {
        this.schedule(now + wait);
        return;
      }
      const next = this.queue.shift()!;
      this.window.push(now);
      // slots stay on their grid when a grant comes late (a busy event loop, a
      // late timer), so lateness never adds up; after a quiet spell the grid
      // restarts at now
      if (this.interval) this.nextSlot = (now - this.nextSlot < this.interval ? this.nextSlot : now) + this.interval;
      this.inFlight++;
      this.granted++;
      let released = false;
      next.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      });
    }
  }

  private schedule(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, at - this.clock.now());
  }
}

/** One HTTP attempt as the server saw it. */
export interface Attempt {
  attempt: number;
  startedAt: Date;
  ms: number;
  status?: number;
  headers?: http.IncomingHttpHeaders;
  bytes?: number;
  /** Set when the attempt failed (status ≥ 400, timeout, network error, cancelled); redacted. */
  error?: string;
  /** The body of a failed response, redacted. */
  body?: string;
  /** The attempt failed and the call will try again after delayMs. */
  retryDelayMs?: number;
  cancelled?: boolean;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  attempts: number;
}

/** A call that gave up: the last attempt's status/error (redacted, no URL). */
export class HttpCallError extends Error {
  override name = 'HttpCallError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly body: string | undefined,
    readonly attempts: number,
    readonly cancelled = false,
    /** got's error code (ETIMEDOUT, ECONNRESET, …) of a call that got no answer. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A call refused without a request: the source's circuit breaker is open. */
export class BreakerOpenError extends HttpCallError {
  override name = 'BreakerOpenError';
  constructor(
    readonly source: string,
    readonly retryInMs: number,
    failures: number,
  ) {
    super(
      `${source}: circuit breaker open after ${failures} failed calls in a row; no request sent (next trial in ${Math.ceil(retryInMs / 1000)} s)`,
      undefined,
      undefined,
      0,
    );
  }
}

// ---------------------------------------------------------------------------
// the circuit breaker and the per-source statistics
// ---------------------------------------------------------------------------

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Calls failing in a row (for the server's reasons) that open the breaker. Default 5. */
  failures?: number;
  /** How long it stays open before one trial call may go out. Default 30 s. */
  coolDownMs?: number;
  clock?: Clock;
}

export class CircuitBreaker {
  failures: number;
  coolDownMs: number;
  private clock: Clock;
  private _state: BreakerState = 'closed';
  /** Calls failed in a row. */
  consecutive = 0;
  private openedAt = 0;
  private trialOut = false;
  /** Times it opened. */
  opened = 0;

  constructor(o: BreakerOptions = {}) {
    this.failures = o.failures ?? 5;
    this.coolDownMs = o.coolDownMs ?? 30_000;
    this.clock = o.clock ?? realClock;
  }

  configure(o: BreakerOptions): void {
    if (o.failures !== undefined) this.failures = o.failures;
    if (o.coolDownMs !== undefined) this.coolDownMs = o.coolDownMs;
    if (o.clock) this.clock = o.clock;
  }

  get state(): BreakerState {
    if (this._state === 'open' && this.clock.now() - this.openedAt >= this.coolDownMs) return 'half-open';
    return this._state;
  }

  /** Milliseconds until a trial call may go out (0 when calls may go out now). */
  retryInMs(): number {
    return this._state === 'open' ? Math.max(0, this.openedAt + this.coolDownMs - this.clock.now()) : 0;
  }

  /** Let a call go out, or say it may not: false while open, and while a half-open trial is out. */
  admit(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialOut) return false;
    this._state = 'half-open';
    this.trialOut = true;
    return true;
  }

  /** The call got an answer the server meant (2xx–4xx but 408/429). */
  success(): void {
    this.trialOut = false;
    this.consecutive = 0;
    this._state = 'closed';
  }

  /** The call failed for the server's reasons. */
  failure(): void {
    this.trialOut = false;
    this.consecutive++;
    if (this._state === 'half-open' || (this._state === 'closed' && this.consecutive >= this.failures)) {
      this._state = 'open';
      this.openedAt = this.clock.now();
      this.opened++;
    }
  }

  /** The call ended without telling anything about the server (cancelled). */
  neutral(): void {
    if (this.trialOut) {
      this.trialOut = false;
      // the trial did not happen: the next call is the trial
      this._state = 'open';
      this.openedAt = this.clock.now() - this.coolDownMs;
    }
  }
}

interface SourceStats {
  breaker: CircuitBreaker;
  byStatus: Map<string, number>;
  rateLimited: number;
  /** Calls the open breaker refused (no request sent). */
  refused: number;
}

const SOURCES = new Map<string, SourceStats>();

function sourceStats(source: string): SourceStats {
  let s = SOURCES.get(source);
  if (!s) {
    s = { breaker: new CircuitBreaker(), byStatus: new Map(), rateLimited: 0, refused: 0 };
    SOURCES.set(source, s);
  }
  return s;
}

/** The circuit breaker of a source (one per process, shared by every client of the source). */
export function breakerOf(source: string): CircuitBreaker {
  return sourceStats(source).breaker;
}

export interface HttpSourceStats {
  source: string;
  /** HTTP attempts by status code; 'error' for attempts without an answer (timeout, network); cancelled ones are not counted. */
  calls_by_status: Record<string, number>;
  /** Attempts answered 429 (rate limited). */
  rate_limited_429: number;
  breaker_state: BreakerState;
  /** Calls failed in a row now. */
  breaker_consecutive_failures: number;
  /** Times the breaker opened since the process started. */
  breaker_opened: number;
  /** Calls it refused while open (no request sent). */
  breaker_refused: number;
}

/** Per source: what its HTTP attempts got and where its circuit breaker stands (for /metrics, /status). */
export function httpStats(): HttpSourceStats[] {
  return [...SOURCES.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, s]) => ({
      source,
      calls_by_status: Object.fromEntries([...s.byStatus.entries()].sort(([a], [b]) => a.localeCompare(b))),
      rate_limited_429: s.rateLimited,
      breaker_state: s.breaker.state,
      breaker_consecutive_failures: s.breaker.consecutive,
      breaker_opened: s.breaker.opened,
      breaker_refused: s.refused,
    }));
}

// ---------------------------------------------------------------------------
// the client
// ---------------------------------------------------------------------------

export interface HttpClientOptions {
  /** The source its statistics and circuit breaker belong to ('fmp', 'fundata'). */
  source: string;
  limiter: SlidingWindowLimiter;
  /** Timeout of one attempt (a download: of each stretch without bytes). */
  timeoutMs?: number;
  maxRetries?: number;
  /** First retry delay; doubles each retry (1, 2, 4, 8, 16 s at 1000). */
  retryBaseMs?: number;
  /** Longest backoff delay. */
  retryMaxMs?: number;
  /** Random extra on a backoff delay, as a fraction of it (0.25: up to 25 %). */
  jitter?: number;
  /** Longest Retry-After honoured; a longer one ends the call. */
  maxRetryAfterMs?: number;
  /** Statuses worth retrying: 408, 429 and the 5xx family. */
  retryStatusCodes?: number[];
  breaker?: BreakerOptions;
  userAgent?: string;
}

export const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504, 520, 521, 522, 524];
/** Errors without an answer worth another attempt (got's list, and a download cut short). */
export const RETRY_ERROR_CODES = [
  'ETIMEDOUT',
  'ECONNRESET',
  'EADDRINUSE',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
];

/** Exponential backoff: base, 2·base, 4·base, … capped at maxMs, plus up to `jitter` of it at random. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, jitter = 0.1): number {
  const d = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(d * (1 + Math.random() * jitter));
}

/** Retry-After in ms (delta-seconds or an HTTP date), or undefined. */
function retryAfterMs(headers: http.IncomingHttpHeaders | undefined): number | undefined {
  const v = headers?.['retry-after'];
  if (v === undefined || v === '') return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Wait ms, or less when the signal aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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

/** A failed response's body as it may appear in a message: parsed and redacted when JSON, else redacted text. */
function redactBody(text: string): string {
  try {
    return JSON.stringify(redactValue(JSON.parse(text) as unknown));
  } catch {
    return redact(text);
  }
}

class IncompleteDownloadError extends Error {
  override name = 'IncompleteDownloadError';
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A JSON body (POST). */
  json?: unknown;
  signal?: AbortSignal;
  onAttempt?: (a: Attempt) => void;
}

/** What one attempt got: its answer, or what went wrong. */
interface Outcome<T> {
  value?: T;
  status?: number;
  headers?: http.IncomingHttpHeaders;
  bytes?: number;
  error?: string;
  code?: string;
  body?: string;
  cancelled?: boolean;
  /** No answer: a network failure, a timeout, a broken transfer. */
  transport?: boolean;
}

export class HttpClient {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  private readonly stats: SourceStats;
  readonly breaker: CircuitBreaker;

  constructor(readonly o: HttpClientOptions) {
    this.stats = sourceStats(o.source);
    this.breaker = this.stats.breaker;
    if (o.breaker) this.breaker.configure(o.breaker);
  }

  get source(): string {
    return this.o.source;
  }

  /** GET url; resolves with the final 2xx/3xx response, rejects with HttpCallError. */
  get(url: string, opts: Omit<RequestOptions, 'method' | 'json'> = {}): Promise<HttpResult> {
    return this.request(url, opts);
  }

  /** One call (with its retries): resolves with the final 2xx/3xx response, rejects with HttpCallError. */
  async request(url: string, opts: RequestOptions = {}): Promise<HttpResult> {
    const timeout = this.o.timeoutMs ?? 30_000;
    const { value, attempts } = await this.call(opts, async (signal) => {
      const res = await got(url, {
        method: opts.method ?? 'GET',
        json: opts.json,
        responseType: 'text',
        throwHttpErrors: true,
        followRedirect: true,
        retry: { limit: 0 },
        signal,
        agent: this.agents,
        headers: { 'user-agent': this.o.userAgent ?? 'sra-data', ...opts.headers },
        timeout: { request: timeout },
      });
      return {
        value: { status: res.statusCode, headers: res.headers, body: res.body },
        status: res.statusCode,
        headers: res.headers,
        bytes: res.rawBody.length,
      };
    });
    return { ...value, attempts };
  }

  /**
   * Stream url into file. A broken transfer (reset, premature end, fewer bytes
   * than Content-Length, 5xx) starts over from byte 0 like any retried call. A
   * large file may take longer than one call may: the timeout bounds each
   * stretch without bytes, not the whole transfer.
   */
  async download(
    url: string,
    file: string,
    opts: Omit<RequestOptions, 'method' | 'json'> = {},
  ): Promise<{ bytes: number; attempts: number }> {
    const inactivity = this.o.timeoutMs ?? 30_000;
    const { value, attempts } = await this.call(opts, async (signal) => {
      let expected: number | undefined;
      let status: number | undefined;
      let headers: http.IncomingHttpHeaders | undefined;
      const stream = got.stream(url, {
        retry: { limit: 0 },
        signal,
        agent: this.agents,
        headers: { 'user-agent': this.o.userAgent ?? 'sra-data', ...opts.headers },
        timeout: { connect: inactivity, response: inactivity, socket: inactivity },
      });
      stream.on('response', (res: http.IncomingMessage) => {
        status = res.statusCode;
        headers = res.headers;
        const n = Number(res.headers['content-length']);
        if (!res.headers['content-encoding'] && Number.isFinite(n)) expected = n;
      });
      await pipeline(stream, fs.createWriteStream(file));
      const bytes = fs.statSync(file).size;
      if (expected !== undefined && bytes !== expected) throw new IncompleteDownloadError(`received ${bytes} of ${expected} bytes`);
      return { value: bytes, status, headers, bytes };
    });
    return { bytes: value, attempts };
  }

  /** The attempts of one call: breaker, limiter slot, attempt, report, retry or give up. */
  private async call<T>(
    opts: RequestOptions,
    attemptOnce: (signal: AbortSignal | undefined) => Promise<Outcome<T> & { value: T }>,
  ): Promise<{ value: T; attempts: number }> {
    const { signal } = opts;
    const maxRetries = this.o.maxRetries ?? 5;
    if (signal?.aborted) throw new HttpCallError('cancelled: the load stopped', undefined, undefined, 0, true);
    if (!this.breaker.admit()) {
      this.stats.refused++;
      throw new BreakerOpenError(this.o.source, this.breaker.retryInMs(), this.breaker.consecutive);
    }
    for (let attempt = 1; ; attempt++) {
      let release: () => void;
      try {
        release = await this.o.limiter.acquire(signal);
      } catch {
        this.breaker.neutral();
        throw new HttpCallError('cancelled: the load stopped', undefined, undefined, attempt - 1, true);
      }
      const startedAt = new Date();
      const t0 = performance.now();
      let out: Outcome<T>;
      try {
        out = await attemptOnce(signal);
      } catch (err) {
        out = this.describe(err, signal);
      }
      release();
      if (!out.cancelled) this.count(out.status);
      const report = (a: Partial<Attempt>) =>
        opts.onAttempt?.({
          attempt,
          startedAt,
          ms: Math.round(performance.now() - t0),
          status: out.status,
          headers: out.headers,
          bytes: out.bytes,
          error: out.error,
          body: out.body,
          cancelled: out.cancelled,
          ...a,
        });

      if (out.error === undefined) {
        this.breaker.success();
        report({});
        return { value: out.value as T, attempts: attempt };
      }
      const delay = out.cancelled ? undefined : this.retryDelay(out, attempt, maxRetries);
      report({ retryDelayMs: delay });
      if (delay === undefined) {
        if (out.cancelled) this.breaker.neutral();
        else if (this.serversFault(out)) this.breaker.failure();
        else this.breaker.success();
        throw new HttpCallError(out.error, out.status, out.body, attempt, Boolean(out.cancelled), out.code);
      }
      if (out.status === 429) {
        const ra = retryAfterMs(out.headers);
        if (ra) this.o.limiter.pauseFor(ra);
      }
      await sleep(delay, signal);
      if (signal?.aborted) {
        this.breaker.neutral();
        throw new HttpCallError('cancelled: the load stopped', out.status, out.body, attempt, true);
      }
    }
  }

  private count(status: number | undefined): void {
    const k = status === undefined ? 'error' : String(status);
    this.stats.byStatus.set(k, (this.stats.byStatus.get(k) ?? 0) + 1);
    if (status === 429) this.stats.rateLimited++;
  }

  /** Failures that say the server (or the way to it) is unwell: they count toward the breaker. */
  private serversFault(out: Outcome<unknown>): boolean {
    if (out.status === undefined) return Boolean(out.transport);
    return (this.o.retryStatusCodes ?? RETRY_STATUS_CODES).includes(out.status) || out.status >= 500;
  }

  /** The delay before the next attempt, or undefined when the call gives up. */
  private retryDelay(out: Outcome<unknown>, attempt: number, maxRetries: number): number | undefined {
    if (attempt > maxRetries) return undefined;
    const retryable =
      out.status !== undefined ? (this.o.retryStatusCodes ?? RETRY_STATUS_CODES).includes(out.status) : Boolean(out.transport);
    if (!retryable) return undefined;
    const ra = out.status !== undefined ? retryAfterMs(out.headers) : undefined;
    if (ra !== undefined && ra > 0) {
      if (ra > (this.o.maxRetryAfterMs ?? 120_000)) return undefined;
      return Math.round(ra + Math.random() * Math.min(ra * 0.1, 1000));
    }
    return backoffDelay(attempt, this.o.retryBaseMs ?? 1000, this.o.retryMaxMs ?? 60_000, this.o.jitter ?? 0.25);
  }

  /** An attempt's failure: status, headers, redacted body and a one-line error without the URL. */
  private describe(err: unknown, signal: AbortSignal | undefined): Outcome<never> {
    const e = err as Error & { code?: string; cause?: unknown };
    if (signal?.aborted || e.name === 'AbortError' || (e.cause as Error | undefined)?.name === 'AbortedError') {
      return { error: 'cancelled: the load stopped', cancelled: true, code: e.code };
    }
    // only an HTTPError is an answer; a transfer that broke after its headers is a network failure
    const res = e instanceof HTTPError ? e.response : undefined;
    if (res) {
      const body = typeof res.body === 'string' ? res.body : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : undefined;
      return {
        status: res.statusCode,
        headers: res.headers,
        bytes: res.rawBody?.length,
        body: body === undefined ? undefined : redactBody(body),
        error: `HTTP ${res.statusCode}${res.statusMessage ? ' ' + res.statusMessage : ''}`,
      };
    }
    if (e.code === 'ETIMEDOUT') return { error: `timeout after ${this.o.timeoutMs ?? 30000} ms`, code: e.code, transport: true };
    const message = redact(e.message ?? String(err));
    // got's request, read and timeout errors, and a download cut short, are worth another attempt
    const transport =
      err instanceof RequestError || err instanceof IncompleteDownloadError || (e.code !== undefined && RETRY_ERROR_CODES.includes(e.code));
    return { error: `${e.code && !message.includes(e.code) ? e.code + ' ' : ''}${message}`, code: e.code, transport };
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
