import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { runMigrations, applyDefinitions } from '../../loader/migrate.ts';

describe('sra migrate', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('a second migrate does no harm and applies nothing', async () => {
    const again = await runMigrations(db.url);
    expect(again).toEqual([]);
    const defs = await applyDefinitions(db.pool);
    expect(defs.applied).toEqual([]);
    const { rows } = await db.pool.query(`select count(*)::int as n from pg_views where schemaname = 'api'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(4);
  });
});
