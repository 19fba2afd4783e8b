// `sra migrate` against a database that accepts connections and never
// answers: it fails within SRA_DB_CONNECT_TIMEOUT_MS with one clear line,
// like every other command, instead of waiting forever.
import path from 'node:path';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../loader/migrate.ts';
import { startSilentServer, type TcpServer } from '../servers/tcp-server.ts';

describe('sra migrate: a database that never answers', () => {
  let silent: TcpServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => silent?.close());

  it('fails within the connect timeout, with one line naming the database and the setting, and exit code 1', async () => {
    const child = spawn(path.join(ROOT, 'bin', 'sra'), ['migrate'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        LOG_LEVEL: 'info',
        DATABASE_URL: silent.url('sra', 'postgres:not-a-real-password'),
        SRA_DB_CONNECT_TIMEOUT_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // without a connect timeout it would hang: killed after 30 s
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(timer);
    const ms = performance.now() - t0;
    expect(code).toBe(1);
    const errors = stderr.split('\n').filter((l) => / error /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`database 127\\.0\\.0\\.1:${silent.port}/sra did not answer within 1000 ms \\(SRA_DB_CONNECT_TIMEOUT_MS\\)`),
    );
    expect(stderr).not.toMatch(/not-a-real-password/);
    // tsx compiles the CLI at start (seconds on a busy machine), then one second of waiting
    expect(ms).toBeLessThan(20_000);
  }, 40_000);
});
