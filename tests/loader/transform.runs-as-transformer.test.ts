// `sra transform` (runTransforms, also the refresh's transforms step) and the
// refresh's aggregates step run as sra_transformer, never with the rights of
// the role that connected: a transform that records current_user sees
// sra_transformer, for a normal run and for a rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { runTransforms } from '../../loader/transform.ts';
import { aggregatesStep } from '../../loader/refresh.ts';
import { parseEnv } from '../../loader/config.ts';

describe('transforms run as sra_transformer', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    await db.pool.query(`
      create table core.zz_whoami (who text not null, batches bigint[] not null);
      create function core.transform_zz_whoami(p_batches bigint[], p_run_id bigint)
      returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
      language plpgsql as $$
      begin
          insert into core.zz_whoami (who, batches) values (current_user, p_batches);
          return query select 1::bigint, 1::bigint, 0::bigint, 0::bigint;
      end
      $$;
      insert into ops.transform_definition (name, kind, version, checksum, file_path, target, datasets)
      values ('zz_whoami', 'transform', 1, 'test', 'transforms/zz/whoami.sql', 'core.zz_whoami', array['fundata.whoami']);
      insert into raw.batch (source, dataset, origin, file_name, sha256, row_count)
      values ('fundata', 'fundata.whoami', 'csv', 'whoami.csv', md5('whoami'), 1);
    `);
  });
  afterAll(async () => db?.drop());

  it('runs a transform as sra_transformer', async () => {
    const { rows: me } = await db.pool.query<{ u: string }>('select current_user as u');
    expect(me[0]!.u).not.toBe('sra_transformer');
    const [r] = await runTransforms(db.pool, { only: ['zz_whoami'], quiet: true });
    expect(r!.batches).toBe(1);
    const { rows } = await db.pool.query<{ who: string }>('select who from core.zz_whoami');
    expect(rows.map((x) => x.who)).toEqual(['sra_transformer']);
  });

  it('rebuilds a transform as sra_transformer', async () => {
    const [r] = await runTransforms(db.pool, { only: ['zz_whoami'], rebuild: true, quiet: true });
    expect(r!.batches).toBe(1);
    // the rebuild deleted the earlier row (delete, granted to the transformer) and wrote it again
    const { rows } = await db.pool.query<{ who: string }>('select who from core.zz_whoami');
    expect(rows.map((x) => x.who)).toEqual(['sra_transformer']);
  });

  it('leaves the pooled connections with their own role', async () => {
    const { rows } = await db.pool.query<{ u: string }>('select current_user as u');
    expect(rows[0]!.u).not.toBe('sra_transformer');
  });

  it('refreshes the aggregates as sra_transformer', async () => {
    // a statement trigger on an aggregate table records who writes it
    await db.pool.query(`
      create table ops.zz_agg_writer (who text not null);
      create function ops.zz_note_writer() returns trigger language plpgsql as $$
      begin insert into ops.zz_agg_writer values (current_user); return null; end $$;
      create trigger zz_note_writer after insert or delete on agg.fund_nav_monthly
          for each statement execute function ops.zz_note_writer();
      grant insert on ops.zz_agg_writer to sra_transformer;
    `);
    const { rows: b } = await db.pool.query<{ batch_id: string }>(
      `insert into raw.batch (source, dataset, origin, file_name, sha256, row_count)
       values ('fundata', 'fundata.quotes', 'csv', 'quotes.csv', md5('quotes'), 1) returning batch_id`,
    );
    await db.pool.query(
      `insert into raw.record (batch_id, line, payload) values ($1, 2, '{"InstrumentKey": "A1", "Date": "2024-01-02", "NAVPS": "5.00"}')`,
      [b[0]!.batch_id],
    );
    await db.pool.query(`select * from ops.run_transforms()`);
    const out = await aggregatesStep.run({ pool: db.pool, env: parseEnv({}), runId: 0 });
    expect(out.status).toBe('completed');
    const { rows } = await db.pool.query<{ who: string }>('select distinct who from ops.zz_agg_writer');
    expect(rows.map((x) => x.who)).toEqual(['sra_transformer']);
  });
});
