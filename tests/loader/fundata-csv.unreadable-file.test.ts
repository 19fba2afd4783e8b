// A file that cannot be read at all (here a dangling symbolic link) fails on
// its own: the load reports it and lands the other files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { loadFundataCsv } from '../../loader/sources/fundata-csv.ts';
import { QUOTES_HEADER, count, quoteLines, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv with a file that cannot be read', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('unreadable');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('reports the file with the reason and still lands the others', async () => {
    fs.symlinkSync(path.join(tmp.dir, 'gone', 'FundDailyNAVPSSeed.csv'), path.join(tmp.dir, 'quotes', 'a-dangling.csv'));
    writeCsv(tmp.dir, 'quotes/b-real.csv', [QUOTES_HEADER, ...quoteLines(4)]);
    const s = await loadFundataCsv(db.pool, { paths: [tmp.dir], progress: 'never' });
    expect(s.results.map((r) => [path.basename(r.file), r.status])).toEqual([
      ['a-dangling.csv', 'failed'],
      ['b-real.csv', 'landed'],
    ]);
    expect(s.results[0]!.message).toMatch(/a-dangling\.csv: cannot read the file: ENOENT/);
    expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(4);
    const { rows } = await db.pool.query(`select status, last_error from ops.file_tracker where file_path like '%a-dangling.csv'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed' });
    expect(rows[0].last_error).toMatch(/ENOENT/);
  });
});
