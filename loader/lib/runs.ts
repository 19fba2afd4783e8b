// Task runs in ops.task_run: one per command (load, transform, refresh step),
// written outside the work's own transaction so a running task is visible.
import os from 'node:os';
import type pg from 'pg';
import { redact, redactValue } from './redact.ts';

export type RunStatus = 'completed' | 'partial' | 'failed' | 'cancelled' | 'skipped';

export interface RunOutcome {
  status: RunStatus;
  records?: number;
  failed?: number;
  errors?: { message: string; [k: string]: unknown }[];
  metrics?: Record<string, unknown>;
}

export function peakMemoryMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Close the runs of this host that are still 'running' although their process
 * is gone (killed with SIGKILL, or the host restarted): they become 'failed'.
 */
export async function closeOrphanedRuns(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ task_run_id: string; pid: number }>(
    `select task_run_id, pid from ops.task_run where status = 'running' and host = $1 and pid is not null and pid <> $2`,
    [os.hostname(), process.pid],
  );
  const gone = rows.filter((r) => !alive(r.pid)).map((r) => r.task_run_id);
  if (!gone.length) return 0;
  await pool.query(
    `update ops.task_run set status = 'failed', finished_at = clock_timestamp(), error_count = error_count + 1,
       error_details = error_details || jsonb_build_array(jsonb_build_object('message', 'the process ended before the task finished (killed or restarted)'))
     where task_run_id = any($1::bigint[]) and status = 'running'`,
    [gone],
  );
  return gone.length;
}

export async function startRun(pool: pg.Pool, taskType: string, taskId: string, parentRunId?: number): Promise<number> {
  if (parentRunId === undefined) await closeOrphanedRuns(pool);
  const { rows } = await pool.query<{ task_run_id: string }>(
    `insert into ops.task_run (task_type, task_id, parent_run_id, host, pid) values ($1, $2, $3, $4, $5) returning task_run_id`,
    [taskType, redact(taskId), parentRunId ?? null, os.hostname(), process.pid],
  );
  return Number(rows[0]!.task_run_id);
}

export async function finishRun(pool: pg.Pool, runId: number, o: RunOutcome): Promise<void> {
  // redacted as values, then serialized: a message quoting a URL or a vendor's JSON stays valid JSON
  const errors = redactValue(o.errors ?? []);
  try {
    await pool.query(
      `update ops.task_run set status = $2, finished_at = clock_timestamp(), records_processed = $3,
         records_failed = $4, error_count = $5, error_details = $6, performance_metrics = $7, peak_memory_mb = $8
       where task_run_id = $1`,
      [
        runId,
        o.status,
        o.records ?? 0,
        o.failed ?? 0,
        errors.length,
        JSON.stringify(errors),
        JSON.stringify(redactValue(o.metrics ?? {})),
        peakMemoryMb(),
      ],
    );
  } catch (err) {
    // the outcome is recorded even when its details cannot be: a run never stays 'running'
    await pool.query(
      `update ops.task_run set status = $2, finished_at = clock_timestamp(), records_processed = $3, records_failed = $4,
         error_count = $5, error_details = jsonb_build_array(jsonb_build_object('message', $6::text))
       where task_run_id = $1`,
      [
        runId,
        o.status,
        o.records ?? 0,
        o.failed ?? 0,
        Math.max(errors.length, 1),
        redact(`the run's details could not be recorded: ${(err as Error).message}`),
      ],
    );
  }
}
