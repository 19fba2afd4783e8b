// `sra transform`: run every transform (or one) over the batches it has not
// consumed yet; each transform in its own transaction (see ops.run_transform),
// as sra_transformer: the transforms never run with the owner's rights.
// A batch a transform cannot consume is recorded in ops.failed_batch and the
// rest go on; a transform that fails as a whole does not stop the others.
import type pg from 'pg';
import { inTransaction } from './lib/db.ts';
import { log, errorMessage } from './lib/log.ts';
import { startRun, finishRun } from './lib/runs.ts';
import { EXIT } from './lib/command.ts';
import { heldBatches, type HeldBatch } from './schema-drift.ts';

/** A batch a transform could not consume (a row of ops.failed_batch). */
export interface FailedBatch {
  transform_name: string;
  batch_id: number;
  dataset: string | null;
  file_name: string | null;
  error: string;
  attempts: number;
}

export interface TransformResult {
  transform_name: string;
  /** Batches consumed. */
  batches: number;
  rows_in: number;
  rows_out: number;
  issues: number;
  quarantined: number;
  skipped: boolean;
  ms: number;
  /** Batches this run could not consume: they wait in ops.failed_batch for `sra transform --retry`. */
  failed: FailedBatch[];
  /** Set when the transform failed as a whole: its batches stay pending. */
  error?: string;
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

/** The result of a transform whose whole run failed (nothing consumed). */
export function failedTransform(name: string, err: unknown, ms = 0): TransformResult {
  return {
    transform_name: name,
    batches: 0,
    rows_in: 0,
    rows_out: 0,
    issues: 0,
    quarantined: 0,
    skipped: false,
    ms,
    failed: [],
    error: errorMessage(err),
  };
}

export async function transformNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select name from ops.transform_definition where kind = 'transform' order by file_path`,
  );
  return rows.map((r) => r.name);
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One line naming a failed batch: transform, batch id, file (or dataset), error. */
export function failedBatchLine(f: FailedBatch): string {
  const where = f.file_name ? ` (${f.file_name})` : f.dataset ? ` (${f.dataset})` : '';
  return `transform ${f.transform_name}: batch ${f.batch_id}${where} failed: ${oneLine(f.error)}`;
}

/** One line naming a batch held for a schema change, and how to release it. */
export function heldBatchLine(h: HeldBatch): string {
  return `batch ${h.batch_id}${h.file_name ? ` (${h.file_name})` : ''} of ${h.dataset} held for schema changes (${h.changes.join(', ')}): "sra schema list", then "sra schema accept ${h.dataset} --reason <why>"`;
}

/** One line per failure of these results: each failed batch, each transform that failed as a whole. */
export function transformFailures(results: TransformResult[]): string[] {
  return results.flatMap((r) => (r.error ? [`transform ${r.transform_name} failed: ${oneLine(r.error)}`] : r.failed.map(failedBatchLine)));
}

/** 0 when every transform ran and consumed every batch, 1 when none could run, 3 (partial) otherwise. */
export function transformExitCode(results: TransformResult[]): number {
  if (results.length > 0 && results.every((r) => r.error !== undefined)) return EXIT.failed;
  if (results.some((r) => r.error !== undefined || r.failed.length > 0)) return EXIT.partial;
  return EXIT.ok;
}

async function failedBatches(pool: pg.Pool, name: string, ids: number[]): Promise<FailedBatch[]> {
  if (!ids.length) return [];
  const { rows } = await pool.query<FailedBatch & { batch_id: string }>(
    `select transform_name, batch_id, dataset, file_name, error, attempts
     from ops.failed_batch where transform_name = $1 and batch_id = any($2::bigint[]) order by batch_id`,
    [name, ids],
  );
  return rows.map((r) => ({ ...r, batch_id: Number(r.batch_id) }));
}

export async function runTransforms(
  pool: pg.Pool,
  o: {
    only?: string[];
    rebuild?: boolean;
    quiet?: boolean;
    parentRunId?: number;
    /** Check ranges and scale errors of the consumed batches afterwards (default true; a caller running transforms one by one checks once). */
    checkQuality?: boolean;
  } = {},
): Promise<TransformResult[]> {
  const names = o.only?.length ? o.only : await transformNames(pool);
  const runId = await startRun(pool, 'transform', o.rebuild ? `rebuild ${names.join(',')}` : names.join(','), o.parentRunId);
  const out: TransformResult[] = [];
  try {
    for (const name of names) {
      const t0 = performance.now();
      const fn = o.rebuild ? 'ops.rebuild_transform' : 'ops.run_transform';
      let res: TransformResult;
      try {
        const { rows } = await asTransformer(pool, `select * from ${fn}($1)`, [name]);
        const r = rows[0];
        res = {
          transform_name: name,
          batches: Number(r.batches),
          rows_in: Number(r.rows_in),
          rows_out: Number(r.rows_out),
          issues: Number(r.issues),
          quarantined: Number(r.quarantined),
          skipped: r.skipped,
          ms: performance.now() - t0,
          failed: await failedBatches(pool, name, (r.failed_batches ?? []).map(Number)),
        };
      } catch (err) {
        res = failedTransform(name, err, performance.now() - t0);
      }
      out.push(res);
      if (!o.quiet && res.batches > 0) {
        log.info(
          `transform ${name}: ${res.batches} batch(es), ${res.rows_in} records → ${res.rows_out} new rows, ${res.issues} quality issues, ${res.quarantined} quarantined (${(res.ms / 1000).toFixed(2)}s)`,
        );
      }
      for (const line of transformFailures([res])) log.error(line);
    }
  } catch (err) {
    // the ledger itself could not be read: nothing ran
    await finishRun(pool, runId, {
      status: 'failed',
      records: out.reduce((a, r) => a + r.rows_out, 0),
      errors: [{ message: errorMessage(err) }],
    });
    throw err;
  }
  if (!o.quiet && out.every((r) => r.batches === 0 && !r.failed.length && !r.error)) log.info('transforms: nothing new to consume');
  // batches held for a schema change are landed, not failed (docs/SCHEMA-DRIFT.md)
  if (!o.quiet) for (const h of await heldBatches(pool)) log.warn(heldBatchLine(h));
  const quality = o.checkQuality === false ? undefined : await checkQuality(pool);
  const code = transformExitCode(out);
  await finishRun(pool, runId, {
    status: code === EXIT.ok ? 'completed' : code === EXIT.failed ? 'failed' : 'partial',
    records: out.reduce((a, r) => a + r.rows_out, 0),
    failed: out.reduce((a, r) => a + r.failed.length + (r.error ? 1 : 0), 0),
    errors: [
      ...out.filter((r) => r.error).map((r) => ({ message: r.error!, transform: r.transform_name })),
      ...out.flatMap((r) =>
        r.failed.map((f) => ({ message: f.error, transform: f.transform_name, batch_id: f.batch_id, file_name: f.file_name })),
      ),
    ],
    metrics: { transforms: out.map((r) => ({ ...r, ms: Math.round(r.ms) })), quality },
  });
  return out;
}

export interface QualityCheck {
  table_name: string;
  batches: number;
  values_checked: number;
  out_of_range: number;
  proposed: number;
  auto_approved: number;
}

/**
 * After the transforms: range flags, scale-error proposals and the quality
 * score of the batches consumed since the last check (ops.check_quality(),
 * docs/CORRECTIONS.md), as sra_transformer. A failure is logged and does
 * not fail the transforms, whose work is committed.
 */
export async function checkQuality(pool: pg.Pool): Promise<QualityCheck[] | { error: string }> {
  try {
    const { rows } = await asTransformer<QualityCheck>(
      pool,
      `select table_name, batches, values_checked::float8 as values_checked, out_of_range::float8 as out_of_range,
          proposed::float8 as proposed, auto_approved::float8 as auto_approved
       from ops.check_quality()`,
    );
    for (const r of rows) {
      if (r.out_of_range > 0 || r.proposed > 0) {
        log.info(
          `quality ${r.table_name}: ${r.batches} batch(es), ${r.values_checked} values, ${r.out_of_range} out of range (flagged), ` +
            `${r.proposed} correction(s) proposed${r.auto_approved ? `, ${r.auto_approved} auto-approved` : ''}` +
            (r.proposed > r.auto_approved ? ' (review: sra quality corrections)' : ''),
        );
      }
    }
    return rows;
  } catch (err) {
    log.warn(`quality check failed: ${errorMessage(err)}`);
    return { error: errorMessage(err) };
  }
}

/**
 * Re-queue failed batches (state 'retry', attempts + 1) of the given
 * transforms (all when none are given); returns what was re-queued.
 */
export async function retryFailedBatches(
  pool: pg.Pool,
  batchIds: number[],
  names?: string[],
): Promise<{ transform_name: string; batch_id: number; attempts: number }[]> {
  const { rows } = await pool.query<{ transform_name: string; batch_id: string; attempts: number }>(
    `select * from ops.retry_failed_batches($1::bigint[], $2::text[]) order by batch_id, transform_name`,
    [batchIds, names?.length ? names : null],
  );
  return rows.map((r) => ({ ...r, batch_id: Number(r.batch_id) }));
}

/** Batches that failed in earlier runs and wait to be re-queued (ops.failed_batch), except those listed. */
export async function waitingFailedBatches(pool: pg.Pool, except: FailedBatch[] = []): Promise<FailedBatch[]> {
  const { rows } = await pool.query<FailedBatch & { batch_id: string }>(
    `select transform_name, batch_id, dataset, file_name, error, attempts from ops.failed_batch order by failed_at, batch_id`,
  );
  const seen = new Set(except.map((f) => `${f.transform_name}/${f.batch_id}`));
  return rows.map((r) => ({ ...r, batch_id: Number(r.batch_id) })).filter((f) => !seen.has(`${f.transform_name}/${f.batch_id}`));
}
