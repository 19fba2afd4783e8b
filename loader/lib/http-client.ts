// A rate-limited HTTP GET client (got) for vendor REST APIs.
//
// - SlidingWindowLimiter: every attempt (first tries and retries) takes a slot;
//   never more than `limit` attempts start in any window of `windowMs`, never
//   more than `maxInFlight` are open at once. Attempts are also paced evenly
//   (one per window/limit), so a load runs at a steady rate instead of
//   spending a minute's budget in its first seconds.
// - Retries are got's: timeouts, network errors, 429 and 5xx, at most
//   `maxRetries`, delay base·2^(n-1) plus up to 25 % jitter (1, 2, 4, 8, 16 s
//   with the default base), or the server's Retry-After when it sends one;
//   a 429 with Retry-After also pauses every other attempt until then.
// - Each attempt is reported (onAttempt) with its timing, status, headers and
//   error, so callers can log every call the server saw.
import http from 'node:http';
import https from 'node:https';
import got, { type RequestError, type Response } from 'got';

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
  /** Set when the attempt failed (status ≥ 400, timeout, network error, cancelled). */
  error?: string;
  /** The body of a failed response, for error messages (untrimmed; callers redact). */
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

/** A call that gave up: the last attempt's status/error. */
export class HttpCallError extends Error {
  override name = 'HttpCallError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly body: string | undefined,
    readonly attempts: number,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

export interface HttpClientOptions {
  limiter: SlidingWindowLimiter;
  timeoutMs?: number;
  maxRetries?: number;
  /** First retry delay; doubles each retry (1, 2, 4, 8, 16 s at 1000). */
  retryBaseMs?: number;
  /** Longest Retry-After honoured; a longer one ends the call. */
  maxRetryAfterMs?: number;
  /** Statuses worth retrying: 408, 429 and the 5xx family. */
  retryStatusCodes?: number[];
  userAgent?: string;
}

export const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504, 520, 521, 522, 524];

export class RateLimitedHttp {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(readonly o: HttpClientOptions) {}

  /** GET url; resolves with the final 2xx/3xx response, rejects with HttpCallError. */
  async get(url: string, opts: { signal?: AbortSignal; onAttempt?: (a: Attempt) => void } = {}): Promise<HttpResult> {
    const { limiter } = this.o;
    const retryBase = this.o.retryBaseMs ?? 1000;
    let attempt = 0;
    let current: { n: number; startedAt: Date; t0: number; release: () => void; open: boolean } | undefined;
    const end = (a: Omit<Attempt, 'attempt' | 'startedAt' | 'ms'>): void => {
      const c = current;
      if (!c?.open) return;
      c.open = false;
      c.release();
      opts.onAttempt?.({ attempt: c.n, startedAt: c.startedAt, ms: Math.round(performance.now() - c.t0), ...a });
    };
    const describe = (err: RequestError): Omit<Attempt, 'attempt' | 'startedAt' | 'ms'> => {
      const res = err.response as Response<string> | undefined;
      return res
        ? { status: res.statusCode, headers: res.headers, bytes: res.rawBody?.length, body: typeof res.body === 'string' ? res.body : undefined, error: `HTTP ${res.statusCode}${res.statusMessage ? ' ' + res.statusMessage : ''}` }
        : { error: err.code === 'ETIMEDOUT' ? `timeout after ${this.o.timeoutMs ?? 30000} ms` : err.message, cancelled: opts.signal?.aborted };
    };

    try {
      const res = await got(url, {
        responseType: 'text',
        throwHttpErrors: true,
        followRedirect: true,
        signal: opts.signal,
        agent: this.agents,
        headers: { 'user-agent': this.o.userAgent ?? 'sra-data' },
        timeout: { request: this.o.timeoutMs ?? 30_000 },
        retry: {
          limit: this.o.maxRetries ?? 5,
          methods: ['GET'],
          statusCodes: this.o.retryStatusCodes ?? RETRY_STATUS_CODES,
          maxRetryAfter: this.o.maxRetryAfterMs ?? 120_000,
          // every failed attempt passes here: log it, free its slot, pick the delay
          calculateDelay: ({ attemptCount, error, retryAfter, computedValue }) => {
            let delay = 0;
            if (computedValue > 0 && !opts.signal?.aborted) {
              if (retryAfter !== undefined && retryAfter > 0) {
                delay = retryAfter + Math.random() * Math.min(retryAfter * 0.1, 1000);
                if (error.response?.statusCode === 429) limiter.pauseFor(retryAfter);
              } else {
                const nominal = retryBase * 2 ** (attemptCount - 1);
                delay = nominal + Math.random() * nominal * 0.25;
              }
            }
            end({ ...describe(error), retryDelayMs: delay > 0 ? Math.round(delay) : undefined });
            return delay;
          },
        },
        hooks: {
          beforeRequest: [
            async () => {
              const release = await limiter.acquire(opts.signal);
              attempt++;
              current = { n: attempt, startedAt: new Date(), t0: performance.now(), release, open: true };
            },
          ],
        },
      });
      end({ status: res.statusCode, headers: res.headers, bytes: res.rawBody.length });
      return { status: res.statusCode, headers: res.headers, body: res.body, attempts: attempt };
    } catch (err) {
      const e = err as RequestError;
      const d = describe(e);
      const cancelled = Boolean(opts.signal?.aborted) || e.name === 'AbortError' || (e.cause as Error | undefined)?.name === 'AbortedError';
      end({ ...d, cancelled, error: cancelled ? 'cancelled: the load stopped' : d.error });
      throw new HttpCallError(cancelled ? 'cancelled: the load stopped' : d.error ?? e.message, d.status, d.body, attempt, cancelled);
    }
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
