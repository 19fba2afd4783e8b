// finishRun records a run's outcome even when its details cannot be stored:
// a run never stays 'running' (to be closed later as "killed or restarted").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { finishRun, startRun } from '../../loader/lib/runs.ts';
import { registerSecret } from '../../loader/lib/redact.ts';

const SECRET = 'run-secret-value-6612';

describe('finishRun', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    registerSecret(SECRET);
  });
  afterAll(async () => db?.drop());

  const run = async (id: number) =>
    (
      await db.pool.query(
        `select status, finished_at is not null as finished, error_count, error_details from ops.task_run where task_run_id = $1`,
        [id],
      )
    ).rows[0];

  it('stores messages that quote URLs and escaped JSON as valid JSON, secrets masked', async () => {
    const id = await startRun(db.pool, 'load', 'test quoting');
    const message = `HTTP 401: {"Error Message":"bad key \\"https://x.test/p?apikey=${SECRET}\\" and &token=abc\\\\"}"`;
    await finishRun(db.pool, id, { status: 'failed', errors: [{ message, url: `https://x.test/p?apikey=${SECRET}&symbol=A` }] });
    const r = await run(id);
    expect(r).toMatchObject({ status: 'failed', finished: true, error_count: 1 });
    expect(r.error_details[0].message).toBe(`HTTP 401: {"Error Message":"bad key \\"https://x.test/p?apikey=***\\" and &token=***\\\\"}"`);
    expect(r.error_details[0].url).toBe('https://x.test/p?apikey=***&symbol=A');
  });

  it('records the status with a note when the details cannot be stored', async () => {
    const id = await startRun(db.pool, 'load', 'test unstorable');
    await finishRun(db.pool, id, { status: 'failed', errors: [{ message: 'HTTP 401' }], metrics: { n: 10n } });
    const r = await run(id);
    expect(r).toMatchObject({ status: 'failed', finished: true, error_count: 1 });
    expect(r.error_details[0].message).toMatch(/^the run's details could not be recorded: /);
  });
});
