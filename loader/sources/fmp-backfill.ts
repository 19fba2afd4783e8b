// The FMP backfill (docs/CONTINUITY.md): the open FMP requests of
// ops.backfill_request (opened by ops.detect_gaps) fetched with the
// historical-price and treasury endpoints' from/to — the windows of one
// series merged into as few calls as the endpoint's window allows, series
// with the same window in one load — landed like every FMP answer (loadFmp:
// rate limiter, retries, call log), then transformed; detection closes the
// filled windows and ops.settle_backfill the rest: vendor_has_no_data when
// the vendor answered without those rows, one attempt more (failed from
// backfill_max_attempts on) when the call failed.
import type pg from 'pg';
import type { Env } from '../config.ts';
import { log } from '../lib/log.ts';
import { asTransformer, runTransforms } from '../transform.ts';
import { addDays } from './fmp-plan.ts';
import { endpointsOf, resolveDatasets } from './fmp-datasets.ts';
import { loadFmp, type FmpLoadOptions } from './fmp.ts';

/** The transforms of the datasets the backfill fetches. */
export const BACKFILL_TRANSFORMS: Record<string, string> = {
  'fmp.equity_price': 'equity_quotes',
  'fmp.etf_price': 'etfs_quotes',
  'fmp.treasury': 'treasury',
};

export interface BackfillWindow {
  dataset: string;
  key: string;
  from: string;
  to: string;
  ids: number[];
}

export interface BackfillSummary {
  /** Open requests found. */
  requests: number;
  /** Calls (one per merged window, before the endpoint's own chunking). */
  windows: number;
  loads: number;
  filled: number;
  noData: number;
  retried: number;
  failed: number;
  /** The load runs (ops.task_run) of the backfill. */
  taskRunIds: number[];
  /** The requests by state after the backfill. */
  states: { id: number; state: string }[];
}

interface OpenRequest {
  id: string;
  dataset: string;
  key: string;
  from_date: string;
  to_date: string;
}

/**
 * Merge the windows of one series: consecutive requests (by from date) join
 * while the merged window stays within the endpoint's largest window
 * (chunkDays), so one call fetches them.
 */
export function mergeWindows(
  rows: { id: number; dataset: string; key: string; from: string; to: string }[],
  chunkDays: (dataset: string) => number,
): BackfillWindow[] {
  const out: BackfillWindow[] = [];
  const sorted = [...rows].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.key.localeCompare(b.key) || a.from.localeCompare(b.from));
  let cur: BackfillWindow | undefined;
  for (const r of sorted) {
    const max = chunkDays(r.dataset);
    if (cur && cur.dataset === r.dataset && cur.key === r.key && addDays(cur.from, max - 1) >= r.to) {
      if (r.to > cur.to) cur.to = r.to;
      cur.ids.push(r.id);
      continue;
    }
    cur = { dataset: r.dataset, key: r.key, from: r.from, to: r.to, ids: [r.id] };
    out.push(cur);
  }
  return out;
}

function chunkDaysOf(dataset: string, generation: Env['FMP_API_GENERATION']): number {
  const spec = resolveDatasets([dataset])[0]!;
  return Math.min(...endpointsOf(spec, generation).map((ep) => ep.chunkDays ?? 365));
}

/** Fetch, land and transform the open FMP backfill requests; settle them. */
export async function runFmpBackfill(
  pool: pg.Pool,
  o: {
    env: Env;
    parentRunId?: number;
    signal?: AbortSignal;
    /** Detection's last session (default: the last completed session). */
    asOf?: string;
    client?: FmpLoadOptions['client'];
  },
): Promise<BackfillSummary> {
  const { rows } = await pool.query<OpenRequest>(
    `select id::text, dataset, key, from_date::text, to_date::text
     from ops.backfill_request
     where state = 'open' and source = 'fmp' and dataset = any($1::text[])
     order by dataset, key, from_date`,
    [Object.keys(BACKFILL_TRANSFORMS)],
  );
  const summary: BackfillSummary = {
    requests: rows.length,
    windows: 0,
    loads: 0,
    filled: 0,
    noData: 0,
    retried: 0,
    failed: 0,
    taskRunIds: [],
    states: [],
  };
  if (!rows.length) return summary;
  const generation = o.env.FMP_API_GENERATION;
  const windows = mergeWindows(
    rows.map((r) => ({ id: Number(r.id), dataset: r.dataset, key: r.key, from: r.from_date, to: r.to_date })),
    (d) => chunkDaysOf(d, generation),
  );
  summary.windows = windows.length;
  // series with the same window share one load (one call per symbol each)
  const loads = new Map<string, BackfillWindow[]>();
  for (const w of windows) {
    const k = `${w.dataset}|${w.from}|${w.to}`;
    loads.set(k, [...(loads.get(k) ?? []), w]);
  }
  log.info(`backfill: ${rows.length} open FMP request(s) → ${windows.length} window(s) in ${loads.size} load(s)`);
  for (const group of loads.values()) {
    if (o.signal?.aborted) break;
    const { dataset, from, to } = group[0]!;
    const keys = group.map((w) => w.key);
    try {
      const s = await loadFmp(pool, {
        env: o.env,
        datasets: [dataset],
        ...(dataset === 'fmp.equity_price' ? { symbols: keys } : dataset === 'fmp.etf_price' ? { etfSymbols: keys } : {}),
        noAnalyticsSymbols: true,
        from,
        to,
        // the same request may have been answered the same before: land it to settle the window
        force: true,
        parentRunId: o.parentRunId,
        signal: o.signal,
        progress: 'never',
        client: o.client,
      });
      summary.loads++;
      summary.taskRunIds.push(s.taskRunId);
    } catch (err) {
      log.warn(`backfill: ${dataset} ${from}..${to}: ${(err as Error).message}`);
    }
  }
  const transforms = [...new Set(windows.map((w) => BACKFILL_TRANSFORMS[w.dataset]!))];
  await runTransforms(pool, { only: transforms, parentRunId: o.parentRunId, quiet: true });
  await detectGaps(pool, o.asOf);
  const { rows: st } = await asTransformer<{ no_data: number; retried: number; failed: number }>(
    pool,
    `select * from ops.settle_backfill($1::bigint[])`,
    [summary.taskRunIds],
  );
  summary.noData = st[0]!.no_data;
  summary.retried = st[0]!.retried;
  summary.failed = st[0]!.failed;
  const { rows: states } = await pool.query<{ id: string; state: string }>(
    `select id::text, state from ops.backfill_request where id = any($1::bigint[]) order by id`,
    [rows.map((r) => r.id)],
  );
  summary.states = states.map((r) => ({ id: Number(r.id), state: r.state }));
  summary.filled = states.filter((r) => r.state === 'filled').length;
  log.info(
    `backfill: ${summary.filled} window(s) filled, ${summary.noData} without data at the vendor, ${summary.retried} to retry, ${summary.failed} failed`,
  );
  return summary;
}

export interface DetectRow {
  dataset: string;
  series: number;
  missing_sessions: number;
  opened: number;
  filled: number;
  stale: number;
}

/** ops.detect_gaps() as sra_transformer: per dataset, the series, missing sessions, windows opened and filled, stale series. */
export async function detectGaps(pool: pg.Pool, asOf?: string): Promise<DetectRow[]> {
  const { rows } = await asTransformer<DetectRow>(pool, `select * from ops.detect_gaps($1::date)`, [asOf ?? null]);
  return rows;
}
