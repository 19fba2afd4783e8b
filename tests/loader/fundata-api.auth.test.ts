import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi, FundataAuthError } from '../../loader/sources/fundata-api.ts';
import { ConfigError, parseEnv } from '../../loader/config.ts';
import { ROOT } from '../../loader/migrate.ts';
import { setLogLevel } from '../../loader/lib/log.ts';

setLogLevel('error');

const WRONG_KEY = 'AKIA-wrong-key-id-4711';
const WRONG_SECRET = 'wrong-secret-value-0815';

describe('sra load fundata-api: credentials and tokens', () => {
  let db: TestDb;
  let server: FundataServer | undefined;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => db?.drop());

  it('stops at refused credentials with one line naming the variables, and lands nothing', async () => {
    server = await startFundataServer();
    const env = fundataEnv(server, { FUNDATA_ACCESS_KEY_ID: WRONG_KEY, FUNDATA_SECRET_ACCESS_KEY: WRONG_SECRET });
    const err = await loadFundataApi(db.pool, { env }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(FundataAuthError);
    expect(err).toBeInstanceOf(ConfigError); // an operator's fix: exit code 2 in the CLI
    expect(err.message).not.toContain('\n');
    expect(err.message).toMatch(/refused the credentials \(HTTP 401 .*\): check FUNDATA_ACCESS_KEY_ID and FUNDATA_SECRET_ACCESS_KEY/);
    expect(err.message).not.toContain(WRONG_KEY);
    expect(err.message).not.toContain(WRONG_SECRET);
    // one authenticate call, no endpoint asked
    expect(server.calls.map((c) => [c.path, c.status])).toEqual([['/authenticate', 401]]);
    const { rows } = await db.pool.query(`select count(*)::int as n from raw.batch`);
    expect(rows[0].n).toBe(0);
    const run = await db.pool.query(
      `select status, error_details::text as details from ops.task_run where task_id like 'fundata-api%' order by task_run_id desc limit 1`,
    );
    expect(run.rows[0].status).toBe('failed');
    expect(run.rows[0].details).toContain('FUNDATA_ACCESS_KEY_ID');
  });

  it('keeps the credentials out of the whole database', () => {
    const dump = execFileSync('pg_dump', ['--data-only', db.url], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(dump).toContain('fundata-api'); // the failed run is in there
    expect(dump).not.toContain(WRONG_KEY);
    expect(dump).not.toContain(WRONG_SECRET);
  });

  it('the CLI prints exactly one error line, without the secret, and exits 2', async () => {
    server = await startFundataServer();
    const run = promisify(execFile);
    const err = await run(path.join(ROOT, 'bin', 'sra'), ['load', 'fundata-api', '--endpoints', 'fund/getgeneral'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: db.url,
        FUNDATA_ACCESS_KEY_ID: WRONG_KEY,
        FUNDATA_SECRET_ACCESS_KEY: WRONG_SECRET,
        FUNDATA_AUTH_URL: server.authUrl,
        FUNDATA_BASE_URL: server.baseUrl,
      },
      cwd: ROOT,
      timeout: 30_000,
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect('code' in err ? err.code : 0).toBe(2);
    const lines = err.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/error .*refused the credentials.*FUNDATA_SECRET_ACCESS_KEY/);
    expect(err.stderr + err.stdout).not.toContain(WRONG_SECRET);
    expect(err.stderr + err.stdout).not.toContain(WRONG_KEY);
  });

  it('asks for missing credentials by name before calling anyone', async () => {
    server = await startFundataServer();
    const env = parseEnv({ FUNDATA_AUTH_URL: server.authUrl, FUNDATA_BASE_URL: server.baseUrl });
    await expect(loadFundataApi(db.pool, { env })).rejects.toThrow(/FUNDATA_ACCESS_KEY_ID, FUNDATA_SECRET_ACCESS_KEY are required/);
    expect(server.calls).toEqual([]);
  });

  it('renews an expired token once and carries on', async () => {
    // a token is good for two calls: the request and the first poll; the second poll meets a 401
    server = await startFundataServer({ tokenUses: 2, runningPolls: 1 });
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getexpense'], env: fundataEnv(server) });
    expect(s.status).toBe('completed');
    expect(s.endpoints[0]).toMatchObject({ status: 'landed', rows: 2 });
    expect(s.tokenRenewals).toBe(1);
    expect(server.tokensIssued).toBe(2);
    const polls = server.calls.filter((c) => c.path.startsWith('/getresults/'));
    expect(polls.map((c) => c.status)).toEqual([200, 401, 200]);
    expect(polls[2]!.authorization).not.toBe(polls[1]!.authorization);
  });

  it('fails the endpoint, without looping, when even a renewed token is refused', async () => {
    server = await startFundataServer({ tokenUses: 0 });
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getload'], env: fundataEnv(server) });
    expect(s.status).toBe('failed');
    expect(s.endpoints[0]!.error).toBe('fund/getload: request (with a renewed token): HTTP 401 Unauthorized');
    expect(server.tokensIssued).toBe(2);
    expect(server.calls.filter((c) => c.path === '/fund/getload')).toHaveLength(2);
  });
});
