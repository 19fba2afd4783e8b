// The same file loaded twice at the same moment lands once: the second load
// waits on the first (advisory lock on dataset + SHA-256), then sees its
// committed batch and skips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { makePool } from '../../loader/lib/db.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { BOM, QUOTES_HEADER, count, quoteLines, startCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv loading the same file twice at once', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  const ROWS = 40_000;

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('concurrent');
  });
  afterAll(async () => {
    tmp?.cleanup();
    await db?.drop();
  });

  it('lands it once when two loads on separate connection pools start together', async () => {
    const file = writeCsv(tmp.dir, 'quotes/same.csv', [BOM + QUOTES_HEADER, ...quoteLines(ROWS)]);
    const pools = [makePool(db.url, 2), makePool(db.url, 2)];
    try {
      const land = (i: number) => landCsvFile(pools[i]!, { file, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
      const results = await Promise.all([land(0), land(1)]);
      expect(results.map((r) => r.status).sort()).toEqual(['landed', 'skipped']);
      const landed = results.find((r) => r.status === 'landed')!;
      const skipped = results.find((r) => r.status === 'skipped')!;
      expect(skipped.batchId).toBe(landed.batchId);
      expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(1);
      expect(await count(db.pool, `select count(*) as n from raw.record`)).toBe(ROWS);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('lands it once when two `sra load fundata-csv` processes run together', async () => {
    const file = writeCsv(tmp.dir, 'quotes/same-cli.csv', [BOM + QUOTES_HEADER, ...quoteLines(ROWS, '5555')]);
    const runs = [
      startCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url }),
      startCli(['load', 'fundata-csv', file], { DATABASE_URL: db.url }),
    ];
    const [a, b] = await Promise.all(runs.map((r) => r.done));
    expect([a!.code, b!.code]).toEqual([0, 0]);
    const out = a!.stderr + b!.stderr;
    expect(out.match(/landed .*same-cli\.csv → fundata\.quotes/g)).toHaveLength(1);
    expect(out.match(/skipped .*same-cli\.csv (already landed|was landed by a concurrent load)/g)).toHaveLength(1);
    expect(await count(db.pool, `select count(*) as n from raw.batch where file_name = 'same-cli.csv'`)).toBe(1);
    expect(await count(db.pool, `select count(*) as n from raw.record where payload ->> 'InstrumentKey' = '5555'`)).toBe(ROWS);
  });

  it('lets a load of another file proceed while one is landing', async () => {
    const big = writeCsv(tmp.dir, 'quotes/big.csv', [QUOTES_HEADER, ...quoteLines(ROWS, '6666')]);
    const small = writeCsv(tmp.dir, 'quotes/small.csv', [QUOTES_HEADER, ...quoteLines(5, '7777')]);
    const pools = [makePool(db.url, 2), makePool(db.url, 2)];
    try {
      const [r1, r2] = await Promise.all([
        landCsvFile(pools[0]!, { file: big, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' }),
        landCsvFile(pools[1]!, { file: small, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' }),
      ]);
      expect([r1.status, r2.status]).toEqual(['landed', 'landed']);
      // the small file did not wait for the big one
      expect(r2.ms).toBeLessThan(r1.ms);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
