// GET /metrics: Prometheus text format (prom-client). Every sra_* gauge is
// computed at scrape time: one cheap query on the worker's status connections
// (short statement timeout) over the small run tables (ops.task_run,
// ops.transform_run), a 24-hour window of the FMP call log and the failed
// batches, plus a second one for the unconsumed-batch and open-issue counts,
// which scan growing tables and are therefore kept while nothing new is
// landed, transformed, failed, resolved or recorded (at most a minute).
// The HTTP client's per-source counters and circuit-breaker state come from
// httpStats() (loader/lib/http-client.ts): they are this process's, so they
// show the calls the worker's own loads made since it started. Process
// metrics (process_*, nodejs_*) come from prom-client's default collectors.
import type pg from 'pg';
import { Registry, Gauge, collectDefaultMetrics } from 'prom-client';
import { httpStats, type BreakerState } from '../lib/http-client.ts';
import type { Health } from './health.ts';

const BREAKER_STATES: BreakerState[] = ['closed', 'half-open', 'open'];

/**
 * One statement: the small tables, the recent call log, the failed batches
 * and a generation key that changes whenever the cached counts (below) may
 * have changed: a new batch, transform run or quality issue, or a newer
 * resolution of an issue.
 */
export function metricsSql(): string {
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
),
failed as (
    select f.transform_name, count(*) as n
    from ops.failed_batch as f
    group by f.transform_name
)
select
    (select coalesce(jsonb_agg(l), '[]') from loads as l) as loads,
    (select coalesce(jsonb_agg(t), '[]') from transforms as t) as transforms,
    (select coalesce(jsonb_agg(f), '[]') from fmp_calls as f) as fmp_calls,
    (select coalesce(jsonb_agg(f order by f.transform_name), '[]') from failed as f) as failed,
    extract(epoch from now()) as now,
    (select coalesce(max(batch_id), 0) from raw.batch)::text || '/' ||
        (select coalesce(max(transform_run_id), 0) from ops.transform_run)::text || '/' ||
        (select coalesce(max(quality_issue_id), 0) from ops.quality_issue)::text || '/' ||
        -- the newest resolution (an index serves it): a resolved issue changes the counts too
        coalesce((select max(resolved_at) from ops.quality_issue)::text, '') as generation`;
}

/**
 * Per transform: batches it has not consumed and will consume (as
 * ops.pending_batches counts them: failed batches are left out until
 * re-queued; sra_failed_batches counts those), and open quality issues (not
 * resolved). Both scan growing tables: cached (below).
 */
export function countsSql(): string {
  return `
with
issues as (
    select q.transform_name, count(*) as n
    from ops.quality_issue as q
    where q.resolved_at is null
    group by q.transform_name
)
select d.name as transform_name, cardinality(ops.pending_batches(d.name)) as unconsumed, coalesce(i.n, 0) as open_issues
from ops.transform_definition as d
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
      lastLoad: gauge('sra_last_successful_load_timestamp_seconds', 'When the last completed load of a source finished (Unix time)', [
        'source',
      ]),
      sinceLoad: gauge('sra_seconds_since_last_successful_load', 'Seconds since the last completed load of a source finished', ['source']),
      rowsTransformed: gauge('sra_rows_transformed', 'New rows written by the transform runs recorded in ops.transform_run', [
        'transform',
        'source',
      ]),
      transformRuns: gauge('sra_transform_runs', 'Finished transform runs recorded in ops.transform_run', ['transform']),
      transformSeconds: gauge('sra_transform_duration_seconds_sum', 'Total duration of the finished transform runs, seconds', [
        'transform',
      ]),
      transformLast: gauge('sra_transform_last_duration_seconds', 'Duration of the last finished run of a transform, seconds', [
        'transform',
      ]),
      calls24h: gauge(
        'sra_http_calls_24h',
        'HTTP calls to a vendor in the last 24 hours (ops.fmp_api_call), per HTTP status (none: no answer)',
        ['source', 'status'],
      ),
      rateLimited24h: gauge('sra_http_rate_limited_24h', 'HTTP 429 answers from a vendor in the last 24 hours', ['source']),
      processCalls: gauge(
        'sra_http_client_calls',
        'HTTP attempts this process made since it started, per source (fmp, fundata) and status (error: no answer)',
        ['source', 'status'],
      ),
      processRateLimited: gauge('sra_http_client_rate_limited', 'HTTP 429 answers this process received since it started, per source', [
        'source',
      ]),
      breaker: gauge(
        'sra_http_breaker_state',
        'Circuit breaker of a source in this process: 1 for its current state (closed, half-open, open), 0 for the others',
        ['source', 'state'],
      ),
      breakerFailures: gauge(
        'sra_http_breaker_consecutive_failures',
        'Calls of a source that failed in a row now (the circuit breaker opens after a set number)',
        ['source'],
      ),
      breakerOpened: gauge('sra_http_breaker_opened', 'Times the circuit breaker of a source opened since this process started', [
        'source',
      ]),
      breakerRefused: gauge(
        'sra_http_breaker_refused',
        'Calls the open circuit breaker of a source refused (no request sent) since this process started',
        ['source'],
      ),
      unconsumed: gauge(
        'sra_unconsumed_batches',
        'Landed batches a transform has not consumed yet and will (ops.pending_batches); failed batches are not counted: see sra_failed_batches',
        ['transform'],
      ),
      failed: gauge('sra_failed_batches', 'Batches a transform failed on and skips until re-queued (ops.failed_batch)', ['transform']),
      issues: gauge('sra_open_quality_issues', 'Quality issues recorded by a transform and not resolved (ops.quality_issue)', [
        'transform',
      ]),
    };
  }

  /** Compute every gauge from the database now, then render the registry. */
  async render(): Promise<string> {
    for (const g of Object.values(this.g)) g.reset();
    const h = this.health();
    this.g.up!.set(h.status === 'ok' ? 1 : 0);
    for (const s of httpStats()) {
      const source = { source: s.source };
      for (const [status, n] of Object.entries(s.calls_by_status)) this.g.processCalls!.set({ ...source, status }, n);
      this.g.processRateLimited!.set(source, s.rate_limited_429);
      for (const state of BREAKER_STATES) this.g.breaker!.set({ ...source, state }, state === s.breaker_state ? 1 : 0);
      this.g.breakerFailures!.set(source, s.breaker_consecutive_failures);
      this.g.breakerOpened!.set(source, s.breaker_opened);
      this.g.breakerRefused!.set(source, s.breaker_refused);
    }
    if (h.status === 'ok') await this.fromDatabase();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async fromDatabase(): Promise<void> {
    const { rows } = await this.pool.query(metricsSql());
    const r = rows[0] as {
      loads: { source: string; status: string; runs: number; rows: number | null; last_success: string | null }[];
      transforms: { transform_name: string; source: string; runs: number; rows: number; seconds: number; last_seconds: number }[];
      fmp_calls: { status: string; calls: number }[];
      failed: { transform_name: string; n: number }[];
      now: string;
      generation: string;
    };
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

    // a batch that fails or is re-queued moves between the unconsumed and failed counts
    const key = `${r.generation}/${JSON.stringify(r.failed)}`;
    if (!this.counts || this.counts.key !== key || Date.now() - this.counts.at > COUNTS_TTL_MS) {
      const { rows: counts } = await this.pool.query<Counts>(countsSql());
      this.counts = { key, at: Date.now(), rows: counts };
    }
    const failedBy = new Map(r.failed.map((f) => [f.transform_name, Number(f.n)]));
    for (const c of this.counts.rows) {
      this.g.unconsumed!.set({ transform: c.transform_name }, Number(c.unconsumed));
      this.g.issues!.set({ transform: c.transform_name }, Number(c.open_issues));
      this.g.failed!.set({ transform: c.transform_name }, failedBy.get(c.transform_name) ?? 0);
    }
  }
}
