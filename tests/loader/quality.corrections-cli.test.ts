// `sra quality …` against a real database: `sra transform` runs the quality
// check after the transforms (a 100x-off margin is proposed, not applied),
// `sra quality corrections` previews it (old, new, why) and changes nothing,
// `approve` writes a new version, `rollback` restores the original value,
// `reject` turns a proposal down; bad ids are usage errors; `sra status`
// shows the quality score. docs/CORRECTIONS.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { runCli } from '../fixtures/fundata/fixtures.ts';

let db: TestDb;
const sra = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, LOG_LEVEL: 'info' });

/** Land one FMP ratios answer the way the loader does (the FMP landing contract: docs/FMP.md). */
async function landRatios(symbol: string, rows: Record<string, unknown>[]): Promise<void> {
  const body = JSON.stringify(rows);
  const { rows: b } = await db.pool.query<{ batch_id: string }>(
    `insert into raw.batch (source, dataset, origin, format, request, http_status, file_size, sha256, row_count, status, started_at, landed_at)
     values ('fmp', 'fmp.ratios', 'api', 'json',
         jsonb_build_object('endpoint', '/stable/ratios', 'generation', 'stable', 'api_version', 'stable',
             'params', jsonb_build_object('symbol', $1::text, 'period', 'quarter')),
         200, octet_length($2), encode(sha256(convert_to($2, 'UTF8')), 'hex'), 1, 'landed', now(), now())
     returning batch_id`,
    [symbol, body],
  );
  await db.pool.query('insert into raw.record (batch_id, line, payload) values ($1, 1, $2::jsonb)', [b[0]!.batch_id, body]);
}

const versions = async (period: string) =>
  (
    await db.pool.query<{ data_version: number; net_profit_margin: string; correction_id: string | null }>(
      `select data_version, net_profit_margin::text, correction_id::text from core.equity_ratios
       where symbol = 'ACME' and period = $1 order by data_version`,
      [period],
    )
  ).rows;

beforeAll(async () => {
  db = await freshDb();
  await landRatios('ACME', [
    { symbol: 'ACME', date: '2024-09-28', period: 'Q4', netProfitMargin: 15.5, dividendYieldPercentage: 1.1 },
    { symbol: 'ACME', date: '2024-06-29', period: 'Q3', netProfitMargin: 0.16, dividendYieldPercentage: 1.0 },
    { symbol: 'ACME', date: '2024-03-30', period: 'Q2', netProfitMargin: 0.14, dividendYieldPercentage: 0.012 },
    { symbol: 'ACME', date: '2023-12-30', period: 'Q1', netProfitMargin: 0.15, dividendYieldPercentage: 1.2 },
  ]);
}, 60_000);
afterAll(async () => db?.drop());

describe('sra quality', () => {
  let margin: string;
  let yieldFix: string;

  it('sra transform proposes the 100x-off values and applies nothing', async () => {
    const r = await sra('transform', 'equity_ratios');
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(
      /quality core\.equity_ratios: 1 batch\(es\), .*1 out of range \(flagged\), 2 correction\(s\) proposed/,
    );
    const { rows } = await db.pool.query<{ id: string; column: string }>(`select id::text, "column" from ops.correction order by "column"`);
    expect(rows.map((x) => x.column)).toEqual(['dividend_yield_percentage', 'net_profit_margin']);
    yieldFix = rows[0]!.id;
    margin = rows[1]!.id;
    expect(await versions('Q4')).toEqual([{ data_version: 1, net_profit_margin: '15.5', correction_id: null }]);
  });

  it('sra quality corrections previews old, new and why, and changes nothing', async () => {
    const r = await sra('quality', 'corrections');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${margin} +core\\.equity_ratios .*net_profit_margin +1 +15\\.5 +0\\.155 +0\\.01 +proposed`));
    expect(r.stdout).toMatch(/dividend_yield_percentage +1 +0\.012 +1\.200 +100 +proposed/);
    expect(r.stdout).toMatch(new RegExp(`#${margin}: .*net_profit_margin = 15\\.5 \\(fraction\\) is outside \\[-10, 1\\]`));
    expect(r.stdout).toMatch(/dry run: nothing applied/);
    expect(await versions('Q4')).toHaveLength(1);
    const j = await sra('quality', 'corrections', '--json');
    expect(JSON.parse(j.stdout).map((x: { state: string }) => x.state)).toEqual(['proposed', 'proposed']);
  });

  it('approve writes a new version with the corrected value; the original stays in history', async () => {
    const r = await sra('quality', 'approve', margin);
    expect(r.stdout).toContain(`correction ${margin}: approved: version 2`);
    expect(r.code).toBe(0);
    expect(await versions('Q4')).toEqual([
      { data_version: 1, net_profit_margin: '15.5', correction_id: null },
      { data_version: 2, net_profit_margin: '0.155', correction_id: margin },
    ]);
    const { rows } = await db.pool.query(
      `select net_profit_margin::text as m from core.equity_ratios_latest where symbol = 'ACME' and period = 'Q4'`,
    );
    expect(rows).toEqual([{ m: '0.155' }]);
  });

  it('reject turns the other proposal down; nothing changes in the data', async () => {
    const r = await sra('quality', 'reject', yieldFix);
    expect(r.stdout).toContain(`correction ${yieldFix}: rejected`);
    expect(r.code).toBe(0);
    const { rows } = await db.pool.query(`select count(*)::int as n from core.equity_ratios where symbol = 'ACME' and period = 'Q2'`);
    expect(rows).toEqual([{ n: 1 }]);
    const again = await sra('quality', 'approve', yieldFix);
    expect(again.stdout).toContain(`correction ${yieldFix}: not applied: the correction is rejected`);
    expect(again.code).toBe(1);
  });

  it('rollback restores the original value as the latest, as a new version', async () => {
    const r = await sra('quality', 'rollback', margin);
    expect(r.stdout).toContain(`correction ${margin}: rolled_back: version 3`);
    expect(r.code).toBe(0);
    expect((await versions('Q4')).map((v) => v.net_profit_margin)).toEqual(['15.5', '0.155', '15.5']);
    const { rows } = await db.pool.query(
      `select net_profit_margin::text as m from core.equity_ratios_latest where symbol = 'ACME' and period = 'Q4'`,
    );
    expect(rows).toEqual([{ m: '15.5' }]);
    const list = await sra('quality', 'corrections', '--state', 'all');
    expect(list.stdout).toMatch(/net_profit_margin .* rolled_back/);
  });

  it('bad ids and missing arguments are usage errors; unknown ids are reported', async () => {
    expect((await sra('quality', 'approve', 'abc')).code).toBe(2);
    expect((await sra('quality', 'approve')).code).toBe(2);
    expect((await sra('quality', 'corrections', '--state', 'maybe')).code).toBe(2);
    const r = await sra('quality', 'approve', '999999');
    expect(r.stdout).toContain('correction 999999: no such correction');
    expect(r.code).toBe(1);
  });

  it('sra status and api.data_quality show the score', async () => {
    const r = await sra('status', '--json');
    const s = JSON.parse(r.stdout);
    // 8 values typed, 1 out of range (15.5): 7 / 8
    expect(s.data_quality.tables).toEqual([
      expect.objectContaining({ table_name: 'core.equity_ratios', batches: 1, values_checked: 8, values_passed: 7, score: 0.875 }),
    ]);
    expect(s.data_quality.corrections).toEqual({ rejected: 1, rolled_back: 1 });
    const { rows } = await db.pool.query(`select scope, subject, score::text from api.data_quality order by scope`);
    expect(rows).toEqual([
      { scope: 'batch', subject: expect.stringMatching(/^\d+$/), score: '0.8750' },
      { scope: 'symbol', subject: 'ACME', score: '0.8750' },
    ]);
  });
});
