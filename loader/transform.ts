// `sra transform`: run every transform (or one) over the batches it has not
// consumed yet; each transform in its own transaction (see ops.run_transform),
// as sra_transformer: the transforms never run with the owner's rights.
import type pg from 'pg';
import { inTransaction } from './lib/db.ts';
import { log } from './lib/log.ts';
import { startRun, finishRun } from './lib/runs.ts';

export interface TransformResult {
  transform_name: string;
  batches: number;
  rows_in: number;
  rows_out: number;
  issues: number;
  quarantined: number;
  skipped: boolean;
  ms: number;
}

/** One statement in its own transaction under `set local role sra_transformer`. */
export function asTransformer<R extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: pg.Pool,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  return inTransaction(pool, async (c) => {
    await c.query('set local role sra_transformer');
    return c.query<R>(sql, params);
  });
}

export async function transformNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select name from ops.transform_definition where kind = 'transform' order by file_path`,
  );
  return rows.map((r) => r.name);
}

export async function runTransforms(
  pool: pg.Pool,
  o: { only?: string[]; rebuild?: boolean; quiet?: boolean; parentRunId?: number } = {},
): Promise<TransformResult[]> {
  const names = o.only?.length ? o.only : await transformNames(pool);
  const runId = await startRun(pool, 'transform', o.rebuild ? `rebuild ${names.join(',')}` : names.join(','), o.parentRunId);
  const out: TransformResult[] = [];
  try {
    for (const name of names) {
      const t0 = performance.now();
      const fn = o.rebuild ? 'ops.rebuild_transform' : 'ops.run_transform';
      const { rows } = await asTransformer(pool, `select * from ${fn}($1)`, [name]);
      const r = rows[0];
      const res: TransformResult = {
        transform_name: name,
        batches: Number(r.batches),
        rows_in: Number(r.rows_in),
        rows_out: Number(r.rows_out),
        issues: Number(r.issues),
        quarantined: Number(r.quarantined),
        skipped: r.skipped,
        ms: performance.now() - t0,
      };
      out.push(res);
      if (!o.quiet && res.batches > 0) {
        log.info(
          `transform ${name}: ${res.batches} batch(es), ${res.rows_in} records → ${res.rows_out} new rows, ${res.issues} quality issues, ${res.quarantined} quarantined (${(res.ms / 1000).toFixed(2)}s)`,
        );
      }
    }
  } catch (err) {
    await finishRun(pool, runId, { status: 'failed', records: out.reduce((a, r) => a + r.rows_out, 0), errors: [{ message: (err as Error).message }] });
    throw err;
  }
  if (!o.quiet && out.every((r) => r.batches === 0)) log.info('transforms: nothing new to consume');
  await finishRun(pool, runId, {
    status: 'completed',
    records: out.reduce((a, r) => a + r.rows_out, 0),
    metrics: { transforms: out.map((r) => ({ ...r, ms: Math.round(r.ms) })) },
  });
  return out;
}
