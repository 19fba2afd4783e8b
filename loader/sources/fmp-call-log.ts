// ops.fmp_api_call: one row per HTTP attempt of an FMP load, written in bulk
// (one INSERT per `size` rows, in the background), every value redacted.
import type pg from 'pg';
import { redactValue } from '../lib/redact.ts';
import type { Generation } from './fmp-datasets.ts';

export interface CallRow {
  task_run_id: number;
  dataset: string;
  endpoint: string;
  endpoint_template: string;
  api_version: Generation;
  params: Record<string, string>;
  symbols: string[];
  attempt: number;
  called_at: string;
  response_time_ms: number;
  http_status: number | null;
  rate_limit_remaining: number | null;
  response_bytes: number | null;
  row_count: number | null;
  outcome: 'landed' | 'unchanged' | 'retried' | 'failed' | 'cancelled';
  error: string | null;
  batch_id: number | null;
}

const INSERT = `insert into ops.fmp_api_call (task_run_id, dataset, endpoint, endpoint_template, api_version, params, symbols,
     attempt, called_at, response_time_ms, http_status, rate_limit_remaining, response_bytes, row_count, outcome, error, batch_id)
   select task_run_id, dataset, endpoint, endpoint_template, api_version, coalesce(params, '{}'), coalesce(symbols, '{}'),
     attempt, called_at, response_time_ms, http_status, rate_limit_remaining, response_bytes, row_count, outcome, error, batch_id
   from jsonb_to_recordset($1::jsonb) as x (task_run_id bigint, dataset text, endpoint text, endpoint_template text,
     api_version text, params jsonb, symbols text[], attempt smallint, called_at timestamptz, response_time_ms integer,
     http_status integer, rate_limit_remaining integer, response_bytes integer, row_count integer, outcome text,
     error text, batch_id bigint)`;

export class CallLog {
  private rows: CallRow[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  written = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly size: number,
  ) {}

  add(row: CallRow): void {
    this.rows.push(row);
    if (this.rows.length >= this.size) this.flush();
  }

  private flush(): void {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    this.chain = this.chain.then(async () => {
      try {
        // redacted as values, then serialized: the JSON is always well formed
        await this.pool.query(INSERT, [JSON.stringify(redactValue(rows))]);
        this.written += rows.length;
      } catch (err) {
        this.failure ??= err as Error;
      }
    });
  }

  /** Write what is left; throws when any insert failed. */
  async close(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.failure) throw new Error(`could not record FMP calls in ops.fmp_api_call: ${this.failure.message}`);
  }
}
