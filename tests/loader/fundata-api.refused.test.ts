// Fundata refuses the credentials with a body that echoes them back: the run
// is recorded as failed with the reason (what Fundata said, the secrets
// masked), never left 'running'.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi, FundataAuthError } from '../../loader/sources/fundata-api.ts';

const KEY = 'AKIA-refused-key-id-5521';
const SECRET = 'refused/secret+value=9902';

describe('sra load fundata-api when the credentials are refused (HTTP 401)', () => {
  let db: TestDb;
  let server: FundataServer;
  let err: Error;
  let stderr = '';
  beforeAll(async () => {
    db = await freshDb();
    server = await startFundataServer({
      refusalBody: JSON.stringify({
        message: `Unauthorized: key "${KEY}" with secret \\"${SECRET}\\" is not valid`,
        request: {
          body: { key: KEY, secret: SECRET },
          url: `https://authenticate.fundataapi.com/authenticate?key=${KEY}&secret=${encodeURIComponent(SECRET)}`,
        },
      }),
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      err = await loadFundataApi(db.pool, {
        env: fundataEnv(server, { FUNDATA_ACCESS_KEY_ID: KEY, FUNDATA_SECRET_ACCESS_KEY: SECRET }),
        endpoints: ['fund/getexpense'],
      }).then(
        () => new Error('resolved'),
        (e: unknown) => e as Error,
      );
    } finally {
      vi.restoreAllMocks();
    }
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('fails with one line saying what Fundata said, the credentials masked', () => {
    expect(err).toBeInstanceOf(FundataAuthError);
    expect(err.message).toMatch(
      /^Fundata refused the credentials \(HTTP 401 from 127\.0\.0\.1:\d+: "Unauthorized: key "\*\*\*" with secret \\"\*\*\*\\" is not valid"\): check FUNDATA_ACCESS_KEY_ID/,
    );
    expect(err.message).not.toContain(KEY);
    expect(err.message).not.toContain(SECRET);
  });

  it('records the run as failed, finished, with that reason', async () => {
    const { rows } = await db.pool.query(
      `select status, finished_at is not null as finished, error_count, error_details from ops.task_run where task_id like 'fundata-api%'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', finished: true, error_count: 1 });
    expect(rows[0].error_details[0].message).toBe(err.message);
    expect(server.calls.map((c) => [c.path, c.status])).toEqual([['/authenticate', 401]]);
  });

  it('keeps the credentials out of the database and the logs', () => {
    const dump = execFileSync('pg_dump', ['--data-only', db.url], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(dump).toContain('Fundata refused the credentials');
    for (const s of [KEY, SECRET, encodeURIComponent(SECRET)]) {
      expect(dump).not.toContain(s);
      expect(stderr).not.toContain(s);
    }
  });
});

describe('sra load fundata-api when an execution fails with a message quoting a URL and its token', () => {
  let db: TestDb;
  let server: FundataServer;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('records the run as failed with the reason, the token masked', async () => {
    const token = 'tok-unregistered-8841';
    server = await startFundataServer({
      failExecutions: { 'fund/getload': 'Failed' },
      failMessage: `export to "https://exports.example.com/x.csv?X-Amz-Signature=${token}&token=${token}" failed: \\"denied\\"`,
    });
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getload'], env: fundataEnv(server) });
    expect(s.status).toBe('failed');
    const { rows } = await db.pool.query(
      `select status, finished_at is not null as finished, error_details from ops.task_run where task_run_id = $1`,
      [s.runId],
    );
    expect(rows[0]).toMatchObject({ status: 'failed', finished: true });
    expect(rows[0].error_details[0].message).toMatch(
      /ended with status Failed \(export to "https:\/\/exports\.example\.com\/x\.csv\?X-Amz-Signature=\*\*\*&token=\*\*\*" failed/,
    );
    const dump = execFileSync('pg_dump', ['--data-only', db.url], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(dump).not.toContain(token);
  });
});
