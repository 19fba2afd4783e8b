// Without DATABASE_URL, sra starts an embedded PostgreSQL (loader/lib/embedded.ts).
// When that server cannot start, the command says why and what to do in one
// line and exits 2 — never an unhandled 'error' event or a stack trace. When it
// can, it starts from a private folder, keeps the caller's secrets out of the
// server's environment, and leaves nothing running once stopped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runCli } from '../fixtures/fundata/fixtures.ts';
import { startEmbedded } from '../../loader/lib/embedded.ts';

const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    // root keeps the data of a private folder elsewhere, linked from pgdata
    const link = path.join(d, '.sra', 'pgdata');
    if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink())
      fs.rmSync(path.dirname(fs.readlinkSync(link)), { recursive: true, force: true });
    fs.rmSync(d, { recursive: true, force: true });
  }
});

/** A private temp folder (mode 700, as mkdtemp makes it). */
function privateDir(label: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `sra-embedded-${label}-`));
  dirs.push(d);
  return d;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** `sra migrate` without DATABASE_URL. */
const migrate = (env: Record<string, string>) => runCli(['migrate'], { DATABASE_URL: '', ...env });

/** The command failed cleanly: exit 2, one error line, no stack trace. */
function oneErrorLine(r: { code: number | null; stdout: string; stderr: string }): string {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/Unhandled|^\s+at /m);
  const errors = r.stderr.split('\n').filter((l) => / error /.test(l));
  expect(errors).toHaveLength(1);
  expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(errors[0]);
  return errors[0]!;
}

describe('embedded PostgreSQL start', () => {
  it('says the port is taken, names SRA_EMBEDDED_PORT and exits 2 when something listens on it', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const r = await migrate({ SRA_DATA_DIR: path.join(privateDir('port'), '.sra'), SRA_EMBEDDED_PORT: String(port) });
      expect(oneErrorLine(r)).toMatch(
        new RegExp(`error embedded PostgreSQL: port ${port} on 127\\.0\\.0\\.1 is already in use: .*SRA_EMBEDDED_PORT.*DATABASE_URL`),
      );
    } finally {
      taken.close();
    }
  }, 180_000);

  it('says which server binary it cannot execute, and exits 2, when the binaries are missing or not executable', async () => {
    const bin = privateDir('bin');
    fs.chmodSync(bin, 0o755);
    fs.writeFileSync(path.join(bin, 'initdb'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    fs.writeFileSync(path.join(bin, 'postgres'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    for (const dir of [bin, path.join(bin, 'missing')]) {
      const r = await migrate({
        SRA_DATA_DIR: path.join(privateDir('data'), '.sra'),
        SRA_EMBEDDED_PORT: String(await freePort()),
        SRA_POSTGRES_BIN_DIR: dir,
      });
      expect(oneErrorLine(r)).toMatch(new RegExp(`error embedded PostgreSQL: .*cannot execute ${dir}/initdb .*SRA_POSTGRES_BIN_DIR`));
    }
  }, 180_000);

  it('says it may not use the data folder, and exits 2, instead of failing inside the server', async () => {
    const home = privateDir('perm');
    const data = path.join(home, '.sra');
    if (isRoot) {
      // a cluster another user created (an ordinary user's demo, then root in the same clone)
      fs.mkdirSync(path.join(data, 'pgdata'), { recursive: true });
      fs.writeFileSync(path.join(data, 'pgdata', 'PG_VERSION'), '15\n');
      for (const d of [home, data]) fs.chmodSync(d, 0o755);
      fs.chownSync(path.join(data, 'pgdata'), 65534, 65534);
    } else {
      fs.chmodSync(home, 0o555);
    }
    const r = await migrate({ SRA_DATA_DIR: data, SRA_EMBEDDED_PORT: String(await freePort()) });
    if (!isRoot) fs.chmodSync(home, 0o700);
    expect(oneErrorLine(r)).toMatch(
      isRoot
        ? new RegExp(
            `error embedded PostgreSQL: ${data}/pgdata belongs to uid 65534, not to "postgres" who runs the server: .*SRA_DATA_DIR`,
          )
        : new RegExp(`error embedded PostgreSQL: cannot create ${data} \\(EACCES\\): set SRA_DATA_DIR`),
    );
  }, 180_000);

  it("quotes the server's own reason, and exits 2, when the server exits before accepting connections", async () => {
    // a cluster folder without its configuration: the server itself refuses it
    const home = privateDir('broken');
    const pgdata = path.join(home, '.sra', 'pgdata');
    fs.mkdirSync(pgdata, { recursive: true });
    for (const d of [home, path.dirname(pgdata)]) fs.chmodSync(d, 0o755);
    fs.chmodSync(pgdata, 0o700);
    fs.writeFileSync(path.join(pgdata, 'PG_VERSION'), '15\n');
    if (isRoot) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
      for (const f of [pgdata, path.join(pgdata, 'PG_VERSION')]) fs.chownSync(f, id('-u'), id('-g'));
    }
    const r = await migrate({ SRA_DATA_DIR: path.dirname(pgdata), SRA_EMBEDDED_PORT: String(await freePort()) });
    expect(oneErrorLine(r)).toMatch(
      /error embedded PostgreSQL: the server did not start: .*could not access the server configuration file .*postgresql\.conf.* — fix that, or set DATABASE_URL/,
    );
  }, 180_000);

  it('starts from a private folder, keeps secrets out of the server environment, and stops leaving the port free', async () => {
    const home = privateDir('start');
    const port = await freePort();
    process.env.FMP_API_KEY = 'fmp-secret-in-the-callers-environment';
    try {
      const server = await startEmbedded({ dataDir: path.join(home, '.sra'), port });
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ db: string; pid: number; enc: string }>(
          `select current_database() as db, pg_backend_pid() as pid, pg_encoding_to_char(encoding) as enc from pg_database where datname = current_database()`,
        );
        expect(rows[0]).toMatchObject({ db: 'sra', enc: 'UTF8' });
        const environ = fs.readFileSync(`/proc/${rows[0]!.pid}/environ`, 'utf8');
        expect(environ).not.toContain('fmp-secret-in-the-callers-environment');
        if (isRoot) expect(fs.statSync(`/proc/${rows[0]!.pid}`).uid).not.toBe(0);
      } finally {
        await client.end();
      }
      expect(fs.existsSync(path.join(home, '.sra', 'pgdata', 'PG_VERSION'))).toBe(true);
      await server.stop();
      expect(await portFree(port)).toBe(true);
    } finally {
      delete process.env.FMP_API_KEY;
    }
  }, 180_000);
});
