// A local server speaking Fundata's dbsync protocol (docs/FUNDATA-API.md),
// for tests only: 127.0.0.1, a random port, no network.
//   POST /authenticate {key, secret}             → {token}        (401 on bad credentials)
//   GET  /<endpoint>?fromdate=YYYY-MM-DD[&language=en], Authorization: <token> → {execution_id}
//   GET  /getresults/<execution_id>, Authorization: <token>  → {status: Running|Succeeded|Failed, url?}
//   GET  /download/<execution_id>.csv            → the CSV (rows with date >= fromdate)
// Misbehaviour on demand: Running for a while, Failed executions, expiring
// tokens, 5xx answers (with Retry-After), downloads cut midway, a refusal
// whose body echoes what it was sent.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { parseEnv, type Env } from '../../loader/config.ts';

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'fundata-api');

/** Fundata's 21 dbsync endpoints, as this server knows them. */
export const ENDPOINTS = [
  'fund/getdailynavps',
  'fund/getgeneral',
  'fund/getperformancesummary',
  'fund/getdistribution',
  'fund/gettopholding',
  'fund/getallocations',
  'fund/getload',
  'fund/getotherfees',
  'fund/getexpense',
  'fund/gettrailerschedule',
  'fund/getassets',
  'fund/getassociatedbenchmark',
  'fund/getequitystyle',
  'fund/getfixedincomestyle',
  'fund/getadvancedperformance',
  'fund/getyearlyperformance',
  'fund/getyearlyperformanceranking',
  'fund/getyearlyperformancerisk',
  'instrument/getidentifiers',
  'benchmark/getgeneral',
  'benchmark/getyearlyperformance',
] as const;

const GENERAL = new Set(['fund/getgeneral', 'benchmark/getgeneral']);

/** The fixture file under tests/fixtures/fundata-api holding an endpoint's rows. */
const FIXTURE_FILES: Record<string, string> = {
  'fund/getdailynavps': 'fund_daily_navps.csv',
  'fund/getgeneral': 'fund_general.csv',
  'benchmark/getgeneral': 'benchmark_general.csv',
  'fund/getperformancesummary': 'fund_performance_summary.csv',
  'fund/getdistribution': 'fund_distribution.csv',
  'fund/gettopholding': 'fund_top_holding.csv',
  'fund/getallocations': 'fund_allocations.csv',
  'fund/getexpense': 'fund_expense.csv',
  'fund/getassets': 'fund_assets.csv',
  'fund/getyearlyperformance': 'fund_yearly_performance.csv',
  'benchmark/getyearlyperformance': 'benchmark_yearly_performance.csv',
  'fund/getload': 'fund_load.csv',
  'fund/getotherfees': 'fund_other_fees.csv',
  'fund/gettrailerschedule': 'fund_trailer_schedule.csv',
  'fund/getassociatedbenchmark': 'fund_associated_benchmark.csv',
  'fund/getequitystyle': 'fund_equity_style.csv',
  'fund/getfixedincomestyle': 'fund_fixed_income_style.csv',
  'fund/getadvancedperformance': 'fund_advanced_performance.csv',
  'fund/getyearlyperformanceranking': 'fund_yearly_performance_ranking.csv',
  'fund/getyearlyperformancerisk': 'fund_yearly_performance_risk.csv',
  'instrument/getidentifiers': 'instrument_identifiers.csv',
};

/** The CSV text of every endpoint: the fixture files, and a small generic file for the rest. */
export function fixtureData(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of ENDPOINTS) {
    const f = FIXTURE_FILES[e];
    out[e] = f
      ? fs.readFileSync(path.join(FIXTURES, f), 'utf8')
      : `InstrumentKey,RecordId,Detail,RecordState,ChangeDate\n412682,${9000 + ENDPOINTS.indexOf(e)},${e},Active,2024-01-16\n`;
  }
  return out;
}

export interface FundataServerOptions {
  key: string;
  secret: string;
  /** endpoint → CSV text (header + rows); rows are filtered by fromdate at request time. */
  data: Record<string, string>;
  /** `Running` answers per execution before it succeeds. */
  runningPolls: number;
  /** An execution stays `Running` at least this long after it was requested. */
  executionMs: number;
  /** endpoint → how long its executions stay `Running` (instead of executionMs). */
  endpointExecutionMs: Record<string, number>;
  /** endpoint → the final status its executions end with instead of Succeeded (e.g. 'Failed'). */
  failExecutions: Record<string, string>;
  /** A token is accepted this many times, then answered 401 (expired). */
  tokenUses: number;
  /** The next N endpoint requests answer 503. */
  serverErrors: number;
  /** The next N downloads are cut (socket destroyed) after breakAfterBytes bytes. */
  breakDownloads: number;
  breakAfterBytes: number;
  /** Spread each download over this long (ten chunks), never idle for long. */
  slowDownloadMs: number;
  /** Write CSV bodies as real files come: UTF-8 BOM and CRLF line endings. */
  realFileTraits: boolean;
  /** The message of executions failed by failExecutions (default 'query execution failed'). */
  failMessage?: string;
  /** The body of the 401 that refuses credentials (default {"message":"Unauthorized"}). */
  refusalBody?: string;
  /** Retry-After (seconds) on the 503s of serverErrors. */
  retryAfterSeconds?: number;
}

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  status: number;
}

interface Execution {
  id: string;
  endpoint: string;
  fromdate: string;
  csv: string;
  requestedAt: number;
  polls: number;
}

export interface FundataServer {
  /** http://127.0.0.1:<port> (the dbsync base URL) */
  baseUrl: string;
  /** http://127.0.0.1:<port>/authenticate */
  authUrl: string;
  options: FundataServerOptions;
  calls: Call[];
  executions: Map<string, Execution>;
  /** Completed (not cut) downloads. */
  downloads: number;
  /** Tokens issued so far. */
  tokensIssued: number;
  close(): Promise<void>;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The endpoint's rows whose date (Date for daily NAVPS, ChangeDate otherwise) is on or after fromdate. */
function filteredCsv(endpoint: string, text: string, fromdate: string, realTraits: boolean): string {
  const records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const [header, ...rows] = records;
  if (!header) return '';
  const field = endpoint === 'fund/getdailynavps' ? 'Date' : 'ChangeDate';
  const at = header.indexOf(field);
  const kept = rows.filter((r) => at < 0 || (r[at] ?? '') >= fromdate);
  const eol = realTraits ? '\r\n' : '\n';
  return (realTraits ? '\uFEFF' : '') + [header, ...kept].map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

export async function startFundataServer(opts: Partial<FundataServerOptions> = {}): Promise<FundataServer> {
  const options: FundataServerOptions = {
    key: 'test-access-key-id',
    secret: 'test-secret-access-key',
    data: fixtureData(),
    runningPolls: 0,
    executionMs: 0,
    endpointExecutionMs: {},
    failExecutions: {},
    tokenUses: Number.POSITIVE_INFINITY,
    serverErrors: 0,
    breakDownloads: 0,
    breakAfterBytes: 40,
    slowDownloadMs: 0,
    realFileTraits: true,
    ...opts,
  };
  const tokens = new Map<string, number>(); // token → uses left
  const executions = new Map<string, Execution>();
  const calls: Call[] = [];
  let base = '';

  const state: FundataServer = {
    baseUrl: '',
    authUrl: '',
    options,
    calls,
    executions,
    downloads: 0,
    tokensIssued: 0,
    close: async () => undefined,
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const call: Call = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      status: 200,
    };
    calls.push(call);
    const json = (status: number, body: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const authorized = (): boolean => {
      const t = req.headers.authorization ?? '';
      const left = tokens.get(t);
      if (left === undefined || left <= 0) {
        json(401, { message: left === undefined ? 'Unauthorized' : 'The incoming token has expired' });
        return false;
      }
      tokens.set(t, left - 1);
      return true;
    };

    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const p = url.pathname.replace(/^\/+/, '');
      if (req.method === 'POST' && p === 'authenticate') {
        let body: { key?: unknown; secret?: unknown } = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return json(400, { message: 'body must be JSON {key, secret}' });
        }
        if (body.key !== options.key || body.secret !== options.secret) {
          if (options.refusalBody === undefined) return json(401, { message: 'Unauthorized' });
          call.status = 401;
          res.writeHead(401, { 'content-type': 'application/json' });
          return res.end(options.refusalBody);
        }
        const token = crypto.randomBytes(24).toString('base64url');
        tokens.set(token, options.tokenUses);
        state.tokensIssued++;
        return json(200, { token });
      }
      if (req.method !== 'GET') return json(405, { message: 'method not allowed' });

      const results = /^getresults\/([^/]+)$/.exec(p);
      if (results) {
        if (!authorized()) return;
        const ex = executions.get(decodeURIComponent(results[1]!));
        if (!ex) return json(404, { message: 'no such execution' });
        ex.polls++;
        const failed = options.failExecutions[ex.endpoint];
        if (failed) return json(200, { execution_id: ex.id, status: failed, message: options.failMessage ?? 'query execution failed' });
        const runFor = options.endpointExecutionMs[ex.endpoint] ?? options.executionMs;
        if (ex.polls <= options.runningPolls || Date.now() - ex.requestedAt < runFor) {
          return json(200, { execution_id: ex.id, status: 'Running' });
        }
        return json(200, { execution_id: ex.id, status: 'Succeeded', url: `${base}/download/${ex.id}.csv?X-Amz-Signature=presigned` });
      }

      const download = /^download\/([^/]+)\.csv$/.exec(p);
      if (download) {
        const ex = executions.get(download[1]!);
        if (!ex) return json(404, { message: 'no such file' });
        const body = Buffer.from(ex.csv, 'utf8');
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) });
        if (options.breakDownloads > 0) {
          options.breakDownloads--;
          call.status = -1; // cut
          res.write(body.subarray(0, Math.min(options.breakAfterBytes, body.length - 1)), () => {
            setTimeout(() => req.socket.destroy(), 5);
          });
          return;
        }
        state.downloads++;
        if (options.slowDownloadMs > 0) {
          const step = Math.ceil(body.length / 10);
          let at = 0;
          const tick = () => {
            if (at >= body.length) return res.end();
            res.write(body.subarray(at, at + step));
            at += step;
            setTimeout(tick, options.slowDownloadMs / 10);
          };
          return tick();
        }
        return res.end(body);
      }

      if ((ENDPOINTS as readonly string[]).includes(p)) {
        if (options.serverErrors > 0) {
          options.serverErrors--;
          if (options.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(options.retryAfterSeconds));
          return json(503, { message: 'Service Unavailable' });
        }
        if (!authorized()) return;
        const fromdate = url.searchParams.get('fromdate') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(fromdate)) return json(400, { message: 'fromdate=YYYY-MM-DD is required' });
        if (GENERAL.has(p) && url.searchParams.get('language') !== 'en') {
          return json(400, { message: 'language is required for general endpoints' });
        }
        const id = crypto.randomUUID();
        executions.set(id, {
          id,
          endpoint: p,
          fromdate,
          csv: filteredCsv(p, options.data[p] ?? '', fromdate, options.realFileTraits),
          requestedAt: Date.now(),
          polls: 0,
        });
        return json(200, { execution_id: id });
      }
      return json(404, { message: `no such endpoint: ${p}` });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  state.baseUrl = base;
  state.authUrl = `${base}/authenticate`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** The environment the loader reads, pointed at this server (credentials it accepts unless overridden). */
export function fundataEnv(s: FundataServer, extra: Record<string, string> = {}): Env {
  return parseEnv({
    FUNDATA_ACCESS_KEY_ID: s.options.key,
    FUNDATA_SECRET_ACCESS_KEY: s.options.secret,
    FUNDATA_AUTH_URL: s.authUrl,
    FUNDATA_BASE_URL: s.baseUrl,
    FUNDATA_POLL_INTERVAL_MS: '20',
    FUNDATA_POLL_TIMEOUT_MS: '5000',
    ...extra,
  });
}
