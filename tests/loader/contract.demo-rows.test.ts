// The client contract against real rows: the demo load (`sra demo`'s steps)
// into a fresh database, then every api view's rows validated with the
// generated zod schemas and, where python3 with pydantic and psycopg is
// available, with the generated Pydantic models (clients/python/check_contract.py).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseEnv } from '../../loader/config.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { runTransforms } from '../../loader/transform.ts';
import { ROOT } from '../../loader/migrate.ts';
import { models } from '../../clients/ts/models.ts';

const ROWS_PER_VIEW = 500;

/** A python3 that has pydantic and psycopg, if this machine has one. */
function pythonWithPydantic(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import pydantic, psycopg'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return undefined;
}

describe('the client contract holds for the demo data', () => {
  let db: TestDb;
  let views: string[];

  beforeAll(async () => {
    db = await freshDb();
    const e = parseEnv({ DATABASE_URL: db.url, SRA_PROGRESS: 'never', LOG_LEVEL: 'warn' });
    await loadFundataCsv(db.pool, { progress: 'never' });
    const dir = path.join(ROOT, 'loader', 'demo');
    for (const f of fs
      .readdirSync(dir)
      .filter((x) => x.endsWith('.ts'))
      .sort()) {
      const mod = (await import(path.join(dir, f))) as { demo?: (p: typeof db.pool, env: typeof e) => Promise<void> };
      await mod.demo?.(db.pool, e);
    }
    await runTransforms(db.pool, { quiet: true });
    await db.pool.query('select * from agg.refresh()');
    await db.pool.query('select * from agg.refresh_analytics()');
    const { rows } = await db.pool.query<{ v: string }>(
      `select 'api.' || c.relname as v from pg_class as c where c.relnamespace = 'api'::regnamespace and c.relkind = 'v' order by 1`,
    );
    views = rows.map((r) => r.v);
  }, 300_000);
  afterAll(async () => db?.drop());

  it('the shipped sample data shows no schema change: every batch compared, none held, none open', async () => {
    const { rows } = await db.pool.query(
      `select (select count(*)::int from raw.batch) as batches,
              (select count(*)::int from ops.schema_check) as compared,
              (select count(*)::int from ops.schema_change where state = 'open') as open,
              (select count(*)::int from ops.held_batch) as held`,
    );
    expect(rows[0].batches).toBeGreaterThan(0);
    expect(rows[0]).toEqual({ batches: rows[0].batches, compared: rows[0].batches, open: 0, held: 0 });
  });

  it('has a generated zod schema for every api view, and no schema without a view', () => {
    expect(Object.keys(models).sort()).toEqual(views);
  });

  it("every api view row validates with its zod schema, with exactly the schema's columns", async () => {
    const failures: string[] = [];
    for (const view of views) {
      const schema = models[view as keyof typeof models];
      const { rows, fields } = await db.pool.query(`select * from ${view} limit ${ROWS_PER_VIEW}`);
      expect(
        fields.map((f) => f.name),
        `${view} columns`,
      ).toEqual(Object.keys(schema.shape));
      for (const [i, row] of rows.entries()) {
        const r = schema.strict().safeParse(row);
        if (!r.success) failures.push(`${view} row ${i}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('the demo fills the aggregate views', async () => {
    for (const view of ['api.fund_nav_monthly', 'api.equity_ohlcv_weekly', 'api.equity_ohlcv_monthly', 'api.api_usage_minute']) {
      const { rows } = await db.pool.query(`select count(*)::int as n from ${view}`);
      expect(rows[0].n, view).toBeGreaterThan(0);
    }
  });

  it('the demo fills the corporate-action views, adjusted prices and latest company metrics', async () => {
    const n = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);
    expect(await n(`select count(*) as n from api.equity_dividend`)).toBeGreaterThan(0);
    expect(await n(`select count(*) as n from api.equity_split`)).toBeGreaterThan(0);
    expect(await n(`select count(*) as n from api.etf_dividend`)).toBeGreaterThan(0);
    // AAPL's November dividend (generated sample) adjusts the closes before its ex-date
    expect(await n(`select count(*) as n from api.equity_price_adjusted where symbol = 'AAPL' and dividend_factor < 1`)).toBeGreaterThan(0);
    expect(await n(`select count(*) as n from api.latest_company_metrics where performance_as_of is not null`)).toBe(3);
  });

  it('every api view row validates with the generated Pydantic models (python3 with pydantic and psycopg)', () => {
    const py = pythonWithPydantic();
    if (!py) {
      // scripts/setup-postgres.sh installs python3-pydantic and python3-psycopg: CI must have them
      expect(process.env.CI, 'python3 with pydantic and psycopg is missing (apt-get install python3-pydantic python3-psycopg)').toBeFalsy();
      console.warn('contract: no python3 with pydantic and psycopg here: the Pydantic check did not run');
      return;
    }
    const r = spawnSync(py, [path.join(ROOT, 'clients', 'python', 'check_contract.py'), db.url, '--limit', String(ROWS_PER_VIEW)], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { views: number; rows: Record<string, number>; problems: unknown[] };
    expect(out.problems).toEqual([]);
    expect(r.status).toBe(0);
    expect(Object.keys(out.rows).sort()).toEqual(views);
    expect(Object.values(out.rows).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
