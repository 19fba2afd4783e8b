// The schema drift gate: the schema a fresh database has after `sra migrate`
// must equal the committed tests/schema.sql. An intended change is recorded
// with `make schema`; an unintended one fails here.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { ROOT } from '../../loader/migrate.ts';

describe('schema drift', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('the migrated schema equals tests/schema.sql (run "make schema" after an intended change)', () => {
    const dumped = execFileSync(path.join(ROOT, 'scripts', 'schema-dump.sh'), [db.url], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const committed = fs.readFileSync(path.join(ROOT, 'tests', 'schema.sql'), 'utf8');
    expect(dumped.length).toBeGreaterThan(1000);
    if (dumped !== committed) {
      const a = committed.split('\n');
      const b = dumped.split('\n');
      const i = a.findIndex((line, n) => line !== b[n]);
      const context = (lines: string[]) => lines.slice(Math.max(0, i - 3), i + 4).join('\n');
      expect.fail(
        `the migrated schema differs from tests/schema.sql at line ${i + 1}: run "make schema" and review the diff\n` +
          `--- committed\n${context(a)}\n+++ migrated\n${context(b)}`,
      );
    }
  });
});
