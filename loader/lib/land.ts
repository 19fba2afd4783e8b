// Landing (DESIGN §3): one batch per CSV file or API response, streamed with
// COPY into raw.record inside one transaction. Nothing is typed, rounded or
// exploded here. A batch is visible only once committed; a file whose SHA-256
// already landed for the dataset is skipped unless forced; the same file
// landing twice at once lands once (advisory lock on dataset + hash).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { Transform, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import { redactValue } from './redact.ts';

export class RejectedFileError extends Error {
  override name = 'RejectedFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export type LandStatus = 'landed' | 'skipped' | 'lfs_pointer' | 'failed';

export interface LandResult {
  file: string;
  dataset: string;
  status: LandStatus;
  batchId?: number;
  rows: number;
  rejected: number;
  bytes: number;
  sha256?: string;
  ms: number;
  message?: string;
}

export interface CsvLandOptions {
  file: string;
  dataset: string;
  source: 'fundata' | 'fmp';
  origin: 'csv' | 'api';
  /** The request that produced the file (API): stored with secrets removed. */
  request?: Record<string, unknown>;
  /** Name recorded as the batch's file (defaults to the file's base name). */
  fileName?: string;
  /** Path shown in messages and kept in ops.file_tracker (defaults to the file's path): API downloads land from temporary files. */
  displayPath?: string;
  force?: boolean;
  taskRunId?: number;
  onProgress?: (rows: number, bytes: number) => void;
}

const LFS_PREFIX = 'version https://git-lfs.github.com/spec/v1';

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function isLfsPointer(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(LFS_PREFIX.length + 3);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').startsWith(LFS_PREFIX);
  } finally {
    fs.closeSync(fd);
  }
}

/** Escape a text value for COPY's text format. */
function copyText(s: string): string {
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

interface Rejected {
  line: number;
  raw: string;
  reason: string;
}

/**
 * CSV rows → COPY text lines (batch_id, line, payload). The first record is the
 * header; each later record becomes a JSON object keyed by it, values untouched.
 * Rows that cannot be read faithfully (column count, invalid UTF-8, NUL bytes)
 * go to `rejected` with their raw text; empty lines are skipped.
 */
class CsvToCopy extends Transform {
  private keys: string[] | undefined;
  private line = 1;
  private buf = '';
  rows = 0;
  readonly rejected: Rejected[] = [];

  constructor(
    private readonly batchId: number,
    private readonly file: string,
  ) {
    super({ writableObjectMode: true, readableObjectMode: false, writableHighWaterMark: 2048 });
  }

  override _transform(rec: { record: string[]; raw: string }, _enc: BufferEncoding, done: (e?: Error) => void): void {
    const line = this.line;
    const raw = rec.raw;
    let nl = 0;
    for (let i = raw.indexOf('\n'); i >= 0 && i < raw.length - 1; i = raw.indexOf('\n', i + 1)) nl++;
    this.line += 1 + nl;
    const fields = rec.record;
    if (fields.length === 1 && fields[0] === '') return done(); // empty line
    if (!this.keys) {
      this.keys = fields.map((k) => JSON.stringify(k.trim()));
      if (!fields.some((k) => k.trim() !== '')) return done(new RejectedFileError(this.file, line, 'the header row is empty'));
      return done();
    }
    const trimmedRaw = raw.replace(/\r?\n$/, '').replace(/\r$/, '');
    if (fields.length !== this.keys.length) {
      this.rejected.push({ line, raw: trimmedRaw, reason: `expected ${this.keys.length} fields, found ${fields.length}` });
      return done();
    }
    let json = '{';
    for (let i = 0; i < fields.length; i++) {
      json += (i ? ',' : '') + this.keys[i] + ':' + JSON.stringify(fields[i]);
    }
    json += '}';
    if (json.includes('\uFFFD')) {
      this.rejected.push({ line, raw: trimmedRaw, reason: 'bytes that are not valid UTF-8' });
      return done();
    }
    if (json.includes('\\u0000')) {
      this.rejected.push({ line, raw: trimmedRaw.replace(/\0/g, '\\0'), reason: 'a NUL byte' });
      return done();
    }
    this.rows++;
    this.buf += this.batchId + '\t' + line + '\t' + json.replace(/\\/g, '\\\\') + '\n';
    if (this.buf.length > 1 << 16) {
      this.push(this.buf);
      this.buf = '';
    }
    done();
  }

  override _flush(done: (e?: Error) => void): void {
    if (this.buf) this.push(this.buf);
    this.buf = '';
    done();
  }
}

/**
 * The line and an operator's reason for a parse error. csv-parse reports an
 * unclosed quote at the end of the file, so the file is read again (only on
 * this failure path) to find the line where the quoted field opens.
 */
async function describeCsvError(file: string, err: CsvError): Promise<{ line: number; reason: string }> {
  const e = err as CsvError & { lines?: number; field?: string; index?: number };
  const line = e.lines ?? 0;
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = /got "(.*?)" at line/.exec(err.message)?.[1];
      return { line, reason: `a closing quote is followed by ${got ? `"${got}"` : 'a character'} instead of a comma or the end of the line` };
    }
    case 'INVALID_OPENING_QUOTE':
      return { line, reason: `a quote inside an unquoted field (field ${(e.index ?? 0) + 1})` };
    case 'CSV_QUOTE_NOT_CLOSED': {
      let last = 0;
      const scan = fs.createReadStream(file, { highWaterMark: 1 << 16 }).pipe(parse({ bom: true, relax_column_count: true, info: true }));
      try {
        for await (const rec of scan as AsyncIterable<{ info: { lines: number } }>) last = rec.info.lines;
      } catch {
        // the same error again: `last` is the line the last complete record ended on
      }
      return { line: last + 1, reason: 'a quoted field opens here and is never closed' };
    }
    default:
      return { line, reason: err.message };
  }
}

async function recordFile(
  db: pg.Pool | pg.PoolClient,
  r: LandResult,
  filePath: string,
  size: number,
  error?: string,
): Promise<void> {
  if (!r.sha256) r.sha256 = 'lfs-pointer:' + crypto.createHash('sha256').update(filePath).digest('hex');
  await db.query(
    `insert into ops.file_tracker as f (file_path, dataset, sha256, file_size, records, rejected, status, last_batch_id, last_error)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (file_path, sha256) do update set
       last_processed_at = now(), process_count = f.process_count + 1, status = excluded.status,
       records = coalesce(excluded.records, f.records), rejected = coalesce(excluded.rejected, f.rejected),
       last_batch_id = coalesce(excluded.last_batch_id, f.last_batch_id), last_error = excluded.last_error,
       dataset = excluded.dataset, file_size = excluded.file_size`,
    [filePath, r.dataset, r.sha256, size, r.status === 'landed' ? r.rows : null, r.status === 'landed' ? r.rejected : null,
      r.status, r.batchId ?? null, error ?? null],
  );
}

/** Land one CSV file as one batch. Never throws for a bad file: the result says why. */
export async function landCsvFile(pool: pg.Pool, o: CsvLandOptions): Promise<LandResult> {
  const t0 = performance.now();
  const stat = fs.statSync(o.file);
  const displayPath = o.displayPath ?? (path.relative(process.cwd(), o.file) || o.file);
  const base: LandResult = { file: displayPath, dataset: o.dataset, status: 'failed', rows: 0, rejected: 0, bytes: stat.size, ms: 0 };
  const finish = async (r: LandResult, error?: string) => {
    r.ms = performance.now() - t0;
    await recordFile(pool, r, displayPath, stat.size, error);
    return r;
  };

  if (isLfsPointer(o.file)) {
    return finish({ ...base, status: 'lfs_pointer', message: `${displayPath} is a Git LFS pointer, not CSV data: run "git lfs pull"` });
  }
  const sha256 = await sha256File(o.file);
  const already = async (db: pg.Pool | pg.PoolClient) =>
    (await db.query<{ batch_id: string }>(
      `select batch_id from raw.batch where dataset = $1 and sha256 = $2 and status = 'landed' order by batch_id desc limit 1`,
      [o.dataset, sha256],
    )).rows[0];
  if (!o.force) {
    const prev = await already(pool);
    if (prev) {
      return finish({ ...base, sha256, status: 'skipped', batchId: Number(prev.batch_id), message: `${displayPath} already landed as batch ${prev.batch_id} (same SHA-256); use --force to land it again` });
    }
  }

  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('sra.land'), hashtext($1 || ':' || $2))`, [o.dataset, sha256]);
    if (!o.force) {
      const prev = await already(client);
      if (prev) {
        await client.query('rollback');
        return finish({ ...base, sha256, status: 'skipped', batchId: Number(prev.batch_id), message: `${displayPath} was landed by a concurrent load as batch ${prev.batch_id}` });
      }
    }
    const { rows } = await client.query<{ batch_id: string }>(
      `insert into raw.batch (source, dataset, origin, format, request, file_name, file_size, sha256, status, task_run_id, started_at)
       values ($1, $2, $3, 'csv_row', $4, $5, $6, $7, 'landed', $8, now()) returning batch_id`,
      [o.source, o.dataset, o.origin, o.request ? redactValue(o.request) : null, o.fileName ?? path.basename(o.file), stat.size, sha256, o.taskRunId ?? null],
    );
    const batchId = Number(rows[0]!.batch_id);
    const toCopy = new CsvToCopy(batchId, displayPath);
    const copy = client.query(copyFrom('copy raw.record (batch_id, line, payload) from stdin'));
    let bytes = 0;
    const source = fs.createReadStream(o.file, { highWaterMark: 1 << 20 });
    if (o.onProgress) {
      source.on('data', (chunk) => {
        bytes += chunk.length;
      });
    }
    const tick = o.onProgress ? setInterval(() => o.onProgress!(toCopy.rows, bytes), 250) : undefined;
    try {
      await pipeline(source, parse({ bom: true, relax_column_count: true, raw: true }), toCopy, copy);
    } catch (err) {
      if (err instanceof CsvError) {
        const { line, reason } = await describeCsvError(o.file, err);
        throw new RejectedFileError(displayPath, line, `${reason} (broken quoting: the file is rejected whole, nothing landed)`);
      }
      throw err;
    } finally {
      if (tick) clearInterval(tick);
    }
    o.onProgress?.(toCopy.rows, stat.size);
    if (toCopy.rejected.length) {
      const rej = client.query(copyFrom('copy raw.rejected_row (batch_id, line, raw_text, reason) from stdin'));
      await pipeline(
        Readable.from(toCopy.rejected.map((r) => `${batchId}\t${r.line}\t${copyText(r.raw)}\t${copyText(r.reason)}\n`)),
        rej,
      );
    }
    await client.query(`update raw.batch set row_count = $2, rejected_count = $3, landed_at = clock_timestamp() where batch_id = $1`, [
      batchId,
      toCopy.rows,
      toCopy.rejected.length,
    ]);
    await client.query('commit');
    const r: LandResult = { ...base, sha256, status: 'landed', batchId, rows: toCopy.rows, rejected: toCopy.rejected.length };
    if (r.rejected) {
      const first = toCopy.rejected[0]!;
      r.message = `${r.rejected} row(s) kept in raw.rejected_row, e.g. ${displayPath}:${first.line}: ${first.reason}`;
    }
    return finish(r);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    const message = err instanceof RejectedFileError ? err.message : `${displayPath}: ${(err as Error).message}`;
    return finish({ ...base, sha256, status: 'failed', message }, message);
  } finally {
    client.release();
  }
}

/** Land one API response (a JSON document) as one batch: raw.record line 1 holds it whole. */
export async function landJsonDocument(
  pool: pg.Pool,
  o: {
    source: 'fundata' | 'fmp';
    dataset: string;
    request: Record<string, unknown>;
    httpStatus: number;
    body: unknown;
    /** The response body as received (JSON text): stored instead of re-serialising body, so numbers keep every digit. */
    text?: string;
    taskRunId?: number;
  },
): Promise<{ batchId: number }> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const text = o.text ?? JSON.stringify(o.body);
    const { rows } = await c.query<{ batch_id: string }>(
      `insert into raw.batch (source, dataset, origin, format, request, http_status, file_size, sha256, row_count, status, task_run_id)
       values ($1, $2, 'api', 'json', $3, $4, $5, $6, 1, 'landed', $7) returning batch_id`,
      [o.source, o.dataset, redactValue(o.request), o.httpStatus, Buffer.byteLength(text), crypto.createHash('sha256').update(text).digest('hex'), o.taskRunId ?? null],
    );
    const batchId = Number(rows[0]!.batch_id);
    await c.query(`insert into raw.record (batch_id, line, payload) values ($1, 1, $2::jsonb)`, [batchId, text]);
    await c.query('commit');
    return { batchId };
  } catch (err) {
    await c.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
