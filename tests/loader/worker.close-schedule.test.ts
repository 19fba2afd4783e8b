// The worker's daily refresh at the New York close (docs/CONTINUITY.md): its
// schedule fires at 20:30 and 21:30 UTC on weekdays, and only the firing that
// is 16:30 in New York goes ahead — 20:30 UTC in July (EDT), 21:30 UTC in
// January (EST). The backfill has a schedule of its own, off those hours.
import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { startWorker, type Worker } from '../../loader/worker/worker.ts';
import type { RefreshKind, RefreshStep } from '../../loader/refresh.ts';

describe('sra worker: the daily refresh at 16:30 New York', () => {
  let db: TestDb;
  let worker: Worker;
  const ran: RefreshKind[] = [];
  const step = (kind: RefreshKind): RefreshStep[] => [
    {
      name: 'noted',
      async run() {
        ran.push(kind);
        return { status: 'completed', summary: 'noted' };
      },
    },
  ];
  beforeAll(async () => {
    db = await freshDb();
    worker = await startWorker({ url: db.url, env: parseEnv({ DATABASE_URL: db.url }), port: 0, host: '127.0.0.1', steps: step });
  });
  afterAll(async () => {
    await worker?.stop(5000);
    await db?.drop();
  });

  it('fires at 20:30 and 21:30 UTC on weekdays', () => {
    const e = parseEnv({});
    const runs = new Cron(e.SRA_REFRESH_CRON, { paused: true, timezone: 'UTC' }).nextRuns(3, new Date('2026-07-14T12:00:00Z'));
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-07-14T20:30:00.000Z', '2026-07-14T21:30:00.000Z', '2026-07-15T20:30:00.000Z']);
  });

  it('July (EDT): the 20:30 UTC firing runs the refresh, the 21:30 one does not', async () => {
    ran.length = 0;
    expect((await worker.dailyAtClose(new Date('2026-07-15T20:30:00Z')))?.status).toBe('completed');
    expect(await worker.dailyAtClose(new Date('2026-07-15T21:30:00Z'))).toBeUndefined();
    expect(ran).toEqual(['daily']);
  });

  it('January (EST): the 20:30 UTC firing does not run it, the 21:30 one does', async () => {
    ran.length = 0;
    expect(await worker.dailyAtClose(new Date('2026-01-15T20:30:00Z'))).toBeUndefined();
    expect((await worker.dailyAtClose(new Date('2026-01-15T21:30:00Z')))?.status).toBe('completed');
    expect(ran).toEqual(['daily']);
  });

  it('the backfill runs at 11:00 UTC, an hour no other schedule uses', async () => {
    expect(worker.scheduler.loads.map((l) => [l.name, l.schedule])).toEqual([
      ['daily refresh', '30 20,21 * * 1-5'],
      ['weekly refresh', '0 3 * * 0'],
      ['backfill', '0 11 * * 1-6'],
    ]);
    const { rows } = await db.pool.query('select * from ops.schedule_clashes()');
    expect(rows).toEqual([]);
  });
});
