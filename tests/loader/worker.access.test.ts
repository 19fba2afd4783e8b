import os from 'node:os';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv, secretValues } from '../../loader/config.ts';
import { startWorker, type Worker } from '../../loader/worker/worker.ts';
import { adminAccess } from '../../loader/worker/http.ts';

const TOKEN = 'a-long-admin-token-0123456789';

async function get(host: string, port: number, p: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}${p}`, {
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}

/** An address of this machine that is not loopback, when it has one. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

describe('sra worker: who may read /status and /metrics', () => {
  let db: TestDb;
  let open: Worker;
  let guarded: Worker;

  beforeAll(async () => {
    db = await freshDb();
    // listening on every interface, as on a host
    open = await startWorker({ url: db.url, env: parseEnv({ DATABASE_URL: db.url }), port: 0, host: '0.0.0.0' });
    guarded = await startWorker({ url: db.url, env: parseEnv({ DATABASE_URL: db.url, SRA_ADMIN_TOKEN: TOKEN }), port: 0, host: '0.0.0.0' });
  });
  afterAll(async () => {
    await open?.stop(500);
    await guarded?.stop(500);
    await db?.drop();
  });

  it('without SRA_ADMIN_TOKEN: loopback requests read /status and /metrics', async () => {
    expect((await get('127.0.0.1', open.port, '/status')).status).toBe(200);
    const m = await get('127.0.0.1', open.port, '/metrics');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    // the first scrape of a migrated database reads every series, failed batches included
    expect(m.text).toMatch(/^sra_failed_batches\{transform="fundata_quotes"\} 0$/m);
    expect(m.text).toMatch(/^sra_unconsumed_batches\{transform="fundata_quotes"\} 0$/m);
  });

  it('without SRA_ADMIN_TOKEN: other addresses get 403 on /status and /metrics, while / and /health stay public', async () => {
    if (external) {
      for (const p of ['/status', '/metrics']) {
        const r = await get(external, open.port, p);
        expect(r.status).toBe(403);
        expect(r.text).not.toMatch(/command|select|host/);
      }
      expect((await get(external, open.port, '/')).status).toBe(200);
      expect((await get(external, open.port, '/health')).status).toBe(200);
    }
    // the rule itself, for an address this machine may not have
    const req = (remoteAddress: string) => ({ headers: {}, socket: { remoteAddress } }) as unknown as http.IncomingMessage;
    expect(adminAccess(req('10.1.2.3'), undefined)).toMatchObject({ ok: false, status: 403 });
    expect(adminAccess(req('::ffff:10.1.2.3'), undefined)).toMatchObject({ ok: false, status: 403 });
    expect(adminAccess(req('::1'), undefined)).toEqual({ ok: true });
    expect(adminAccess(req('::ffff:127.0.0.1'), undefined)).toEqual({ ok: true });
  });

  it('with SRA_ADMIN_TOKEN: /status and /metrics need the bearer token, even from loopback', async () => {
    for (const p of ['/status', '/metrics']) {
      const none = await get('127.0.0.1', guarded.port, p);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(none.text).not.toContain(TOKEN);
      expect(none.text).not.toMatch(/sra_|fundata|fmp/);
      expect((await get('127.0.0.1', guarded.port, p, { authorization: 'Bearer wrong-token' })).status).toBe(401);
      expect((await get('127.0.0.1', guarded.port, p, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await get('127.0.0.1', guarded.port, p, { authorization: TOKEN })).status).toBe(401);
      expect((await get('127.0.0.1', guarded.port, p, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    }
    if (external) expect((await get(external, guarded.port, '/status', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get('127.0.0.1', guarded.port, '/')).status).toBe(200);
    expect((await get('127.0.0.1', guarded.port, '/health')).status).toBe(200);
  });

  it('SRA_ADMIN_TOKEN is a secret: scrubbed from logs, and refused when too short to be one', () => {
    expect(secretValues(parseEnv({ SRA_ADMIN_TOKEN: TOKEN }))).toContain(TOKEN);
    expect(() => parseEnv({ SRA_ADMIN_TOKEN: 'short' })).toThrow(/SRA_ADMIN_TOKEN must be at least 16 characters/);
  });
});
