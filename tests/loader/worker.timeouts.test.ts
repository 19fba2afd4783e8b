import path from 'node:path';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { startWorker } from '../../loader/worker/worker.ts';
import { ROOT } from '../../loader/migrate.ts';
import { startProxy, startSilentServer, type TcpServer } from '../servers/tcp-server.ts';
import { getJson } from '../helpers/http.ts';

const get = getJson;

/** Run bin/sra; its exit code, stderr and wall time (killed after killMs). */
function sra(args: string[], env: Record<string, string>, killMs = 30_000) {
  const child = spawn(path.join(ROOT, 'bin', 'sra'), args, {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const t0 = performance.now();
  const timer = setTimeout(() => child.kill('SIGKILL'), killMs);
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0 });
    }),
  );
  return { child, exited, stderr: () => stderr };
}

describe('database timeouts: a database that accepts connections and never answers', () => {
  let silent: TcpServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => silent?.close());

  it('sra transform fails within the connect timeout, with one clear line and exit code 1', async () => {
    const run = sra(['transform'], { DATABASE_URL: silent.url('sra'), SRA_DB_CONNECT_TIMEOUT_MS: '1000' });
    const { code } = await run.exited;
    expect(code).toBe(1);
    const errors = run
      .stderr()
      .split('\n')
      .filter((l) => / error /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`database 127\\.0\\.0\\.1:${silent.port}/sra did not answer within 1000 ms \\(SRA_DB_CONNECT_TIMEOUT_MS\\)`),
    );
    // the line names no credentials
    expect(run.stderr()).not.toMatch(/postgres@/);
  }, 40_000);

  it('sra worker listens anyway, answers /health 503 at once, and exits 0 on SIGTERM', async () => {
    const run = sra(['worker', '--port', '0'], { DATABASE_URL: silent.url('sra'), SRA_DB_CONNECT_TIMEOUT_MS: '1000' });
    try {
      let port = 0;
      // tsx compiles the CLI at start: seconds on a busy machine
      for (let i = 0; i < 600 && !port; i++) {
        port = Number(/listening on :(\d+)/.exec(run.stderr())?.[1] ?? 0);
        if (!port) await new Promise((r) => setTimeout(r, 50));
      }
      expect(port).toBeGreaterThan(0);
      const h = await get(port, '/health');
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'degraded', database: 'unreachable' });
      expect(h.ms).toBeLessThan(1000);
      // once the first probe has failed, its reason is the timeout
      let again = await get(port, '/health');
      for (let i = 0; i < 50 && !again.body.error?.includes('did not answer'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        again = await get(port, '/health');
      }
      expect(again.status).toBe(503);
      expect(again.body.error).toMatch(/did not answer within/);
      expect((await get(port, '/')).status).toBe(200);
      run.child.kill('SIGTERM');
      const { code } = await run.exited;
      expect(code).toBe(0);
      expect(run.stderr()).toMatch(/worker: stopped/);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('database timeouts: a database that goes away and comes back', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('/health turns 503 within about a second, every answer fast, and recovers by itself', async () => {
    const u = new URL(db.url);
    const proxy = await startProxy({ host: u.hostname, port: Number(u.port || 5432) });
    const via = new URL(db.url);
    via.port = String(proxy.port);
    const w = await startWorker({
      url: via.toString(),
      env: parseEnv({ DATABASE_URL: via.toString() }),
      port: 0,
      host: '127.0.0.1',
    });
    try {
      expect((await get(w.port, '/health')).status).toBe(200);
      proxy.freeze();
      const t0 = performance.now();
      let r = await get(w.port, '/health');
      let slowest = r.ms;
      while (r.status === 200 && performance.now() - t0 < 5000) {
        await new Promise((res) => setTimeout(res, 50));
        r = await get(w.port, '/health');
        slowest = Math.max(slowest, r.ms);
      }
      expect(r.status).toBe(503);
      // the default probe: every 250 ms, 500 ms timeout
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(slowest).toBeLessThan(200);
      expect(r.body).toMatchObject({ status: 'degraded', database: 'unreachable' });

      proxy.thaw();
      const t1 = performance.now();
      while (r.status !== 200 && performance.now() - t1 < 10_000) {
        await new Promise((res) => setTimeout(res, 100));
        r = await get(w.port, '/health');
      }
      expect(r.status).toBe(200);
    } finally {
      await w.stop(500);
      await proxy.close();
    }
  }, 30_000);

  it('a worker started while the database is down sets itself up once it answers', async () => {
    const u = new URL(db.url);
    const proxy = await startProxy({ host: u.hostname, port: Number(u.port || 5432) });
    const via = new URL(db.url);
    via.port = String(proxy.port);
    proxy.down();
    const w = await startWorker({
      url: via.toString(),
      env: parseEnv({ DATABASE_URL: via.toString() }),
      port: 0,
      host: '127.0.0.1',
      setUpRetryMs: 200,
    });
    try {
      expect((await get(w.port, '/health')).status).toBe(503);
      const before = await get(w.port, '/status');
      expect(before.status).toBe(503);
      expect(before.body.scheduler.in_database_jobs).toBeNull();
      proxy.thaw();
      let r = before;
      const t0 = performance.now();
      while ((r.status !== 200 || r.body.scheduler?.in_database_jobs !== 'worker') && performance.now() - t0 < 10_000) {
        await new Promise((res) => setTimeout(res, 100));
        r = await get(w.port, '/status');
      }
      expect(r.status).toBe(200);
      expect(r.body.scheduler.in_database_jobs).toBe('worker');
      expect(r.body.scheduler.jobs).toHaveLength(5);
    } finally {
      await w.stop(500);
      await proxy.close();
    }
  }, 30_000);
});
