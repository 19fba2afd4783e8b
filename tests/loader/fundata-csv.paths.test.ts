// Paths that hold nothing to land get one clear line and a non-zero exit: a
// path that does not exist or is not a file or folder (a FIFO, a device) is a
// usage error (2), before anything lands; an empty folder lands nothing (1);
// a FIFO or socket named *.csv inside a folder fails alone (3 beside landed files).
// Nothing waits on a FIFO.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { QUOTES_HEADER, count, quoteLines, runCli, tempDir, writeCsv } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv paths that hold nothing to land', () => {
  let db: TestDb;
  let tmp: ReturnType<typeof tempDir>;
  let socket: net.Server | undefined;
  const load = (...paths: string[]) => runCli(['load', 'fundata-csv', ...paths], { DATABASE_URL: db.url });
  const lines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '');
  const errors = (stderr: string) => lines(stderr).filter((l) => / error /.test(l));

  beforeAll(async () => {
    db = await freshDb();
    tmp = tempDir('paths');
  });
  afterAll(async () => {
    socket?.close();
    tmp?.cleanup();
    await db?.drop();
  });

  it('names a path that does not exist in one line and exits 2', async () => {
    const missing = path.join(tmp.dir, 'quotes', 'nope.csv');
    const r = await load(missing);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(new RegExp(` error ${missing}: no such file or folder$`))]);
  });

  it('says "no such file or folder" for a path through a file, never ENOTDIR', async () => {
    const file = writeCsv(tmp.dir, 'quotes/real.csv', [QUOTES_HEADER, ...quoteLines(2)]);
    const r = await load(path.join(file, 'inner.csv'));
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/real\.csv\/inner\.csv: no such file or folder$/)]);
    expect(r.stderr).not.toMatch(/ENOTDIR/);
    expect(await count(db.pool, `select count(*) as n from raw.batch`)).toBe(0);
  });

  it('refuses a FIFO given by name without waiting on it, and a device, with exit 2', async () => {
    const fifo = path.join(tmp.dir, 'quotes', 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const r = await load(fifo);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/pipe\.csv: a FIFO \(named pipe\), not a CSV file or folder$/)]);
    const dev = await runCli(['load', 'fundata-csv', '--dataset', 'fundata.quotes', '/dev/null'], { DATABASE_URL: db.url });
    expect(dev.code).toBe(2);
    expect(lines(dev.stderr)).toEqual([expect.stringMatching(/\/dev\/null: a character device, not a CSV file or folder$/)]);
    fs.rmSync(fifo);
  });

  it('says an empty folder has nothing to land, in one line, and exits 1', async () => {
    const empty = path.join(tmp.dir, 'empty', 'quotes');
    fs.mkdirSync(empty, { recursive: true });
    const r = await load(empty);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toEqual([expect.stringMatching(/empty\/quotes: nothing to land: no \*\.csv file in this folder$/)]);
  });

  it('fails a FIFO or socket named *.csv inside a folder alone, without waiting on it, and lands the other files (exit 3)', async () => {
    const dir = path.join(tmp.dir, 'mixed');
    writeCsv(dir, 'quotes/b-real.csv', [QUOTES_HEADER, ...quoteLines(3, '7001')]);
    execFileSync('mkfifo', [path.join(dir, 'quotes', 'a-pipe.csv')]);
    socket = net.createServer();
    await new Promise<void>((resolve) => socket!.listen(path.join(dir, 'quotes', 'c-socket.csv'), resolve));
    const r = await load(dir);
    expect(r.code).toBe(3);
    expect(errors(r.stderr)).toEqual([
      expect.stringMatching(/rejected .*a-pipe\.csv: a FIFO \(named pipe\), not a regular file: nothing to land$/),
      expect.stringMatching(/rejected .*c-socket\.csv: a socket, not a regular file: nothing to land$/),
    ]);
    expect(r.stderr).toMatch(/fundata-csv: 1 landed \(3 rows, 0 rejected rows kept\), 0 skipped, 2 failed/);
    const { rows } = await db.pool.query(`select file_path, status from ops.file_tracker where status = 'failed' order by file_path`);
    expect(rows.map((x) => [path.basename(x.file_path), x.status])).toEqual([
      ['a-pipe.csv', 'failed'],
      ['c-socket.csv', 'failed'],
    ]);
  });

  it('exits 1 when the only file of a folder is a FIFO', async () => {
    const dir = path.join(tmp.dir, 'only-fifo', 'quotes');
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'x.csv')]);
    const r = await load(dir);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toEqual([expect.stringMatching(/x\.csv: a FIFO \(named pipe\), not a regular file: nothing to land$/)]);
  });
});
