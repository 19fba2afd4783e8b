// Builds the migrated template database that every test file clones
// (tests/helpers/db.ts), named per run so concurrent runs never collide, and
// drops it at the end. TEST_DATABASE_URL (set by `make test`) or DATABASE_URL
// names the server; the local cluster otherwise.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { makePool } from '../../loader/lib/db.ts';
import { runMigrations, applyDefinitions } from '../../loader/migrate.ts';
import { serverUrl, withDb } from './urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `sra_tpl_${process.pid}`;
  await admin(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  const url = withDb(name);
  await runMigrations(url);
  const pool = makePool(url, 1);
  await applyDefinitions(pool);
  await pool.end();
  project.provide('templateDb', name);
  return async () => {
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  };
}
