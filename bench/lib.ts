// What every benchmark shares: its scratch databases live on
// BENCH_DATABASE_URL's (or DATABASE_URL's) server, the local cluster otherwise.
import fs from 'node:fs';
import path from 'node:path';
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

const BENCHMARKS = new URL('../docs/BENCHMARKS.md', import.meta.url).pathname;

/**
 * Replace the section between `start` and `end` of docs/BENCHMARKS.md with
 * `body` (which carries both markers), or append it when the file has none.
 */
export function writeBenchSection(start: string, end: string, body: string): void {
  const text = fs.existsSync(BENCHMARKS)
    ? fs.readFileSync(BENCHMARKS, 'utf8')
    : '# Benchmarks\n\nFigures written by `make bench` on the machine named in each section.\n';
  const between = new RegExp(`${start}[\\s\\S]*?${end}`);
  fs.writeFileSync(BENCHMARKS, text.includes(start) ? text.replace(between, () => body) : `${text.trimEnd()}\n\n${body}\n`);
  console.log(`written to ${path.relative(process.cwd(), BENCHMARKS)}`);
}
