// Serves Fundata dbsync answers from CSV files — the generated samples of
// fundata/api-demo/ (scripts/generate-fundata-api-demo.ts), not recordings of
// the vendor — from a local server on 127.0.0.1, so `sra demo` runs the real
// API sync (loadFundataApi: authenticate, request, poll, download, land)
// without the network.
//
//   POST /authenticate {key, secret}                    → {token}; 401 unless the demo key and secret
//   GET  /<endpoint>?fromdate=YYYY-MM-DD[&language=en]  → {execution_id}   (Authorization: <token>)
//   GET  /getresults/<execution_id>                     → {status: Running | Succeeded, url}
//   GET  /download/<execution_id>.csv?signature=…       → the endpoint's CSV file (no Authorization: presigned)
//
// Layout: <dir>/<group>-<name>.csv per endpoint (fund/getgeneral →
// fund-getgeneral.csv). Each endpoint answers its file whatever the
// fromdate: the file stands for the vendor's answer to the demo's first pull,
// so a later pull receives the same bytes again, which the loader recognises
// by SHA-256 and skips. An endpoint without a file answers 404.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { FUNDATA_ENDPOINTS } from './fundata-api.ts';

/** The answer file of an endpoint: fund/getgeneral → fund-getgeneral.csv. */
export const answerFile = (endpoint: string) => `${endpoint.replace(/\//g, '-')}.csv`;

/** The endpoints (in the sync's order) that have an answer file under dir. */
export function answeredEndpoints(dir: string): string[] {
  return FUNDATA_ENDPOINTS.map((e) => e.endpoint).filter((e) => fs.existsSync(path.join(dir, answerFile(e))));
}

export interface FundataReplayOptions {
  /** Folder of the answer files. */
  dir: string;
  /** The only credentials authenticate accepts. */
  key: string;
  secret: string;
  /** `Running` answers per execution before it succeeds (default 1: the sync polls once more). */
  runningPolls?: number;
  port?: number;
}

export interface FundataReplayServer {
  /** http://127.0.0.1:<port>: the dbsync base URL (FUNDATA_BASE_URL). */
  baseUrl: string;
  /** http://127.0.0.1:<port>/authenticate (FUNDATA_AUTH_URL). */
  authUrl: string;
  /** Endpoints with an answer file. */
  endpoints: string[];
  /** Requests answered so far, and downloads served. */
  readonly requests: number;
  readonly downloads: number;
  close(): Promise<void>;
}

interface Execution {
  endpoint: string;
  signature: string;
  polls: number;
}

const GENERAL = new Set(FUNDATA_ENDPOINTS.filter((e) => e.general).map((e) => e.endpoint));

export async function startFundataReplay(o: FundataReplayOptions): Promise<FundataReplayServer> {
  const endpoints = answeredEndpoints(o.dir);
  const runningPolls = o.runningPolls ?? 1;
  const tokens = new Set<string>();
  const executions = new Map<string, Execution>();
  const state = { requests: 0, downloads: 0 };
  let base = '';

  const server = http.createServer((req, res) => {
    state.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname.replace(/^\/+/, '');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const authorized = () => {
      if (tokens.has(req.headers.authorization ?? '')) return true;
      json(401, { message: 'Unauthorized' });
      return false;
    };

    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (p === 'authenticate') {
        if (req.method !== 'POST') return json(405, { message: 'method not allowed' });
        let body: { key?: unknown; secret?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return json(400, { message: 'body must be JSON {key, secret}' });
        }
        if (body?.key !== o.key || body?.secret !== o.secret) return json(401, { message: 'Unauthorized' });
        const token = crypto.randomBytes(24).toString('base64url');
        tokens.add(token);
        return json(200, { token });
      }
      if (req.method !== 'GET') return json(405, { message: 'method not allowed' });

      const results = /^getresults\/([^/]+)$/.exec(p);
      if (results) {
        if (!authorized()) return;
        const id = decodeURIComponent(results[1]!);
        const ex = executions.get(id);
        if (!ex) return json(404, { message: 'no such execution' });
        ex.polls++;
        if (ex.polls <= runningPolls) return json(200, { execution_id: id, status: 'Running' });
        return json(200, { execution_id: id, status: 'Succeeded', url: `${base}/download/${id}.csv?signature=${ex.signature}` });
      }

      const download = /^download\/([^/]+)\.csv$/.exec(p);
      if (download) {
        const ex = executions.get(download[1]!);
        if (!ex || url.searchParams.get('signature') !== ex.signature) return json(403, { message: 'Access Denied' });
        let body: Buffer;
        try {
          body = fs.readFileSync(path.join(o.dir, answerFile(ex.endpoint)));
        } catch {
          return json(404, { message: 'no such file' });
        }
        state.downloads++;
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(body.length) });
        return res.end(body);
      }

      if (FUNDATA_ENDPOINTS.some((e) => e.endpoint === p)) {
        if (!authorized()) return;
        const fromdate = url.searchParams.get('fromdate') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(fromdate)) return json(400, { message: 'fromdate=YYYY-MM-DD is required' });
        if (GENERAL.has(p) && !url.searchParams.get('language'))
          return json(400, { message: 'language is required for general endpoints' });
        if (!endpoints.includes(p)) return json(404, { message: `no answer file for ${p}` });
        const id = crypto.randomUUID();
        executions.set(id, { endpoint: p, signature: crypto.randomBytes(16).toString('hex'), polls: 0 });
        return json(200, { execution_id: id });
      }
      return json(404, { message: `no such endpoint: ${p}` });
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    baseUrl: base,
    authUrl: `${base}/authenticate`,
    endpoints,
    get requests() {
      return state.requests;
    },
    get downloads() {
      return state.downloads;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
