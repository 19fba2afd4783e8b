// Serves FMP-shaped answers from files, for the demo (fmp/demo/) and the
// loader tests (tests/fixtures/fmp/), through the loader's real HTTP code
// path. Both folders hold generated samples (fmp/generate-samples.ts), not
// recordings of FMP.
//
// Layout: <dir>/<generation>/<endpoint>/<key>.json, where <endpoint> is the
// dataset table's path without its /stable/ or /api/v3/ prefix, {symbol}
// left out and slashes as dashes (/stable/historical-price-eod/full →
// historical-price-eod-full, /api/v4/score → v4-score, /api/v3/stock/list →
// stock-list) and <key> is the symbol (`AAPL`, `AAPL.annual` for a period),
// a variant sent as a query parameter (`NYSE` of the company screener), or
// `_`; `<symbol>.late.json` holds rows answered only to a window starting at
// or after them (the demo's gap, docs/CONTINUITY.md). Answers are shaped as FMP's: several symbols of a multi-symbol call
// are concatenated, date windows (from/to) filter series, an unknown symbol
// is `[]` (legacy price history `{}`).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { FMP_DATASETS, endpointsOf, type DatasetSpec, type Endpoint, type Generation } from './fmp-datasets.ts';

export interface MatchedRequest {
  generation: Generation;
  spec: DatasetSpec;
  endpoint: Endpoint;
  /** The folder of its answers. */
  slug: string;
  symbols: string[];
  /** Path placeholders other than {symbol}, e.g. {list: 'stock'}. */
  pathValues: Record<string, string>;
  query: URLSearchParams;
}

interface Route {
  generation: Generation;
  spec: DatasetSpec;
  endpoint: Endpoint;
  re: RegExp;
  names: string[];
}

const ROUTES: Route[] = FMP_DATASETS.flatMap((d) =>
  (['stable', 'v3'] as const).flatMap((generation) =>
    endpointsOf(d as DatasetSpec, generation)
      .flatMap((e) => (e.fallback ? [e, e.fallback] : [e]))
      .map((endpoint) => {
        const names: string[] = [];
        const re = new RegExp(
          '^' +
            endpoint.path
              .split(/(\{\w+\})/)
              .map((part) => {
                const m = /^\{(\w+)\}$/.exec(part);
                if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
                names.push(m[1]!);
                return '([^/]+)';
              })
              .join('') +
            '/?$',
        );
        return { generation, spec: d as DatasetSpec, endpoint, re, names };
      }),
  ),
);

/** The answers folder of an endpoint path template with its non-symbol placeholders filled. */
export function endpointSlug(template: string, values: Record<string, string> = {}): string {
  return template
    .replace(/\/\{symbol\}/g, '')
    .replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? k)
    .replace(/^\/stable\//, '')
    .replace(/^\/api\/v3\//, '')
    .replace(/^\/api\//, '')
    .replace(/\//g, '-');
}

/** Which dataset endpoint a request path is (first in table order; shared endpoints share answers). */
export function matchRequest(url: URL): MatchedRequest | undefined {
  const pathname = decodeURIComponent(url.pathname);
  for (const r of ROUTES) {
    const m = r.re.exec(pathname);
    if (!m) continue;
    const values: Record<string, string> = {};
    r.names.forEach((n, i) => (values[n] = m[i + 1]!));
    const symbolText = values.symbol ?? url.searchParams.get('symbol') ?? undefined;
    delete values.symbol;
    return {
      generation: r.generation,
      spec: r.spec,
      endpoint: r.endpoint,
      slug: endpointSlug(r.endpoint.path, values),
      symbols: symbolText ? symbolText.split(',').filter(Boolean) : [],
      pathValues: values,
      query: url.searchParams,
    };
  }
  return undefined;
}

/** Answer files under a folder, read once. */
export class ResponseStore {
  private readonly cache = new Map<string, string | null>();
  constructor(readonly dir: string) {}

  get(generation: Generation, slug: string, key: string): string | undefined {
    const file = path.join(this.dir, generation, slug, `${key}.json`);
    let v = this.cache.get(file);
    if (v === undefined) {
      v = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      this.cache.set(file, v);
    }
    return v ?? undefined;
  }
}

function inWindow(date: unknown, from: string | null, to: string | null): boolean {
  if (typeof date !== 'string') return true;
  const d = date.slice(0, 10);
  return (!from || d >= from) && (!to || d <= to);
}

/** The body FMP would send for a recognised request, from the store (undefined: no such answer). */
export function replayBody(store: ResponseStore, m: MatchedRequest): string {
  const shape = m.endpoint.shape ?? 'array';
  const from = m.query.get('from');
  const to = m.query.get('to');
  const period = m.query.get('period');
  const lookup = (key: string) =>
    (period ? store.get(m.generation, m.slug, `${key}.${period}`) : undefined) ?? store.get(m.generation, m.slug, key);
  if (!m.symbols.length) {
    const variant = Object.entries(Object.fromEntries(m.query)).filter(
      ([k]) => (m.endpoint.query?.[k] ?? '').startsWith('{') && !['from', 'to', 'period', 'limit'].includes(k),
    );
    const key = variant.length ? variant.map(([, v]) => v).join('-') : '_';
    const text = lookup(key);
    if (text === undefined) return '[]';
    if (!from && !to) return text;
    return JSON.stringify((JSON.parse(text) as { date?: string }[]).filter((r) => inWindow(r.date, from, to)));
  }
  if (shape === 'historical') {
    const text = lookup(m.symbols[0]!);
    if (text === undefined) return '{}';
    if (!from && !to) return text;
    const body = JSON.parse(text) as { symbol?: string; historical?: { date?: string }[] };
    const historical = (body.historical ?? []).filter((r) => inWindow(r.date, from, to));
    return historical.length ? JSON.stringify({ ...body, historical }) : '{}';
  }
  // rows that come late (`<symbol>.late.json`): answered only to a request whose window starts at or after the first of them
  const late = (key: string): { date?: string }[] => {
    const t = store.get(m.generation, m.slug, `${key}.late`);
    if (t === undefined) return [];
    const rows = JSON.parse(t) as { date?: string }[];
    const first = rows.map((r) => String(r.date ?? '').slice(0, 10)).sort()[0];
    return from && first && from >= first ? rows : [];
  };
  const texts = m.symbols.map(lookup);
  const lateRows = m.symbols.flatMap(late);
  if (texts.length === 1 && !from && !to) return texts[0] ?? '[]';
  const rows = [...texts.flatMap((t) => (t === undefined ? [] : (JSON.parse(t) as { date?: string }[]))), ...lateRows];
  return JSON.stringify(from || to ? rows.filter((r) => inWindow(r.date, from, to)) : rows);
}

export interface ReplayServer {
  url: string;
  /** Requests answered so far. */
  requests: number;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 answering like FMP from the files under
 * `dir`; a request without the expected `apikey` gets FMP's 401.
 */
export async function startReplayServer(o: { dir: string; apiKey: string; port?: number }): Promise<ReplayServer> {
  const store = new ResponseStore(o.dir);
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(body);
    };
    if (url.searchParams.get('apikey') !== o.apiKey) {
      return send(
        401,
        JSON.stringify({
          'Error Message':
            'Invalid API KEY. Feel free to create a Free API Key or visit https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information.',
        }),
      );
    }
    const m = matchRequest(url);
    if (!m) return send(404, JSON.stringify({ 'Error Message': `Unknown endpoint ${url.pathname}` }));
    send(200, replayBody(store, m));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
