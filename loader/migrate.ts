// `sra migrate`: forward-only migrations (node-pg-migrate, SQL files), then the
// transform definitions (transforms/**.sql, versioned and checksum-tracked),
// then the api views (views/**.sql).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { inTransaction, makePool } from './lib/db.ts';
import { log } from './lib/log.ts';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export class DefinitionError extends Error {
  override name = 'DefinitionError';
}

export interface Definition {
  name: string;
  kind: 'lib' | 'transform' | 'view';
  version: number;
  checksum: string;
  file: string; // relative to the project root
  target: string | null;
  datasets: string[];
  sql: string;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.sql') ? [path.join(dir, d.name)] : []));
}

/** Parse a definition file's header comments (`-- key: value`). */
export function readDefinition(file: string, root = ROOT): Definition {
  const sql = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const header: Record<string, string> = {};
  for (const line of sql.split('\n')) {
    const m = /^--\s*([a-z]+):\s*(.+?)\s*$/.exec(line);
    if (m) header[m[1]!] ??= m[2]!;
    else if (line.trim() && !line.startsWith('--')) break;
  }
  const rel = path.relative(root, file);
  const kind = header.transform ? 'transform' : header.view ? 'view' : header.definition ? 'lib' : undefined;
  if (!kind) throw new DefinitionError(`${rel}: the header names no "-- transform:", "-- view:" or "-- definition:"`);
  const name = (header.transform ?? header.view ?? header.definition)!;
  const version = kind === 'view' ? 0 : Number(header.version);
  if (kind !== 'view' && !(Number.isInteger(version) && version >= 1)) {
    throw new DefinitionError(`${rel}: "-- version: N" (a whole number from 1) is missing from the header`);
  }
  if (kind === 'transform' && (!header.target || !header.datasets)) {
    throw new DefinitionError(`${rel}: a transform names its "-- target:" and "-- datasets:"`);
  }
  return {
    name,
    kind,
    version,
    checksum: crypto.createHash('sha256').update(sql).digest('hex'),
    file: rel,
    target: header.target ?? (kind === 'view' ? name : null),
    datasets: header.datasets
      ? header.datasets
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    sql,
  };
}

export function listDefinitions(root = ROOT): Definition[] {
  const lib = walk(path.join(root, 'transforms', 'lib'));
  const transforms = walk(path.join(root, 'transforms')).filter((f) => !lib.includes(f));
  const views = walk(path.join(root, 'views'));
  return [...lib, ...transforms, ...views].map((f) => readDefinition(f, root));
}

/**
 * Apply the pending migrations on one connection of the pool, so they run
 * with the pool's timeouts (a database that never answers fails within the
 * connect timeout); a URL gets a one-connection pool with the default ones.
 */
export async function runMigrations(target: string | pg.Pool): Promise<string[]> {
  const pool = typeof target === 'string' ? makePool(target, 1) : target;
  try {
    const client = await pool.connect();
    try {
      const applied = await runner({
        dbClient: client,
        dir: path.join(ROOT, 'migrations'),
        direction: 'up',
        migrationsTable: 'pgmigrations',
        migrationsSchema: 'public',
        checkOrder: true,
        singleTransaction: true,
        log: () => undefined,
        verbose: false,
      });
      return applied.map((m) => m.name);
    } finally {
      client.release();
    }
  } finally {
    if (pool !== target) await pool.end();
  }
}

export interface ApplyResult {
  applied: string[];
  unchanged: number;
  needsRebuild: string[];
}

/** Apply definitions in one transaction; an edited file whose version was not bumped is an error. */
export async function applyDefinitions(pool: pg.Pool, defs = listDefinitions()): Promise<ApplyResult> {
  return inTransaction(pool, async (c) => {
    await c.query(`select pg_advisory_xact_lock(hashtext('sra.definitions'))`);
    const { rows } = await c.query<{ name: string; version: number; checksum: string }>(
      'select name, version, checksum from ops.transform_definition',
    );
    const known = new Map(rows.map((r) => [r.name, r]));
    const result: ApplyResult = { applied: [], unchanged: 0, needsRebuild: [] };

    for (const d of defs.filter((x) => x.kind !== 'view')) {
      const prev = known.get(d.name);
      if (prev && prev.checksum === d.checksum && prev.version === d.version) {
        result.unchanged++;
        continue;
      }
      if (prev && prev.version === d.version) {
        throw new DefinitionError(`${d.file} changed but its version (${d.version}) was not bumped: set "-- version: ${d.version + 1}"`);
      }
      if (prev && prev.version > d.version) {
        throw new DefinitionError(`${d.file}: version ${d.version} is older than the applied version ${prev.version}`);
      }
      await c.query(d.sql);
      const rebuild = Boolean(prev) && d.kind === 'transform';
      await c.query(
        `insert into ops.transform_definition (name, kind, version, checksum, file_path, target, datasets, applied_at, needs_rebuild)
         values ($1, $2, $3, $4, $5, $6, $7, now(), $8)
         on conflict (name) do update set kind = excluded.kind, version = excluded.version,
           checksum = excluded.checksum, file_path = excluded.file_path, target = excluded.target,
           datasets = excluded.datasets, applied_at = now(), needs_rebuild = excluded.needs_rebuild`,
        [d.name, d.kind, d.version, d.checksum, d.file, d.target, d.datasets, rebuild],
      );
      await c.query(`insert into ops.transform_definition_history (name, version, checksum) values ($1, $2, $3) on conflict do nothing`, [
        d.name,
        d.version,
        d.checksum,
      ]);
      result.applied.push(`${d.name} v${d.version}`);
      if (rebuild) result.needsRebuild.push(d.name);
    }

    // Views: when any view changed or is missing, all are recreated, in
    // dependency order (a view whose dependency is not there yet waits a round).
    const views = defs.filter((x) => x.kind === 'view');
    const existing = await c.query<{ name: string }>(`select schemaname || '.' || viewname as name from pg_views where schemaname = 'api'`);
    const have = new Set(existing.rows.map((r) => r.name));
    const stale = views.some((v) => !have.has(v.name) || known.get(v.name)?.checksum !== v.checksum);
    if (stale) {
      for (const name of have) await c.query(`drop view if exists ${name} cascade`);
      let pending = views;
      while (pending.length) {
        const failed: Definition[] = [];
        let lastError: unknown;
        for (const v of pending) {
          await c.query('savepoint view_apply');
          try {
            await c.query(v.sql);
            await c.query('release savepoint view_apply');
          } catch (err) {
            await c.query('rollback to savepoint view_apply');
            failed.push(v);
            lastError = err;
          }
        }
        if (failed.length === pending.length) {
          throw new DefinitionError(`${failed[0]!.file}: ${(lastError as Error).message}`);
        }
        pending = failed;
      }
      for (const v of views) {
        await c.query(
          `insert into ops.transform_definition (name, kind, version, checksum, file_path, target)
           values ($1, 'view', 0, $2, $3, $1)
           on conflict (name) do update set checksum = excluded.checksum, file_path = excluded.file_path, applied_at = now()`,
          [v.name, v.checksum, v.file],
        );
      }
      result.applied.push(`${views.length} api views`);
      await c.query('grant select on all tables in schema api to sra_reader, sra_transformer');
    } else {
      result.unchanged += views.length;
    }
    // the fields each transform reads, noted from its own field lines (docs/SCHEMA-DRIFT.md)
    await c.query(`select ops.learn_stage_fields(array(select name from ops.transform_definition where kind = 'transform'))`);
    return result;
  });
}

export async function migrate(pool: pg.Pool): Promise<ApplyResult & { migrations: string[] }> {
  const migrations = await runMigrations(pool);
  for (const m of migrations) log.info(`migration applied: ${m}`);
  const result = await applyDefinitions(pool);
  for (const a of result.applied) log.info(`definition applied: ${a}`);
  for (const r of result.needsRebuild) {
    log.warn(`transform ${r} has a new version: run "sra transform --rebuild ${r}" to rebuild its target from raw`);
  }
  return { ...result, migrations };
}
