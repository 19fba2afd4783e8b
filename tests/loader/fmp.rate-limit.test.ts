import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, type Clock } from '../../loader/lib/http-client.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fmpEnv, startFmpServer } from '../servers/fmp-server.ts';
import { loadFmp } from '../../loader/sources/fmp.ts';

/** Virtual time: timers fire only when the test advances the clock. */
class FakeClock implements Clock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return id;
  }
  clearTimer(id: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== id);
  }
  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.setTimer(r, ms));
  }
  /** Fire the earliest timer; false when none is left. */
  step(): boolean {
    if (!this.timers.length) return false;
    this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
    const next = this.timers.shift()!;
    this.t = Math.max(this.t, next.at);
    next.fn();
    return true;
  }
}

const settle = () => new Promise<void>((r) => setImmediate(r));

/** Most timestamps within any half-open window [t, t + w). */
function maxInWindow(times: number[], w: number): number {
  const s = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let lo = 0, hi = 0; hi < s.length; hi++) {
    while (s[hi]! - s[lo]! >= w) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/** N attempts through the limiter on a fake clock, each holding its slot for a pseudo-random latency. */
async function simulate(limiter: SlidingWindowLimiter, clock: FakeClock, n: number, latency: (i: number) => number) {
  const grants: number[] = [];
  let open = 0;
  let maxOpen = 0;
  let finished = 0;
  for (let i = 0; i < n; i++) {
    void (async () => {
      const release = await limiter.acquire();
      grants.push(clock.now());
      maxOpen = Math.max(maxOpen, ++open);
      await clock.sleep(latency(i));
      open--;
      release();
      finished++;
    })();
  }
  for (let guard = 0; finished < n && guard < 10 * n + 1000; guard++) {
    await settle();
    if (finished < n && !clock.step()) await settle();
  }
  return { grants, maxOpen, finished };
}

describe('the sliding-window limiter (fake clock)', () => {
  it('never lets more than the configured calls start in any 60-second window, and keeps close to that rate', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 300, windowMs: 60_000, maxInFlight: 50, clock });
    const { grants, maxOpen, finished } = await simulate(limiter, clock, 1500, (i) => 20 + ((i * 7919) % 400));
    expect(finished).toBe(1500);
    expect(maxInWindow(grants, 60_000)).toBeLessThanOrEqual(300);
    expect(maxOpen).toBeLessThanOrEqual(50);
    // paced over the minute: one every 202 ms (60.6 s / 300), not 300 in the first second
    expect(maxInWindow(grants, 1000)).toBeLessThanOrEqual(5);
    const perMinute = ((grants.length - 1) / (grants[grants.length - 1]! - grants[0]!)) * 60_000;
    expect(perMinute).toBeGreaterThanOrEqual(0.95 * 300);
    expect(perMinute).toBeLessThanOrEqual(300);
  });

  it('at the 3,000/min ceiling it is the in-flight cap, not the window, that bounds slow answers', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 3000, windowMs: 60_000, maxInFlight: 50, clock });
    const { grants, maxOpen } = await simulate(limiter, clock, 4000, () => 2000);
    expect(maxOpen).toBe(50);
    expect(maxInWindow(grants, 60_000)).toBeLessThanOrEqual(3000);
    // 50 open at a time for 2 s each: about 30 rounds of 50 in a minute, half the rate limit
    expect(maxInWindow(grants, 60_000)).toBeGreaterThan(1450);
    expect(maxInWindow(grants, 60_000)).toBeLessThanOrEqual(1550);
  });

  it('holds every grant during a pause (a server Retry-After)', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 600, windowMs: 60_000, maxInFlight: 5, clock });
    limiter.pauseFor(7000);
    const { grants } = await simulate(limiter, clock, 10, () => 10);
    expect(Math.min(...grants)).toBeGreaterThanOrEqual(7000);
  });
});

describe('sra load fmp against a server that counts requests per window', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.drop());

  it('stays within the configured rate (25 per 2-second window): no 429, no window over the limit', async () => {
    // a short window stands in for the minute; its margin (400 ms) covers the event-loop
    // pauses of a busy test machine, as the default 1 % (600 ms a minute) covers network jitter
    const server = await startFmpServer({ rateLimit: { limit: 25, windowMs: 2000, retryAfterSeconds: 1 } });
    try {
      const symbols = Array.from({ length: 25 }, (_, i) => `T${i}`);
      const t0 = performance.now();
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_CALLS_PER_MINUTE: '25', FMP_MAX_IN_FLIGHT: '10' }),
        client: { windowMs: 2000, marginMs: 400 },
        datasets: ['profile', 'equity_price'],
        symbols,
        noAnalyticsSymbols: true,
        from: '2024-11-01',
        to: '2024-11-29',
      });
      const secs = (performance.now() - t0) / 1000;
      expect(s.calls).toBe(50);
      expect(s.succeeded).toBe(50);
      expect(server.count(429)).toBe(0);
      expect(server.maxInWindow(2000)).toBeLessThanOrEqual(25);
      // 50 calls at 25 per window: the second 25 wait for the first window (and its margin) to pass
      expect(secs).toBeGreaterThanOrEqual(2.4);
      expect(secs).toBeLessThan(7);
      const { rows } = await db.pool.query(
        `select min(rate_limit_remaining)::int as min, count(*)::int as n from ops.fmp_api_call where task_run_id = $1`,
        [s.taskRunId],
      );
      expect(rows[0].n).toBe(50);
      expect(rows[0].min, 'the server header is recorded').toBeGreaterThanOrEqual(0);
    } finally {
      await server.close();
    }
  });

  it('never has more requests open than FMP_MAX_IN_FLIGHT', async () => {
    const server = await startFmpServer({ latencyMs: 60 });
    try {
      const s = await loadFmp(db.pool, {
        env: fmpEnv(server, { FMP_CALLS_PER_MINUTE: '3000', FMP_MAX_IN_FLIGHT: '4' }),
        datasets: ['profile'],
        symbols: Array.from({ length: 30 }, (_, i) => `C${i}`),
      });
      expect(s.succeeded).toBe(30);
      expect(server.maxConcurrent).toBe(4);
    } finally {
      await server.close();
    }
  });
});
