// Two transform runs at the same moment: the advisory lock makes the second
// wait, then find nothing pending; every batch is consumed exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';

async function landQuotes(db: TestDb, n: number, offset: number): Promise<void> {
  const { rows } = await db.pool.query<{ batch_id: string }>(
    `insert into raw.batch (source, dataset, origin, file_name, sha256, row_count)
     values ('fundata', 'fundata.quotes', 'csv', 'concurrent.csv', md5(random()::text), $1) returning batch_id`,
    [n],
  );
  await db.pool.query(
    `insert into raw.record (batch_id, line, payload)
     select $1, g + 1, jsonb_build_object('InstrumentKey', (1000 + g % 50)::text,
         'Date', (date '2024-01-01' + (g / 50 + $3::int))::text, 'NAVPS', (10 + g % 7)::text || '.123456')
     from generate_series(1, $2) as g`,
    [rows[0]!.batch_id, n, offset],
  );
}

describe('ops.run_transform under concurrent runs', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    for (let i = 0; i < 4; i++) await landQuotes(db, 5000, i * 200);
  });
  afterAll(async () => db?.drop());

  it('consumes every batch exactly once when two runs start together', async () => {
    const [a, b] = await Promise.all([
      db.pool.query(`select * from ops.run_transform('fundata_quotes')`),
      db.pool.query(`select * from ops.run_transform('fundata_quotes')`),
    ]);
    const batches = [a.rows[0].batches, b.rows[0].batches].sort();
    expect(batches).toEqual([0, 4]);
    const { rows: ledger } = await db.pool.query(
      `select batch_id, count(*)::int as n from ops.transform_batch where transform_name = 'fundata_quotes' group by batch_id`,
    );
    expect(ledger).toHaveLength(4);
    expect(ledger.every((r) => r.n === 1)).toBe(true);
    const { rows: dup } = await db.pool.query(
      `select identifier, date, count(*)::int as n from core.fundata_quotes group by 1, 2 having count(*) > 1`,
    );
    expect(dup).toEqual([]);
    const { rows: total } = await db.pool.query(`select count(*)::int as n from core.fundata_quotes`);
    expect(total[0].n).toBe(20000);
  });

  it('a non-waiting run (as pg_cron makes) skips while another holds the lock', async () => {
    await landQuotes(db, 2000, 5000);
    const holder = await db.pool.connect();
    try {
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(hashtext('sra.transform'), hashtext('fundata_quotes'))`);
      const { rows } = await db.pool.query(`select * from ops.run_transform('fundata_quotes', false)`);
      expect(rows[0].skipped).toBe(true);
      expect(rows[0].batches).toBe(0);
      await holder.query('rollback');
    } finally {
      holder.release();
    }
    const { rows } = await db.pool.query(`select * from ops.run_transform('fundata_quotes', false)`);
    expect(rows[0].skipped).toBe(false);
    expect(rows[0].batches).toBe(1);
  });
});
