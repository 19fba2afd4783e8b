// `sra status`: what the worker's GET /status shows, from a shell — last runs,
// freshness per dataset, pending and failed batches, open quality issues, open
// schema changes and held batches, the
// in-database jobs, the trading calendar's horizon — as text, or as JSON with
// --json. Its queries carry the short SRA_STATUS_TIMEOUT_MS statement timeout.
import type { Command } from 'commander';
import { withDatabase } from '../lib/command.ts';
import { dbTimeouts } from '../config.ts';
import { makePool, describeUrl } from '../lib/db.ts';
import { collectStatus } from '../worker/status.ts';

type Row = Record<string, unknown>;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('T', ' ').slice(0, 19);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return v.replace('T', ' ').slice(0, 19);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\s+/g, ' ');
}

/** A plain text table: header, then one line per row, columns padded; long cells clipped. */
export function table(rows: Row[], columns: [key: string, title: string][]): string {
  const text = rows.map((r) =>
    columns.map(([k]) => {
      const c = cell(r[k]);
      return c.length > 60 ? `${c.slice(0, 59)}…` : c;
    }),
  );
  const widths = columns.map(([, t], i) => Math.max(t.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(columns.map(([, t]) => t)), ...text.map(line)].join('\n');
}

function section(title: string, value: unknown, render: (rows: Row[]) => string, empty = '(none)'): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'error' in value)
    return `${title}\n  not available: ${(value as { error: string }).error}`;
  if (value === null) return `${title}\n  ${empty}`;
  const rows = value as Row[];
  return `${title}\n${rows.length ? render(rows) : `  ${empty}`}`;
}

/** The status as an operator reads it. */
export function formatStatus(s: Record<string, unknown>, where: string): string {
  const out: string[] = [`sra-data status of ${where} at ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`];
  out.push(
    section('Last runs', s.last_runs, (r) =>
      table(
        r.map((x) => ({
          ...x,
          task: `${x.task_type} ${x.task_id}`,
          duration: x.duration_ms == null ? '' : `${(Number(x.duration_ms) / 1000).toFixed(1)}s`,
        })),
        [
          ['task', 'task'],
          ['status', 'status'],
          ['started_at', 'started'],
          ['duration', 'duration'],
          ['records_processed', 'records'],
          ['first_error', 'first error'],
        ],
      ),
    ),
  );
  out.push(
    section('Freshness per dataset', s.freshness, (r) =>
      table(
        r.map((x) => ({
          ...x,
          dates: Object.entries((x.newest_business_date ?? {}) as Record<string, string>)
            .map(([t, d]) => `${t} ${d ?? '-'}`)
            .join(', '),
        })),
        [
          ['dataset', 'dataset'],
          ['batches', 'batches'],
          ['newest_landed_at', 'newest landed'],
          ['dates', 'newest business date'],
        ],
      ),
    ),
  );
  const pending = Array.isArray(s.pending_batches) ? (s.pending_batches as Row[]).filter((x) => Number(x.pending) > 0) : s.pending_batches;
  out.push(
    section(
      'Pending batches',
      pending,
      (r) =>
        table(r, [
          ['transform_name', 'transform'],
          ['pending', 'batches'],
        ]),
      '(none: every landed batch is consumed)',
    ),
  );
  out.push(
    section('Failed batches', s.failed_batches, (r) =>
      table(r, [
        ['transform_name', 'transform'],
        ['batch_id', 'batch'],
        ['dataset', 'dataset'],
        ['file_name', 'file'],
        ['attempts', 'attempts'],
        ['failed_at', 'failed'],
        ['error', 'error'],
      ]),
    ),
  );
  out.push(
    section('Open quality issues', s.open_quality_issues, (r) =>
      table(r, [
        ['transform_name', 'transform'],
        ['rule', 'rule'],
        ['issues', 'issues'],
        ['newest_at', 'newest'],
      ]),
    ),
  );
  const schema = s.schema_changes as { open?: number; changes?: Row[]; held_batches?: Row[]; error?: string } | undefined;
  out.push(
    section(
      `Open schema changes${schema?.open ? ` (${schema.open})` : ''}`,
      schema?.error ? schema : (schema?.changes ?? []),
      (r) =>
        table(r, [
          ['dataset', 'dataset'],
          ['field', 'field'],
          ['change', 'change'],
          ['previous_field', 'was'],
          ['previous_type', 'from'],
          ['new_type', 'to'],
          ['policy', 'policy'],
          ['held_batches', 'held batches'],
          ['first_seen', 'first seen'],
        ]) +
        (schema?.held_batches?.length
          ? `\n  ${schema.held_batches.length} batch(es) held: sra schema list; sra schema accept <dataset> --reason <why>`
          : ''),
    ),
  );
  const dq = s.data_quality as { tables?: Row[]; corrections?: Record<string, number>; error?: string } | undefined;
  out.push(
    section('Data quality (score: share of metric values passing, 0..1)', dq?.error ? dq : (dq?.tables ?? []), (r) =>
      table(r, [
        ['table_name', 'table'],
        ['batches', 'batches'],
        ['values_checked', 'values'],
        ['values_passed', 'passed'],
        ['score', 'score'],
        ['checked_at', 'checked'],
      ]),
    ) +
      (dq?.corrections
        ? `\n  corrections: ${
            Object.entries(dq.corrections)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ') || 'none'
          }${dq.corrections.proposed ? ' (review: sra quality corrections)' : ''}`
        : ''),
  );
  out.push(
    section('Trading calendar', s.trading_calendar, (r) =>
      table(
        r.map((x) => ({ ...x, state: x.needs_extension ? 'EXTEND: select core.build_exchange_calendar()' : 'ok' })),
        [
          ['exchange', 'exchange'],
          ['horizon', 'horizon'],
          ['days_left', 'days left'],
          ['state', 'state'],
        ],
      ),
    ),
  );
  const bf = s.backfill as { open?: number; failed?: number; requests?: Row[]; error?: string } | undefined;
  out.push(
    section(
      `Backfill requests (${bf?.open ?? 0} open, ${bf?.failed ?? 0} failed: sra gaps)`,
      bf?.error ? bf : (bf?.requests ?? []),
      (r) =>
        table(r, [
          ['id', 'id'],
          ['dataset', 'dataset'],
          ['key', 'key'],
          ['from_date', 'from'],
          ['to_date', 'to'],
          ['sessions', 'sessions'],
          ['state', 'state'],
          ['attempts', 'attempts'],
          ['last_error', 'last error'],
        ]),
      '(none open or failed)',
    ),
  );
  out.push(
    section(
      'Staleness (api.security_freshness)',
      s.staleness,
      (r) =>
        table(r, [
          ['kind', 'kind'],
          ['series', 'series'],
          ['stale', 'stale'],
          ['newest', 'newest date'],
        ]),
      '(no series yet: gap detection runs after the transforms)',
    ),
  );
  const sched = s.scheduler as { jobs?: Row[]; error?: string } | undefined;
  out.push(
    section('In-database jobs', sched?.error ? sched : (sched?.jobs ?? []), (r) =>
      table(r, [
        ['job_name', 'job'],
        ['schedule', 'schedule (UTC)'],
        ['runner', 'run by'],
      ]),
    ),
  );
  return out.join('\n\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('status')
    .description(
      "what the worker's /status shows: last runs, freshness per dataset, pending and failed batches, open quality issues, backfill requests, stale series",
    )
    .option('--json', 'print JSON (the same document as GET /status, without the worker fields)')
    .action((opts: { json?: boolean }) =>
      withDatabase(async (db, _pool, e) => {
        const pool = makePool(db.url, 2, {
          ...dbTimeouts(e),
          statementTimeoutMs: e.SRA_STATUS_TIMEOUT_MS,
          application_name: 'sra-data status',
        });
        try {
          // fails with one clear line when the database does not answer
          await pool.query('select 1');
          const s = await collectStatus(pool);
          process.stdout.write(opts.json ? JSON.stringify(s, null, 2) + '\n' : formatStatus(s, describeUrl(db.url)));
        } finally {
          await pool.end();
        }
      }),
    );
}
