// What GET /status and `sra status` report. Every query runs on connections
// with a short statement timeout (the worker's status pool, or the CLI's), and
// each section reports its own error instead of failing the page.
import type pg from 'pg';
import { errorMessage } from '../lib/log.ts';
import { heldBatches, schemaChanges } from '../schema-drift.ts';

export interface SchedulerInfo {
  /** Who runs the in-database jobs (transforms, aggregates, maintenance, retention); null until the worker reached the database. */
  in_database_jobs: 'pg_cron' | 'worker' | null;
  jobs: { job_name: string; schedule: string; command: string; runner: 'pg_cron' | 'worker'; next_run: string | null }[];
  loads: { name: string; schedule: string; next_run: string | null }[];
  running: string | null;
}

async function section<T>(fn: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await fn();
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

// Counting a large view or finding the newest date of a large table can take
// a while: results are kept until new data arrives (a transform run or an
// aggregate refresh changes the key) or for a minute, and one that timed out
// says so.
const cache = new Map<string, { at: number; value: unknown }>();
const CACHE_TTL_MS = 60_000;

async function cached<T>(key: string, fn: () => Promise<T>, onError: (message: string) => T): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value as T;
  let value: T;
  try {
    value = await fn();
  } catch (err) {
    value = onError(errorMessage(err));
  }
  cache.set(key, { at: Date.now(), value });
  return value;
}

function pgIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Row counts of every api view. */
async function apiViewCounts(pool: pg.Pool): Promise<{ view: string; rows: number | null; error?: string }[]> {
  const { rows: gen } = await pool.query<{ g: string }>(
    `select coalesce((select max(transform_run_id) from ops.transform_run), 0)::text || '/' ||
        coalesce((select max(last_refreshed_at) from ops.aggregate_state)::text, '') as g`,
  );
  const { rows: views } = await pool.query<{ name: string }>(
    `select c.relname as name from pg_class as c
     where c.relnamespace = 'api'::regnamespace and c.relkind in ('v', 'm') order by 1`,
  );
  const out: { view: string; rows: number | null; error?: string }[] = [];
  for (const v of views) {
    out.push(
      await cached<{ view: string; rows: number | null; error?: string }>(
        `count:${v.name}:${gen[0]!.g}`,
        async () => {
          const { rows } = await pool.query<{ n: string }>(`select count(*) as n from api.${pgIdent(v.name)}`);
          return { view: `api.${v.name}`, rows: Number(rows[0]!.n) };
        },
        (error) => ({ view: `api.${v.name}`, rows: null, error }),
      ),
    );
  }
  return out;
}

/** Newest business date of each transform's target: its date column (date, then change_date, as_of_date). */
async function businessDates(pool: pg.Pool): Promise<Map<string, string | null>> {
  const { rows: targets } = await pool.query<{ name: string; target: string; col: string | null; gen: string | null }>(
    `select d.name, d.target,
        (select max(r.transform_run_id) from ops.transform_run as r where r.transform_name = d.name)::text as gen,
        (select a.attname from pg_attribute as a
         where a.attrelid = to_regclass(d.target) and a.attnum > 0 and not a.attisdropped
             and a.attname in ('date', 'change_date', 'as_of_date')
         order by array_position(array['date', 'change_date', 'as_of_date'], a.attname::text) limit 1) as col
     from ops.transform_definition as d
     where d.kind = 'transform' and to_regclass(d.target) is not null
     order by d.name`,
  );
  const out = new Map<string, string | null>();
  for (const t of targets) {
    if (!t.col) continue;
    const col = t.col;
    out.set(
      t.name,
      await cached(
        `date:${t.target}:${t.gen}`,
        async () => {
          const { rows } = await pool.query<{ d: string | null }>(`select max(${pgIdent(col)})::text as d from ${t.target}`);
          return rows[0]!.d;
        },
        (error) => `not computed: ${error}`,
      ),
    );
  }
  return out;
}

/** The in-database jobs as recorded in the database (for `sra status`, which has no scheduler of its own). */
async function recordedJobs(pool: pg.Pool): Promise<Record<string, unknown>> {
  const { rows } = await pool.query<{ job_name: string; schedule: string; command: string; runner: string }>(
    `select job_name, schedule, command, case when cron_job_id is null then 'worker' else 'pg_cron' end as runner
     from ops.scheduled_job order by job_name`,
  );
  return { jobs: rows };
}

/** Batches a transform failed on (ops.failed_batch), newest first. */
async function failedBatches(pool: pg.Pool): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query(
    `select transform_name, batch_id, dataset, file_name, error, failed_at, attempts
     from ops.failed_batch order by failed_at desc limit 50`,
  );
  return rows;
}

/** Open (not resolved) quality issues per transform and rule. */
async function openIssues(pool: pg.Pool): Promise<{ transform_name: string | null; rule: string; issues: number; newest_at: string }[]> {
  // a new issue or a newer resolution changes the key
  const { rows: g } = await pool.query<{ g: string }>(
    `select coalesce(max(quality_issue_id), 0)::text || '/' || coalesce(max(resolved_at)::text, '') as g
     from ops.quality_issue`,
  );
  return cached(
    `issues:${g[0]!.g}`,
    async () => {
      const { rows } = await pool.query<{ transform_name: string | null; rule: string; issues: string; newest_at: Date }>(
        `select transform_name, rule, count(*) as issues, max(detected_at) as newest_at
         from ops.quality_issue
         where resolved_at is null
         group by transform_name, rule
         order by count(*) desc, transform_name, rule
         limit 50`,
      );
      return rows.map((r) => ({ ...r, issues: Number(r.issues), newest_at: r.newest_at.toISOString() }));
    },
    (error) => {
      throw new Error(error);
    },
  );
}

/** Everything GET /status shows; each section reports its own error instead of failing the page. */
export async function collectStatus(pool: pg.Pool, scheduler?: SchedulerInfo): Promise<Record<string, unknown>> {
  const lastRuns = await section(async () => {
    const { rows } = await pool.query(
      `select distinct on (r.task_type, r.task_id)
           r.task_type, r.task_id, r.status, r.started_at, r.finished_at, r.duration_ms,
           r.records_processed, r.records_failed, r.error_count,
           case when r.error_count > 0 then r.error_details -> 0 ->> 'message' end as first_error,
           r.peak_memory_mb::float8 as peak_memory_mb
       from ops.task_run as r
       where r.parent_run_id is null or r.task_type = 'refresh_step'
       order by r.task_type, r.task_id, r.started_at desc`,
    );
    return rows.sort((a, b) => (a.started_at < b.started_at ? 1 : -1));
  });

  const freshness = await section(async () => {
    const { rows } = await pool.query<{
      dataset: string;
      batches: string;
      newest_batch_id: string;
      newest_landed_at: Date;
      transforms: string[] | null;
    }>(
      `select b.dataset, count(*) as batches, max(b.batch_id) as newest_batch_id, max(b.landed_at) as newest_landed_at,
           (select array_agg(d.name order by d.name) from ops.transform_definition as d
            where d.kind = 'transform' and b.dataset = any(d.datasets)) as transforms
       from raw.batch as b
       where b.status = 'landed'
       group by b.dataset
       order by b.dataset`,
    );
    const dates = await businessDates(pool);
    return rows.map((r) => ({
      dataset: r.dataset,
      batches: Number(r.batches),
      newest_batch_id: Number(r.newest_batch_id),
      newest_landed_at: r.newest_landed_at,
      newest_business_date: Object.fromEntries((r.transforms ?? []).filter((t) => dates.has(t)).map((t) => [t, dates.get(t)])),
    }));
  });

  const pending = await section(async () => {
    const { rows } = await pool.query<{ transform_name: string; pending: number }>(
      `select d.name as transform_name, cardinality(ops.pending_batches(d.name)) as pending
       from ops.transform_definition as d where d.kind = 'transform' order by d.file_path`,
    );
    return rows;
  });

  const aggregates = await section(async () => {
    const { rows } = await pool.query(
      `select aggregate_name, source, last_refreshed_at, last_full_at, last_batches, last_buckets, last_ms
       from ops.aggregate_state order by aggregate_name`,
    );
    return rows;
  });

  // How far the trading calendar reaches (docs/CALENDAR.md): needs_extension
  // from 60 days before its horizon.
  const calendar = await section(async () => {
    const { rows } = await pool.query<{ exchange: string; horizon: string; days_left: number; needs_extension: boolean }>(
      `select exchange, horizon::text as horizon, days_left, needs_extension from ops.calendar_horizon() order by exchange`,
    );
    return rows;
  });

  // vendor field changes not decided yet and the batches held for them (docs/SCHEMA-DRIFT.md)
  const schema = await section(async () => {
    const changes = await schemaChanges(pool);
    return { open: changes.length, changes, held_batches: await heldBatches(pool) };
  });

  // The quality score per table over every checked batch (api.data_quality,
  // docs/CORRECTIONS.md) and the corrections waiting for a decision.
  const dataQuality = await section(async () => {
    const { rows } = await pool.query<{
      table_name: string;
      batches: number;
      values_checked: number;
      values_passed: number;
      score: number | null;
      checked_at: Date;
    }>(
      `select s."table" as table_name, count(distinct s.batch_id)::int as batches,
           sum(s.values_checked)::float8 as values_checked, sum(s.values_passed)::float8 as values_passed,
           round(sum(s.values_passed) / nullif(sum(s.values_checked), 0), 4)::float8 as score, max(s.checked_at) as checked_at
       from ops.quality_score as s group by s."table" order by s."table"`,
    );
    const { rows: c } = await pool.query<{ state: string; n: number }>(
      'select state, count(*)::int as n from ops.correction group by state order by state',
    );
    return { tables: rows, corrections: Object.fromEntries(c.map((r) => [r.state, r.n])) };
  });

  // continuity (docs/CONTINUITY.md): backfill requests by state (open and
  // failed listed), stale series per kind
  const backfill = await section(async () => {
    const { rows: states } = await pool.query<{ state: string; requests: number; sessions: string }>(
      `select state, requests, sessions from ops.backfill_summary()`,
    );
    const { rows: list } = await pool.query(
      `select id, dataset, key, from_date::text, to_date::text, sessions, state, attempts, last_error
       from ops.backfill_request where state in ('open', 'failed') order by state desc, id limit 50`,
    );
    const count = (st: string) => states.find((x) => x.state === st)?.requests ?? 0;
    return {
      open: count('open'),
      failed: count('failed'),
      by_state: states.map((x) => ({ ...x, sessions: Number(x.sessions) })),
      requests: list,
    };
  });
  const staleness = await section(async () => {
    const { rows } = await pool.query<{ kind: string; series: number; stale: number; newest: string | null }>(
      `select kind, count(*)::int as series, (count(*) filter (where is_stale))::int as stale, max(latest_date)::text as newest
       from api.security_freshness group by kind order by kind`,
    );
    return rows;
  });

  const views = await section(() => apiViewCounts(pool));
  const failed = await section(() => failedBatches(pool));
  const issues = await section(() => openIssues(pool));

  return {
    scheduler: scheduler ?? (await section(() => recordedJobs(pool))),
    last_runs: lastRuns,
    freshness,
    pending_batches: pending,
    failed_batches: failed,
    open_quality_issues: issues,
    schema_changes: schema,
    data_quality: dataQuality,
    aggregates,
    trading_calendar: calendar,
    backfill,
    staleness,
    api_views: views,
  };
}
