// `sra status` (and GET /status, the same document) shows how far the trading
// calendar reaches and asks for an extension from 60 days before its horizon
// (docs/CALENDAR.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { runCli } from '../fixtures/fundata/fixtures.ts';

describe('sra status: the trading calendar horizon', () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('years ahead: the horizon and no extension needed', async () => {
    const r = await runCli(['status', '--json'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    const year = new Date().getUTCFullYear() + 5;
    expect(s.trading_calendar).toEqual([expect.objectContaining({ exchange: 'NYSE', horizon: `${year}-12-31`, needs_extension: false })]);
  });

  it('30 days before the horizon: an extension is asked for, in JSON and in text', async () => {
    await db.pool.query(`delete from core.exchange_calendar where exchange = 'NYSE' and date > current_date + 30`);
    const j = await runCli(['status', '--json'], { DATABASE_URL: db.url });
    expect(JSON.parse(j.stdout).trading_calendar).toEqual([
      expect.objectContaining({ exchange: 'NYSE', days_left: 30, needs_extension: true }),
    ]);
    const t = await runCli(['status'], { DATABASE_URL: db.url });
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^Trading calendar\n.*\n +NYSE +\d{4}-\d\d-\d\d +30 +EXTEND/m);
  });

  it('after the build runs again the horizon is back', async () => {
    await db.pool.query(`select core.build_exchange_calendar('NYSE')`);
    const r = await runCli(['status', '--json'], { DATABASE_URL: db.url });
    expect(JSON.parse(r.stdout).trading_calendar).toEqual([expect.objectContaining({ needs_extension: false })]);
  });
});
