// Schema drift end to end (docs/SCHEMA-DRIFT.md): a Fundata quotes file whose
// NAVPS column is renamed is landed and held (core unchanged, the batch not
// failed) until `sra schema accept fundata.quotes --reason …` releases it and
// the next `sra transform` consumes it; an FMP profile with a field FMP added
// (served by the local FMP server) passes and the field is reported once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';
import { runTransforms } from '../../loader/transform.ts';
import { FIXTURES_DIR, fmpEnv, startFmpServer, type FmpServer } from '../servers/fmp-server.ts';
import { BOM, QUOTES_HEADER, quoteLines, startCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('a renamed Fundata column: held until accepted', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  const sra = async (...args: string[]) => startCli(args, { DATABASE_URL: db.url }).done;
  const navps = async () =>
    (
      await db.pool.query<{ identifier: string; date: string; navps: string }>(
        `select identifier, date::text, navps::text from core.fundata_quotes order by date`,
      )
    ).rows;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('drift');
    // ten business days of one fund: the first five in one file, the next five
    // in a later file whose NAVPS column is renamed NAVPerShare
    const lines = quoteLines(10, '4095');
    writeCsv(tmp.dir, 'quotes/FundDailyNAVPS-1.csv', [BOM + QUOTES_HEADER, ...lines.slice(0, 5)]);
    expect((await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' })).landed).toBe(1);
    expect((await runTransforms(db.pool, { quiet: true }))[0]).toBeDefined();
    writeCsv(tmp.dir, 'quotes/FundDailyNAVPS-2.csv', [BOM + QUOTES_HEADER.replace(',NAVPS,', ',NAVPerShare,'), ...lines.slice(5)]);
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('lands the renamed file and holds it: core unchanged, the batch not failed', async () => {
    const load = await sra('load', 'fundata-csv', path.join(tmp.dir, 'quotes'));
    expect(load.code, load.stderr).toBe(0);
    const before = await navps();
    expect(before).toHaveLength(5);

    const t = await sra('transform');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr).toMatch(/FundDailyNAVPS-2\.csv\) of fundata\.quotes held for schema changes \(renamed NAVPerShare\)/);
    expect(await navps()).toEqual(before);

    const { rows: batch } = await db.pool.query(
      `select b.status, exists (select 1 from ops.failed_batch as f where f.batch_id = b.batch_id) as failed,
              exists (select 1 from ops.held_batch as h where h.batch_id = b.batch_id) as held,
              (select count(*)::int from raw.record as r where r.batch_id = b.batch_id) as records
       from raw.batch as b where b.file_name = 'FundDailyNAVPS-2.csv'`,
    );
    expect(batch).toEqual([{ status: 'landed', failed: false, held: true, records: 5 }]);
    const { rows: changes } = await db.pool.query(
      `select dataset, field, change, previous_field, state from ops.schema_change where state <> 'discarded'`,
    );
    expect(changes).toEqual([
      { dataset: 'fundata.quotes', field: 'NAVPerShare', change: 'renamed', previous_field: 'NAVPS', state: 'open' },
    ]);
  });

  it('sra status shows the open change and the held batch', async () => {
    const s = await sra('status', '--json');
    expect(s.code, s.stderr).toBe(0);
    const doc = JSON.parse(s.stdout) as {
      schema_changes: { open: number; changes: { field: string }[]; held_batches: { file_name: string }[] };
    };
    expect(doc.schema_changes.open).toBe(1);
    expect(doc.schema_changes.changes.map((c) => c.field)).toEqual(['NAVPerShare']);
    expect(doc.schema_changes.held_batches.map((h) => h.file_name)).toEqual(['FundDailyNAVPS-2.csv']);
    const text = await sra('status');
    expect(text.stdout).toMatch(/Open schema changes \(1\)\n.*\n\s+fundata\.quotes\s+NAVPerShare\s+renamed\s+NAVPS/);
  });

  it('sra schema accept needs a reason, records who and why, and the next sra transform consumes the batch', async () => {
    const noReason = await sra('schema', 'accept', 'fundata.quotes');
    expect(noReason.code).not.toBe(0);
    expect(await navps()).toHaveLength(5);

    const accept = await sra('schema', 'accept', 'fundata.quotes', '--reason', 'Fundata renamed the column', '--by', 'ops-on-call');
    expect(accept.code, accept.stderr).toBe(0);
    expect(accept.stderr).toMatch(/1 batch\(es\) released/);
    const { rows } = await db.pool.query(`select state, decided_by, reason from ops.schema_change where field = 'NAVPerShare'`);
    expect(rows).toEqual([{ state: 'accepted', decided_by: 'ops-on-call', reason: 'Fundata renamed the column' }]);

    const t = await sra('transform');
    expect(t.code, t.stderr).toBe(0);
    const after = await navps();
    expect(after).toHaveLength(10);
    // the renamed column's values, read as NAVPS (the fixture's 8-decimal values, rounded to 2)
    const expected = quoteLines(10, '4095')
      .slice(5)
      .map((l) => Number(l.split(',')[5]).toFixed(2));
    expect(after.slice(5).map((r) => r.navps)).toEqual(expected);
    expect((await sra('schema', 'list')).stdout).toMatch(/Schema changes \(open\)\n {2}\(none\)/);
  });
});

describe('an FMP field FMP added: passes, reported once', () => {
  let db: TestDb;
  let server: FmpServer;
  const profile = (symbol: string) => {
    const rows = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'stable', 'profile', 'AAPL.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    return JSON.stringify([{ ...rows[0], symbol, esgScore: 71.5 }]);
  };

  beforeAll(async () => {
    db = await freshDb();
    server = await startFmpServer({
      fault: (r) => (r.path === '/stable/profile' ? { status: 200, body: profile(r.query.get('symbol') ?? '') } : undefined),
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('transforms both profiles and reports esgScore once, with both batches', async () => {
    const s = await loadFmp(db.pool, {
      env: fmpEnv(server, { FMP_API_GENERATION: 'stable' }),
      datasets: ['fmp.profile'],
      symbols: ['AAPL', 'MSFT'],
    });
    expect(s.failed).toBe(0);
    const [r] = await runTransforms(db.pool, { only: ['equity_profile'], quiet: true });
    expect(r!.batches).toBe(2);
    const { rows: core } = await db.pool.query(`select symbol from core.equity_profile order by symbol`);
    expect(core).toEqual([{ symbol: 'AAPL' }, { symbol: 'MSFT' }]);
    const { rows } = await db.pool.query(
      `select dataset, field, change, new_type, example, state, cardinality(batch_ids)::int as batches
       from ops.schema_change where dataset = 'fmp.profile'`,
    );
    expect(rows).toEqual([
      { dataset: 'fmp.profile', field: 'esgScore', change: 'new', new_type: 'number', example: '71.5', state: 'open', batches: 2 },
    ]);
    const { rows: held } = await db.pool.query(`select * from ops.held_batch`);
    expect(held).toEqual([]);
  });
});
