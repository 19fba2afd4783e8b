// `sra status` (and GET /status, the same document) shows the open and failed
// backfill requests and the stale series per kind; `sra gaps detect` and
// `sra gaps accept` drive them (docs/CONTINUITY.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { runCli } from '../fixtures/fundata/fixtures.ts';

describe('sra status: backfill requests and staleness', () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await freshDb();
    // the last 20 sessions: FRESH has all, HOLEX misses the 10th newest, STALEX stops 5 sessions ago
    await db.pool.query(`
      with s as (
        select c.date, row_number() over (order by c.date desc) as n
        from core.exchange_calendar as c
        where c.exchange = 'NYSE' and c.is_open and c.date <= core.last_completed_session('NYSE')
        order by c.date desc limit 20
      )
      insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
      select x.symbol, s.date, 1, s.date, 1, 1
      from s cross join (values ('FRESH'), ('HOLEX'), ('STALEX')) as x (symbol)
      where not (x.symbol = 'HOLEX' and s.n = 10) and not (x.symbol = 'STALEX' and s.n <= 5)`);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const status = async () => {
    const r = await runCli(['status', '--json'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('before detection: nothing open, no series', async () => {
    const s = await status();
    expect(s.backfill).toMatchObject({ open: 0, failed: 0, requests: [] });
    expect(s.staleness).toEqual([]);
  });

  it('after detection: the hole and the lag are open requests, one series is stale', async () => {
    const d = await runCli(['gaps', 'detect'], { DATABASE_URL: db.url });
    expect(d.code).toBe(0);
    const s = await status();
    expect(s.backfill.open).toBe(2);
    expect(s.backfill.requests.map((r: { key: string; sessions: number }) => [r.key, r.sessions])).toEqual([
      ['HOLEX', 1],
      ['STALEX', 5],
    ]);
    expect(s.staleness).toEqual([{ kind: 'equity', series: 3, stale: 1, newest: expect.any(String) }]);
    const t = await runCli(['status'], { DATABASE_URL: db.url });
    expect(t.stdout).toMatch(/^Backfill requests \(2 open, 0 failed: sra gaps\)$/m);
    expect(t.stdout).toMatch(/^Staleness \(api\.security_freshness\)\n.*\n +equity +3 +1 /m);
  });

  it('an accepted gap leaves the list; a failed request is counted', async () => {
    const { rows } = await db.pool.query(`select id::text from ops.backfill_request where key = 'HOLEX'`);
    const a = await runCli(['gaps', 'accept', rows[0].id, '--reason', 'known halt'], { DATABASE_URL: db.url });
    expect(a.code).toBe(0);
    await db.pool.query(`update ops.backfill_request set state = 'failed', attempts = 3 where key = 'STALEX'`);
    const s = await status();
    expect(s.backfill).toMatchObject({ open: 0, failed: 1 });
    expect(s.backfill.requests.map((r: { key: string; state: string }) => [r.key, r.state])).toEqual([['STALEX', 'failed']]);
    const again = await runCli(['gaps', 'detect'], { DATABASE_URL: db.url });
    expect(again.code).toBe(0);
    const { rows: n } = await db.pool.query(`select count(*)::int as n from ops.backfill_request`);
    expect(n[0].n).toBe(2);
    const bad = await runCli(['gaps', 'accept', 'x1'], { DATABASE_URL: db.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a request id: x1/);
  });
});
