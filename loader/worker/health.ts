// The worker's database probe: `select 1` every SRA_HEALTH_INTERVAL_MS
// (250 ms) on a connection of its own, each attempt bounded by
// SRA_HEALTH_TIMEOUT_MS (500 ms: connect, statement and client-side read). GET /health answers from the last result, so a request
// never waits on the database: it says "ok" only while the last probe
// succeeded and is recent, "degraded" as soon as one fails or the probe is
// overdue (a database that went silent), and "ok" again once a probe succeeds.
import type pg from 'pg';
import { makePool } from '../lib/db.ts';
import { errorMessage } from '../lib/log.ts';

export interface Health {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  /** How long the last probe took. */
  latency_ms: number | null;
  /** When the last probe finished, and how long ago. */
  checked_at: string | null;
  age_ms: number | null;
  error?: string;
}

export interface ProbeOptions {
  /** Time between two probes. */
  intervalMs?: number;
  /** Limit of one probe (connect and query). */
  timeoutMs?: number;
}

export class HealthProbe {
  readonly pool: pg.Pool;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private last: { ok: boolean; at: number; ms: number; error?: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(url: string, o: ProbeOptions = {}) {
    this.intervalMs = o.intervalMs ?? 250;
    this.timeoutMs = o.timeoutMs ?? 500;
    this.pool = makePool(url, 1, {
      application_name: 'sra-data worker health',
      connectTimeoutSetting: 'SRA_HEALTH_TIMEOUT_MS',
      connectTimeoutMs: this.timeoutMs,
      statementTimeoutMs: this.timeoutMs,
      queryTimeoutMs: this.timeoutMs,
      idleInTransactionTimeoutMs: 0,
      idleTimeoutMs: 0,
    });
  }

  /** Probe once now, then every intervalMs until stop(). */
  async start(): Promise<void> {
    await this.probe();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.probe().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  /** One probe; its result replaces the last one. */
  async probe(): Promise<void> {
    const t0 = performance.now();
    try {
      await this.pool.query('select 1');
      this.last = { ok: true, at: Date.now(), ms: performance.now() - t0 };
    } catch (err) {
      this.last = { ok: false, at: Date.now(), ms: performance.now() - t0, error: errorMessage(err) };
    }
  }

  /** The last result; a result older than one interval plus one timeout (a probe stuck past its limits) counts as a failure. */
  current(): Health {
    const l = this.last;
    if (!l)
      return { status: 'degraded', database: 'unreachable', latency_ms: null, checked_at: null, age_ms: null, error: 'not probed yet' };
    const age = Date.now() - l.at;
    const base = { latency_ms: Math.round(l.ms), checked_at: new Date(l.at).toISOString(), age_ms: age };
    if (!l.ok) return { status: 'degraded', database: 'unreachable', ...base, error: l.error };
    if (age > this.intervalMs + this.timeoutMs + 250) {
      return { status: 'degraded', database: 'unreachable', ...base, error: `no answer to the probe for ${age} ms` };
    }
    return { status: 'ok', database: 'ok', ...base };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    // a connection to a silent server may never confirm its close
    await Promise.race([this.pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, this.timeoutMs).unref())]);
  }
}
