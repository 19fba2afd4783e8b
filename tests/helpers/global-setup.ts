// Builds the migrated template database that every test file clones
// (tests/helpers/db.ts). TEST_DATABASE_URL (set by `make test`) or
// DATABASE_URL names the server; the local cluster otherwise.
import pg from 'pg';
import { makePool } from '../../loader/lib/db.ts';
import { runMigrations, applyDefinitions } from '../../loader/migrate.ts';
import { serverUrl, TEMPLATE_DB, withDb } from './urls.ts';

export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  await admin.query(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
    [TEMPLATE_DB],
  );
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const url = withDb(TEMPLATE_DB);
  await runMigrations(url);
  const pool = makePool(url, 1);
  await applyDefinitions(pool);
  await pool.end();
}
