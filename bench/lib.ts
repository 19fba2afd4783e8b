// What every benchmark shares: its scratch databases live on
// BENCH_DATABASE_URL's (or DATABASE_URL's) server, the local cluster otherwise.
import pg from 'pg';

const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the benchmark server. */
export function withDb(name: string): string {
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

/** Run one statement on the server's postgres database (create/drop the scratch database). */
export async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDb('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The p-th percentile (nearest rank) of ascending values. */
export const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
