// A fresh, migrated database per test file: cloned from the template built by
// global-setup.ts, dropped afterwards. Real PostgreSQL, no mocks.
import pg from 'pg';
import { inject } from 'vitest';
import { makePool } from '../../loader/lib/db.ts';
import { serverUrl, withDb } from './urls.ts';

export interface TestDb {
  name: string;
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

let counter = 0;

export async function freshDb(): Promise<TestDb> {
  const TEMPLATE_DB = inject('templateDb');
  const name = `sra_t_${process.pid}_${Date.now() % 100000}_${counter++}`;
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  // the template may be briefly busy while another worker clones it
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
      break;
    } catch (err) {
      if (attempt > 50 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const url = withDb(name);
  const pool = makePool(url, 6);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      const a = new pg.Client({ connectionString: serverUrl('postgres') });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
