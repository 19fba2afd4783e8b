// The unified refresh (`sra refresh`, and the worker's schedules): FMP →
// Fundata data → Fundata quotes → transforms → aggregates, each step isolated
// (a failing source does not stop the others) and recorded in ops.task_run as
// a child run of the refresh run. Never two at once: a PostgreSQL advisory
// lock is held for the whole refresh, so two workers (or a worker and an
// operator's `sra refresh`) cannot overlap.
import type pg from 'pg';
import { env as loadEnv, type Env } from './config.ts';
import { log, errorMessage } from './lib/log.ts';
import { startRun, finishRun, type RunStatus } from './lib/runs.ts';
import { EXIT } from './lib/command.ts';
import {
  asTransformer,
  checkQuality,
  failedTransform,
  runTransforms,
  transformNames,
  failedBatchLine,
  type TransformResult,
} from './transform.ts';
import { loadFmp, FMP_DAILY_DATASETS, FMP_WEEKLY_DATASETS } from './sources/fmp.ts';
import { loadFundataApi, FUNDATA_ENDPOINTS } from './sources/fundata-api.ts';
import { detectGaps, runFmpBackfill, type BackfillSummary } from './sources/fmp-backfill.ts';

export type RefreshKind = 'daily' | 'weekly' | 'backfill';
export type RefreshStatus = 'completed' | 'partial' | 'failed' | 'cancelled';

/** What one step reports back. */
export interface StepOutcome {
  status: Exclude<RunStatus, 'skipped'>;
  records?: number;
  failed?: number;
  errors?: { message: string; [k: string]: unknown }[];
  metrics?: Record<string, unknown>;
  /** One line for the log. */
  summary: string;
}

export interface StepContext {
  pool: pg.Pool;
  env: Env;
  runId: number;
  signal?: AbortSignal;
}

export interface RefreshStep {
  name: string;
  /** Why the step cannot run here (its source is not configured), or undefined. */
  skip?: (e: Env) => string | undefined;
  run: (ctx: StepContext) => Promise<StepOutcome>;
}

export interface StepResult {
  name: string;
  status: RunStatus;
  runId: number;
  ms: number;
  records: number;
  summary: string;
}

export interface RefreshResult {
  kind: RefreshKind;
  runId: number;
  status: RefreshStatus;
  steps: StepResult[];
  ms: number;
}

export class RefreshBusyError extends Error {
  override name = 'RefreshBusyError';
}

/** Fundata endpoints of the "quotes" step; every other endpoint is "data". */
const QUOTE_ENDPOINTS = ['fund/getdailynavps'];

const fmpSkip = (e: Env) => (e.FMP_API_KEY ? undefined : 'FMP_API_KEY is not set');
const fundataSkip = (e: Env) =>
  e.FUNDATA_ACCESS_KEY_ID && e.FUNDATA_SECRET_ACCESS_KEY ? undefined : 'FUNDATA_ACCESS_KEY_ID and FUNDATA_SECRET_ACCESS_KEY are not set';

function backfillLine(b: BackfillSummary): string {
  return `backfill: ${b.requests} open request(s), ${b.filled} filled, ${b.noData} without vendor data, ${b.failed} failed`;
}

function fmpStep(name: string, datasets: string[]): RefreshStep {
  return {
    name,
    skip: fmpSkip,
    async run({ pool, env, runId, signal }) {
      const s = await loadFmp(pool, { datasets, env, parentRunId: runId, signal, progress: 'never' });
      return {
        status: s.status === 'skipped' ? 'completed' : s.status,
        records: s.rows,
        failed: s.failed,
        errors: s.halted
          ? [{ message: s.halted }]
          : s.datasets.flatMap((d) => d.errors.slice(0, 3).map((message) => ({ message, dataset: d.dataset }))).slice(0, 20),
        metrics: {
          calls: s.calls,
          attempts: s.attempts,
          landed: s.landed,
          unchanged: s.unchanged,
          failed: s.failed,
          skipped: s.skipped,
          load_run_id: s.taskRunId,
        },
        summary: s.halted
          ? `stopped: ${s.halted}`
          : `${s.calls} calls, ${s.landed} landed, ${s.unchanged} unchanged, ${s.failed} failed (${s.rows} rows)`,
      };
    },
  };
}

function fundataStep(name: string, endpoints: string[]): RefreshStep {
  return {
    name,
    skip: fundataSkip,
    async run({ pool, env, runId, signal }) {
      const s = await loadFundataApi(pool, { endpoints, env, parentRunId: runId, signal, progress: 'never' });
      const failed = s.endpoints.filter((r) => r.status === 'failed');
      return {
        status: s.status === 'skipped' ? 'completed' : s.status,
        records: s.rows,
        failed: s.failed,
        errors: failed.map((r) => ({ message: r.error ?? 'failed', endpoint: r.endpoint })),
        metrics: { landed: s.landed, skipped: s.skipped, failed: s.failed, load_run_id: s.runId },
        summary: `${s.landed} endpoint(s) landed, ${s.skipped} unchanged, ${s.failed} failed (${s.rows} rows)`,
      };
    },
  };
}

/**
 * Every transform, each on its own: one that fails does not keep the others
 * from running, and a batch a transform cannot consume (ops.failed_batch)
 * does not keep its other batches from being consumed; either makes the step
 * partial.
 */
export const transformsStep: RefreshStep = {
  name: 'transforms',
  async run({ pool, runId, signal }) {
    const names = await transformNames(pool);
    const results: TransformResult[] = [];
    for (const name of names) {
      if (signal?.aborted) break;
      try {
        results.push(...(await runTransforms(pool, { only: [name], parentRunId: runId, quiet: true, checkQuality: false })));
      } catch (err) {
        results.push(failedTransform(name, err));
      }
    }
    // the quality check once, after every transform (docs/CORRECTIONS.md); a failure is logged, not fatal
    const quality = signal?.aborted ? undefined : await checkQuality(pool);
    // gap detection after the transforms (docs/CONTINUITY.md); its failure makes the step partial
    let gaps = '';
    let gapError: string | undefined;
    if (!signal?.aborted) {
      try {
        const d = await detectGaps(pool);
        gaps = `; gaps: ${d.reduce((a, r) => a + r.opened, 0)} window(s) opened, ${d.reduce((a, r) => a + r.filled, 0)} filled, ${d.reduce((a, r) => a + r.stale, 0)} stale series`;
      } catch (err) {
        gapError = `gap detection: ${errorMessage(err)}`;
        gaps = `; ${gapError}`;
      }
    }
    const rows = results.reduce((a, r) => a + r.rows_out, 0);
    const batches = results.reduce((a, r) => a + r.batches, 0);
    const failedTransforms = results.filter((r) => r.error !== undefined);
    const failedBatches = results.flatMap((r) => r.failed);
    const done = results.length - failedTransforms.length;
    const stopped = names.length - results.length;
    const errors = [
      ...failedTransforms.map((r) => ({ message: r.error!, transform: r.transform_name })),
      ...failedBatches.map((f) => ({ message: failedBatchLine(f), transform: f.transform_name, batch_id: f.batch_id })),
      ...(gapError ? [{ message: gapError }] : []),
    ];
    const clean = failedTransforms.length === 0 && failedBatches.length === 0 && stopped === 0 && !gapError;
    return {
      status: clean ? 'completed' : done > 0 ? 'partial' : signal?.aborted ? 'cancelled' : 'failed',
      records: rows,
      failed: failedTransforms.length + failedBatches.length,
      errors,
      metrics: {
        transforms: names.length,
        batches,
        failed: failedTransforms.length,
        failed_batches: failedBatches.length,
        not_run: stopped,
        quality,
      },
      summary:
        `${names.length} transform(s), ${batches} batch(es) consumed, ${rows} new rows` +
        (failedTransforms.length
          ? `, ${failedTransforms.length} failed (${failedTransforms.map((r) => r.transform_name).join(', ')})`
          : '') +
        (failedBatches.length
          ? `, ${failedBatches.length} batch(es) failed (${failedBatches.map((f) => `${f.transform_name} ${f.batch_id}`).join(', ')})`
          : '') +
        gaps,
    };
  },
};

/**
 * The continuous aggregates, incrementally (agg.refresh(), one transaction),
 * then the analytics build over the new prices and positions
 * (agg.refresh_analytics(), one transaction: docs/ANALYTICS.md); both as
 * sra_transformer.
 */
export const aggregatesStep: RefreshStep = {
  name: 'aggregates',
  async run({ pool }) {
    const { rows } = await asTransformer<{ aggregate_name: string; batches: number; buckets: number; full_refresh: boolean; ms: number }>(
      pool,
      'select * from agg.refresh()',
    );
    const buckets = rows.reduce((a, r) => a + r.buckets, 0);
    const { rows: an } = await asTransformer<{ as_of_date: string | null; symbols: number; positions: number; ms: number }>(
      pool,
      'select * from agg.refresh_analytics()',
    );
    const a = an[0]!;
    return {
      status: 'completed',
      records: buckets,
      metrics: { aggregates: rows, analytics: a },
      summary:
        `${buckets} bucket(s) recomputed (${rows.map((r) => `${r.aggregate_name} ${r.buckets}`).join(', ')}); ` +
        `analytics: ${a.symbols} symbol(s), ${a.positions} position(s) as of ${a.as_of_date ?? 'no price yet'}`,
    };
  },
};

/** The FMP backfill alone (the worker's off-hours run): fetch, land, transform, detect, settle. */
export const backfillStep: RefreshStep = {
  name: 'fmp backfill',
  skip: fmpSkip,
  async run({ pool, env, runId, signal }) {
    const b = await runFmpBackfill(pool, { env, parentRunId: runId, signal });
    return {
      status: 'completed',
      records: b.filled,
      failed: b.failed,
      metrics: { ...b, states: undefined },
      summary: backfillLine(b),
    };
  },
};

/** The steps of a refresh, in order. */
export function refreshSteps(kind: RefreshKind): RefreshStep[] {
  if (kind === 'weekly') {
    return [fmpStep('fmp weekly', [...FMP_WEEKLY_DATASETS]), transformsStep, aggregatesStep];
  }
  if (kind === 'backfill') return [backfillStep];
  return [
    // the open backfill requests first (docs/CONTINUITY.md), a step of their
    // own: a backfill that fails does not keep the day's prices from landing
    backfillStep,
    fmpStep('fmp daily', [...FMP_DAILY_DATASETS]),
    fundataStep(
      'fundata data',
      FUNDATA_ENDPOINTS.filter((x) => !QUOTE_ENDPOINTS.includes(x.endpoint)).map((x) => x.endpoint),
    ),
    fundataStep('fundata quotes', QUOTE_ENDPOINTS),
    transformsStep,
    aggregatesStep,
  ];
}

/** completed when every step that ran completed, failed when none got anything done, partial otherwise. */
export function overallStatus(steps: { status: RunStatus }[]): RefreshStatus {
  const ran = steps.filter((s) => s.status !== 'skipped');
  if (ran.some((s) => s.status === 'cancelled')) return 'cancelled';
  if (ran.every((s) => s.status === 'completed')) return 'completed';
  if (ran.every((s) => s.status === 'failed')) return 'failed';
  return 'partial';
}

/** The exit code of a refresh: 0 completed, 3 partial (or stopped midway), 1 failed. */
export function refreshExitCode(status: RefreshStatus): number {
  return status === 'completed' ? EXIT.ok : status === 'failed' ? EXIT.failed : EXIT.partial;
}

const LOCK_KEY = 'sra.refresh';

/**
 * Run fn holding the refresh lock (a session advisory lock on a connection of
 * its own); throws RefreshBusyError at once when another refresh holds it.
 */
export async function withRefreshLock<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let locked = false;
  try {
    const { rows } = await c.query<{ ok: boolean }>(`select pg_try_advisory_lock(hashtext($1)) as ok`, [LOCK_KEY]);
    locked = rows[0]!.ok;
    if (!locked) {
      const { rows: r } = await c.query<{ task_id: string; started_at: Date; host: string | null }>(
        `select task_id, started_at, host from ops.task_run
         where task_type = 'refresh' and status = 'running' order by started_at desc limit 1`,
      );
      const who = r[0] ? ` (${r[0].task_id} since ${r[0].started_at.toISOString()} on ${r[0].host ?? 'unknown host'})` : '';
      throw new RefreshBusyError(`another refresh is running${who}: not starting a second one`);
    }
    return await fn();
  } finally {
    if (locked) await c.query(`select pg_advisory_unlock(hashtext($1))`, [LOCK_KEY]).catch(() => undefined);
    c.release();
  }
}

export interface RefreshOptions {
  kind?: RefreshKind;
  env?: Env;
  /** Aborting stops before the next step (and asks the running source to stop between batches). */
  signal?: AbortSignal;
  /** Replace the steps (tests, and callers that run a subset). */
  steps?: RefreshStep[];
}

/** The unified refresh: every step in order under the refresh lock; never throws for a failing step. */
export async function runRefresh(pool: pg.Pool, o: RefreshOptions = {}): Promise<RefreshResult> {
  const kind = o.kind ?? 'daily';
  const e = o.env ?? loadEnv();
  const steps = o.steps ?? refreshSteps(kind);
  return withRefreshLock(pool, async () => {
    const t0 = performance.now();
    const runId = await startRun(pool, 'refresh', kind);
    log.info(`refresh ${kind} (run ${runId}): ${steps.map((s) => s.name).join(' → ')}`);
    const results: StepResult[] = [];
    for (const step of steps) {
      const s0 = performance.now();
      const stepRun = await startRun(pool, 'refresh_step', `${kind} ${step.name}`, runId);
      const skip = step.skip?.(e);
      let outcome: StepOutcome;
      if (skip) {
        outcome = { status: 'completed', summary: `skipped: ${skip}` };
        await finishRun(pool, stepRun, { status: 'skipped', metrics: { reason: skip } });
        results.push({
          name: step.name,
          status: 'skipped',
          runId: stepRun,
          ms: performance.now() - s0,
          records: 0,
          summary: outcome.summary,
        });
        log.info(`refresh ${kind}: ${step.name}: ${outcome.summary}`);
        continue;
      }
      if (o.signal?.aborted) {
        outcome = { status: 'cancelled', summary: 'not started: the refresh is stopping' };
      } else {
        try {
          outcome = await step.run({ pool, env: e, runId: stepRun, signal: o.signal });
        } catch (err) {
          outcome = { status: 'failed', errors: [{ message: errorMessage(err) }], summary: `failed: ${errorMessage(err)}` };
        }
        // a step cut short because the refresh is stopping (its statement cancelled) was cancelled, not failed
        if (o.signal?.aborted && outcome.status !== 'completed') {
          outcome = { ...outcome, status: 'cancelled', summary: outcome.summary.replace(/^failed: /, 'stopped: ') };
        }
      }
      const ms = performance.now() - s0;
      await finishRun(pool, stepRun, {
        status: outcome.status,
        records: outcome.records,
        failed: outcome.failed,
        errors: outcome.errors,
        metrics: { ...outcome.metrics, ms: Math.round(ms) },
      });
      results.push({
        name: step.name,
        status: outcome.status,
        runId: stepRun,
        ms,
        records: outcome.records ?? 0,
        summary: outcome.summary,
      });
      const line = `refresh ${kind}: ${step.name}: ${outcome.status}, ${outcome.summary} (${(ms / 1000).toFixed(1)}s)`;
      if (outcome.status === 'completed') log.info(line);
      else log.warn(line);
    }
    const status = overallStatus(results);
    const ms = performance.now() - t0;
    await finishRun(pool, runId, {
      status,
      records: results.reduce((a, r) => a + r.records, 0),
      failed: results.filter((r) => r.status === 'failed' || r.status === 'partial').length,
      errors: results
        .filter((r) => r.status === 'failed' || r.status === 'partial' || r.status === 'cancelled')
        .map((r) => ({ message: `${r.name}: ${r.summary}`, step: r.name })),
      metrics: {
        steps: results.map((r) => ({ name: r.name, status: r.status, ms: Math.round(r.ms), records: r.records })),
        ms: Math.round(ms),
      },
    });
    log.info(`refresh ${kind} ${status} in ${(ms / 1000).toFixed(1)}s: ${results.map((r) => `${r.name} ${r.status}`).join(', ')}`);
    return { kind, runId, status, steps: results, ms };
  });
}
