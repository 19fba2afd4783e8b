// GET /metrics: Prometheus text format (prom-client). Every sra_* gauge is
// computed at scrape time from the database — one cheap query on the
// worker's status connections (short statement timeout) over the small run
// tables (ops.task_run, ops.transform_run), a 24-hour window of the FMP call
// log and the failed batches, plus a second one for the unconsumed-batch and
// open-issue counts, which scan growing tables and are therefore kept while
// nothing new is landed, transformed or recorded (at most a minute). Process metrics
// (process_*, nodejs_*) come from prom-client's default collectors, the HTTP
// client's per-source counters and breaker state from loader/lib/http-client.ts
// where it exports httpStats().
import type pg from 'pg';
import { Registry, Gauge, collectDefaultMetrics } from 'prom-client';
import * as httpClient from '../lib/http-client.ts';
import type { Health } from './health.ts';

/** What loader/lib/http-client.ts may export: per-source counters of this process. */
interface HttpSourceStats {
  source: string;
  calls_by_status: Record<string, number>;
  rate_limited_429: number;
  breaker_state: string;
}

function processHttpStats(): HttpSourceStats[] {
  const fn = (httpClient as Record<string, unknown>).httpStats;
  if (typeof fn !== 'function') return [];
  try {
    return (fn as () => HttpSourceStats[])() ?? [];
  } catch {
    return [];
  }
}

/**
 * One statement: the small tables, the recent call log, the failed batches
 * and the newest issue resolution (once a scrape has seen that the database
 * has ops.failed_batch and ops.quality_issue.resolved_at), and whether it has
 * them, so the next statements read only what is there.
 */
export function metricsSql(o: { failedBatch?: boolean; resolvedAt?: boolean } = {}): string {
  return `
with
loads as (
    select split_part(r.task_id, ' ', 1) as source, r.status,
        count(*) as runs, sum(r.records_processed) as rows,
        max(r.finished_at) filter (where r.status = 'completed') as last_success
    from ops.task_run as r
    where r.task_type = 'load' and r.status <> 'running'
    group by 1, 2
),
transforms as (
    select r.transform_name, coalesce(split_part(d.file_path, '/', 2), '') as source,
        count(*) as runs, sum(r.rows_out) as rows,
        sum(extract(epoch from r.finished_at - r.started_at)) as seconds,
        (array_agg(extract(epoch from r.finished_at - r.started_at) order by r.transform_run_id desc))[1] as last_seconds
    from ops.transform_run as r
    left join ops.transform_definition as d on d.name = r.transform_name
    where r.finished_at is not null
    group by r.transform_name, d.file_path
),
fmp_calls as (
    select coalesce(c.http_status::text, 'none') as status, count(*) as calls
    from ops.fmp_api_call as c
    where c.called_at > now() - interval '24 hours'
    group by 1
)
select
    (select coalesce(jsonb_agg(l), '[]') from loads as l) as loads,
    (select coalesce(jsonb_agg(t), '[]') from transforms as t) as transforms,
    (select coalesce(jsonb_agg(f), '[]') from fmp_calls as f) as fmp_calls,${
      o.failedBatch
        ? `
    (select coalesce(jsonb_agg(x), '[]') from (
        select f.transform_name, count(*) as n from ops.failed_batch as f group by f.transform_name) as x) as failed,`
        : ''
    }
    extract(epoch from now()) as now,
    (select coalesce(max(batch_id), 0) from raw.batch)::text || '/' ||
        (select coalesce(max(transform_run_id), 0) from ops.transform_run)::text || '/' ||
        (select coalesce(max(quality_issue_id), 0) from ops.quality_issue)::text${
          // the newest resolution (an index serves it): a resolved issue changes the counts too
          o.resolvedAt ? ` || '/' || coalesce((select max(resolved_at) from ops.quality_issue)::text, '')` : ''
        } as generation,
    to_regclass('ops.failed_batch') is not null as has_failed_batch,
    exists (
        select 1 from pg_attribute
        where attrelid = 'ops.quality_issue'::regclass and attname = 'resolved_at' and not attisdropped
    ) as has_resolved_at`;
}

/**
 * Per transform: batches landed and not consumed (failed ones included), and
 * open quality issues (all of them, or those without resolved_at where the
 * table has that column). Both scan growing tables: cached (below).
 */
export function countsSql(o: { resolvedAt: boolean }): string {
  return `
with
unconsumed as (
    select d.name as transform_name, count(b.batch_id) as n
    from ops.transform_definition as d
    join raw.batch as b on b.dataset = any(d.datasets) and b.status = 'landed'
    where d.kind = 'transform'
        and not exists (select 1 from ops.transform_batch as t where t.transform_name = d.name and t.batch_id = b.batch_id)
    group by d.name
),
issues as (
    select q.transform_name, count(*) as n
    from ops.quality_issue as q${o.resolvedAt ? '\n    where q.resolved_at is null' : ''}
    group by q.transform_name
)
select d.name as transform_name, coalesce(u.n, 0) as unconsumed, coalesce(i.n, 0) as open_issues
from ops.transform_definition as d
left join unconsumed as u on u.transform_name = d.name
left join issues as i on i.transform_name = d.name
where d.kind = 'transform'
order by d.name`;
}

interface Counts {
  transform_name: string;
  unconsumed: string;
  open_issues: string;
}

const COUNTS_TTL_MS = 60_000;

export class WorkerMetrics {
  readonly registry = new Registry();
  private counts: { key: string; at: number; rows: Counts[] } | undefined;
  /** What the database had at the last scrape. */
  private shape = { failedBatch: false, resolvedAt: false };
  private readonly g: Record<string, Gauge<string>>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly health: () => Health,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [this.registry] });
    this.g = {
      up: gauge('sra_database_up', '1 when the last health probe of the database succeeded, else 0'),
      rowsLanded: gauge('sra_rows_landed', 'Rows landed into raw by the load runs recorded in ops.task_run, per source', ['source']),
      loads: gauge('sra_load_runs', 'Load runs recorded in ops.task_run, per source and status', ['source', 'status']),
      lastLoad: gauge('sra_last_successful_load_timestamp_seconds', 'When the last completed load of a source finished (Unix time)', ['source']),
      sinceLoad: gauge('sra_seconds_since_last_successful_load', 'Seconds since the last completed load of a source finished', ['source']),
      rowsTransformed: gauge('sra_rows_transformed', 'New rows written by the transform runs recorded in ops.transform_run', ['transform', 'source']),
      transformRuns: gauge('sra_transform_runs', 'Finished transform runs recorded in ops.transform_run', ['transform']),
      transformSeconds: gauge('sra_transform_duration_seconds_sum', 'Total duration of the finished transform runs, seconds', ['transform']),
      transformLast: gauge('sra_transform_last_duration_seconds', 'Duration of the last finished run of a transform, seconds', ['transform']),
      calls24h: gauge('sra_http_calls_24h', 'HTTP calls to a vendor in the last 24 hours (ops.fmp_api_call), per HTTP status (none: no answer)', ['source', 'status']),
      rateLimited24h: gauge('sra_http_rate_limited_24h', 'HTTP 429 answers from a vendor in the last 24 hours', ['source']),
      processCalls: gauge('sra_http_client_calls', 'HTTP calls made by this process since it started, per source and status', ['source', 'status']),
      processRateLimited: gauge('sra_http_client_rate_limited', 'HTTP 429 answers received by this process since it started', ['source']),
      breaker: gauge('sra_http_breaker_state', '1 for the current circuit-breaker state of a source (closed, open, half_open)', ['source', 'state']),
      unconsumed: gauge('sra_unconsumed_batches', 'Landed batches a transform has not consumed yet', ['transform']),
      failed: gauge('sra_failed_batches', 'Batches a transform failed on (ops.failed_batch)', ['transform']),
      issues: gauge('sra_open_quality_issues', 'Open quality issues recorded by a transform (ops.quality_issue)', ['transform']),
    };
  }

  /** Compute every gauge from the database now, then render the registry. */
  async render(): Promise<string> {
    for (const g of Object.values(this.g)) g.reset();
    const h = this.health();
    this.g.up!.set(h.status === 'ok' ? 1 : 0);
    for (const s of processHttpStats()) {
      for (const [status, n] of Object.entries(s.calls_by_status ?? {})) this.g.processCalls!.set({ source: s.source, status }, n);
      this.g.processRateLimited!.set({ source: s.source }, s.rate_limited_429 ?? 0);
      this.g.breaker!.set({ source: s.source, state: s.breaker_state }, 1);
    }
    if (h.status === 'ok') await this.fromDatabase();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async fromDatabase(): Promise<void> {
    let res: pg.QueryResult;
    try {
      res = await this.pool.query(metricsSql(this.shape));
    } catch (err) {
      // the view or the column went away since the last scrape: ask again without them
      if (!this.shape.failedBatch && !this.shape.resolvedAt) throw err;
      res = await this.pool.query(metricsSql());
    }
    const r = res.rows[0] as {
      loads: { source: string; status: string; runs: number; rows: number | null; last_success: string | null }[];
      transforms: { transform_name: string; source: string; runs: number; rows: number; seconds: number; last_seconds: number }[];
      fmp_calls: { status: string; calls: number }[];
      failed?: { transform_name: string; n: number }[];
      now: string;
      generation: string;
      has_failed_batch: boolean;
      has_resolved_at: boolean;
    };
    this.shape = { failedBatch: r.has_failed_batch, resolvedAt: r.has_resolved_at };
    const now = Number(r.now);
    const landed = new Map<string, number>();
    const lastOk = new Map<string, number>();
    for (const l of r.loads) {
      this.g.loads!.set({ source: l.source, status: l.status }, Number(l.runs));
      landed.set(l.source, (landed.get(l.source) ?? 0) + Number(l.rows ?? 0));
      if (l.last_success) lastOk.set(l.source, Date.parse(l.last_success) / 1000);
    }
    for (const [source, n] of landed) this.g.rowsLanded!.set({ source }, n);
    for (const [source, at] of lastOk) {
      this.g.lastLoad!.set({ source }, at);
      this.g.sinceLoad!.set({ source }, Math.max(0, Math.round(now - at)));
    }
    for (const t of r.transforms) {
      this.g.rowsTransformed!.set({ transform: t.transform_name, source: t.source }, Number(t.rows));
      this.g.transformRuns!.set({ transform: t.transform_name }, Number(t.runs));
      this.g.transformSeconds!.set({ transform: t.transform_name }, Number(t.seconds));
      this.g.transformLast!.set({ transform: t.transform_name }, Number(t.last_seconds));
    }
    let limited = 0;
    for (const c of r.fmp_calls) {
      this.g.calls24h!.set({ source: 'fmp', status: c.status }, Number(c.calls));
      if (c.status === '429') limited += Number(c.calls);
    }
    this.g.rateLimited24h!.set({ source: 'fmp' }, limited);

    // the first scrape that sees ops.failed_batch reads it on its own; later ones in the statement above
    const failed =
      r.failed ??
      (r.has_failed_batch
        ? (await this.pool.query<{ transform_name: string; n: number }>(`select transform_name, count(*)::int as n from ops.failed_batch group by transform_name`)).rows
        : undefined);
    const key = `${r.generation}/${r.has_resolved_at}`;
    if (!this.counts || this.counts.key !== key || Date.now() - this.counts.at > COUNTS_TTL_MS) {
      const { rows: counts } = await this.pool.query<Counts>(countsSql({ resolvedAt: r.has_resolved_at }));
      this.counts = { key, at: Date.now(), rows: counts };
    }
    const failedBy = new Map((failed ?? []).map((f) => [f.transform_name, Number(f.n)]));
    for (const c of this.counts.rows) {
      this.g.unconsumed!.set({ transform: c.transform_name }, Number(c.unconsumed));
      this.g.issues!.set({ transform: c.transform_name }, Number(c.open_issues));
      if (failed) this.g.failed!.set({ transform: c.transform_name }, failedBy.get(c.transform_name) ?? 0);
    }
  }
}
