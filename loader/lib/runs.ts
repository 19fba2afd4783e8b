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

export async function startRun(pool: pg.Pool, taskType: string, taskId: string, parentRunId?: number): Promise<number> {
  const { rows } = await pool.query<{ task_run_id: string }>(
    `insert into ops.task_run (task_type, task_id, parent_run_id, host) values ($1, $2, $3, $4) returning task_run_id`,
    [taskType, redact(taskId), parentRunId ?? null, os.hostname()],
  );
  return Number(rows[0]!.task_run_id);
}

export async function finishRun(pool: pg.Pool, runId: number, o: RunOutcome): Promise<void> {
  const errors = redactValue(o.errors ?? []);
  await pool.query(
    `update ops.task_run set status = $2, finished_at = clock_timestamp(), records_processed = $3,
       records_failed = $4, error_count = $5, error_details = $6, performance_metrics = $7, peak_memory_mb = $8
     where task_run_id = $1`,
    [runId, o.status, o.records ?? 0, o.failed ?? 0, errors.length, JSON.stringify(errors), JSON.stringify(o.metrics ?? {}), peakMemoryMb()],
  );
}
