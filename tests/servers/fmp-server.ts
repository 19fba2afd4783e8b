// A local FMP-like HTTP server (node:http, 127.0.0.1, random port) for the
// loader tests and the benchmark. It answers both API generations from
// tests/fixtures/fmp (loader/sources/fmp-replay.ts recognises the endpoints),
// checks the API key like FMP (401 + "Error Message"), counts requests in a
// sliding window and answers 429 with Retry-After past its limit, and has
// knobs for latency, scripted faults (5xx, 429, late answers for client
// timeouts, 200 with "Error Message", bodies that are not JSON) and
// synthetic answers for symbols it has no file for (the benchmark's 1,000).
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { matchRequest, replayBody, ResponseStore, type MatchedRequest } from '../../loader/sources/fmp-replay.ts';
import { parseEnv, type Env } from '../../loader/config.ts';

export const FIXTURES_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'fmp');
export const TEST_API_KEY = 'tk_9f3c1e7a5b2d4c6e8a0b1c2d3e4f5a6b';

export interface ServedRequest {
  /** 1-based arrival number. */
  n: number;
  /** performance.now() at arrival. */
  at: number;
  path: string;
  query: URLSearchParams;
  /** Arrivals so far of this exact path + query (without the key), this one included. */
  seen: number;
  match?: MatchedRequest;
  status?: number;
}

/** What a scripted fault does: answer with this status/body/headers, and/or answer late. */
export interface Fault {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (longer than the client's timeout: a timeout). */
  delayMs?: number;
}

export interface FmpServerOptions {
  fixturesDir?: string;
  apiKey?: string;
  /** Added to every answer. */
  latencyMs?: number;
  /** FMP's plan limit: more than `limit` requests in any `windowMs` get 429 + Retry-After. */
  rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number };
  /** Answers for symbols without a file: a profile and daily prices made up from the symbol. */
  synthesize?: boolean;
  fault?: (r: ServedRequest) => Fault | undefined;
  /** Header with the calls left in the window (FMP-style accounting), when rateLimit is set. */
  remainingHeader?: string;
}

export interface FmpServer {
  url: string;
  requests: ServedRequest[];
  /** Most requests that arrived within any `windowMs` (sliding). */
  maxInWindow(windowMs: number): number;
  count(status: number): number;
  /** Most requests open at once. */
  maxConcurrent: number;
  close(): Promise<void>;
}

function synthProfile(symbol: string, generation: 'stable' | 'v3', store: ResponseStore): string {
  const template = store.get(generation, 'profile', 'AAPL')!;
  const row = (JSON.parse(template) as Record<string, unknown>[])[0]!;
  return JSON.stringify([{ ...row, symbol, companyName: `${symbol} Holdings Inc.`, cik: null, isin: null, cusip: null }]);
}

function synthPrices(symbol: string, generation: 'stable' | 'v3', from: string, to: string): string {
  const rows: Record<string, unknown>[] = [];
  let seed = [...symbol].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) % 1000;
  let close = 20 + seed / 10;
  for (let d = new Date(to + 'T00:00:00Z'); d.toISOString().slice(0, 10) >= from; d.setUTCDate(d.getUTCDate() - 1)) {
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    seed = (seed * 9301 + 49297) % 233280;
    const open = Math.round(close * (1 + (seed / 233280 - 0.5) * 0.02) * 100) / 100;
    const high = Math.round(Math.max(open, close) * 1.006 * 100) / 100;
    const low = Math.round(Math.min(open, close) * 0.994 * 100) / 100;
    const date = d.toISOString().slice(0, 10);
    const volume = 100000 + seed;
    rows.push(
      generation === 'stable'
        ? { symbol, date, open, high, low, close, volume, change: Math.round((close - open) * 100) / 100, changePercent: 0.1, vwap: close }
        : {
            date,
            open,
            high,
            low,
            close,
            adjClose: close,
            volume,
            unadjustedVolume: volume,
            change: 0,
            changePercent: 0,
            vwap: close,
            label: date,
            changeOverTime: 0,
          },
    );
    close = open;
  }
  return generation === 'stable' ? JSON.stringify(rows) : JSON.stringify({ symbol, historical: rows });
}

export async function startFmpServer(o: FmpServerOptions = {}): Promise<FmpServer> {
  const store = new ResponseStore(o.fixturesDir ?? FIXTURES_DIR);
  const apiKey = o.apiKey ?? TEST_API_KEY;
  const requests: ServedRequest[] = [];
  const seen = new Map<string, number>();
  const arrivals: number[] = []; // for the rate limit
  const timers = new Set<NodeJS.Timeout>();
  const concurrency = { open: 0, max: 0 };

  const server = http.createServer((req, res) => {
    const at = performance.now();
    concurrency.open++;
    concurrency.max = Math.max(concurrency.max, concurrency.open);
    res.once('close', () => concurrency.open--);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('apikey');
    const q = new URLSearchParams(url.searchParams);
    q.delete('apikey');
    const id = url.pathname + '?' + q.toString();
    seen.set(id, (seen.get(id) ?? 0) + 1);
    const r: ServedRequest = {
      n: requests.length + 1,
      at,
      path: decodeURIComponent(url.pathname),
      query: q,
      seen: seen.get(id)!,
      match: matchRequest(url),
    };
    requests.push(r);

    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      r.status = status;
      const go = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
        res.end(body);
      };
      if (o.latencyMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          go();
        }, o.latencyMs);
        timers.add(t);
      } else go();
    };

    const extra: Record<string, string> = {};
    if (o.rateLimit) {
      const { limit, windowMs } = o.rateLimit;
      while (arrivals.length && arrivals[0]! <= at - windowMs) arrivals.shift();
      arrivals.push(at);
      if (arrivals.length > limit) {
        return send(
          429,
          JSON.stringify({
            'Error Message':
              'Limit Reach . Please upgrade your plan or visit our documentation for more details at https://site.financialmodelingprep.com/',
          }),
          {
            'retry-after': String(o.rateLimit.retryAfterSeconds ?? 1),
          },
        );
      }
      extra[o.remainingHeader ?? 'x-ratelimit-remaining'] = String(limit - arrivals.length);
    }
    if (key !== apiKey) {
      return send(
        401,
        JSON.stringify({
          'Error Message':
            'Invalid API KEY. Feel free to create a Free API Key or visit https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information.',
        }),
      );
    }
    const fault = o.fault?.(r);
    const answer = () => {
      if (fault && (fault.status !== undefined || fault.body !== undefined))
        return send(fault.status ?? 200, fault.body ?? '', { ...extra, ...fault.headers });
      const m = r.match;
      if (!m) return send(404, JSON.stringify({ 'Error Message': `Unknown endpoint ${url.pathname}` }));
      let body = replayBody(store, m);
      if (o.synthesize && (body === '[]' || body === '{}') && m.symbols.length === 1) {
        const sym = m.symbols[0]!;
        if (m.slug === 'profile') body = synthProfile(sym, m.generation, store);
        else if (m.endpoint.chunkDays && m.spec.symbols !== 'none') {
          body = synthPrices(sym, m.generation, m.query.get('from') ?? '2024-01-01', m.query.get('to') ?? '2024-12-31');
        }
      }
      send(200, body, extra);
    };
    if (fault?.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, fault.delayMs);
      timers.add(t);
    } else answer();
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInWindow(windowMs: number) {
      let max = 0;
      let lo = 0;
      for (let hi = 0; hi < requests.length; hi++) {
        while (requests[hi]!.at - requests[lo]!.at >= windowMs) lo++;
        max = Math.max(max, hi - lo + 1);
      }
      return max;
    },
    count: (status) => requests.filter((x) => x.status === status).length,
    get maxConcurrent() {
      return concurrency.max;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A parsed environment pointing the FMP loader at a local server (values as strings, like the real environment). */
export function fmpEnv(server: { url: string }, overrides: Record<string, string | undefined> = {}): Env {
  return parseEnv({
    FMP_API_KEY: TEST_API_KEY,
    FMP_BASE_URL: server.url,
    FMP_API_GENERATION: 'stable',
    FMP_CALLS_PER_MINUTE: '3000',
    FMP_MAX_IN_FLIGHT: '10',
    FMP_TIMEOUT_MS: '5000',
    FMP_RETRY_BASE_MS: '20',
    SRA_PROGRESS: 'never',
    LOG_LEVEL: 'warn',
    ...overrides,
  });
}
