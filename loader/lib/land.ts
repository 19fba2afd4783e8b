// Landing (DESIGN §3): one batch per CSV file or API response, streamed with
// COPY into raw.record inside one transaction. Nothing is typed, rounded or
// exploded here. A batch is visible only once committed; a file whose SHA-256
// already landed for the dataset is skipped unless forced; the same file
// landing twice at once lands once (advisory lock on dataset + hash).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { isUtf8 } from 'node:buffer';
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
  source: 'fundata' | 'fmp' | 'positions';
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

/**
 * Read size of the landing streams. csv-parse joins each chunk with the tail of
 * the previous one (a fresh Buffer each time): with 1 MiB chunks that garbage
 * piled up as ~70 MB of external memory before V8 collected it; 64 KiB chunks
 * keep it near 4 MB at the same speed.
 */
const READ_CHUNK = 1 << 16;

/** SHA-256 of a file, read through one reused buffer (no garbage per chunk). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
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

/** Why a row was kept out: ≥ 0 is the number of fields found (the header has another count). */
const NOT_UTF8 = -1;
const HAS_NUL = -2;

/**
 * Rows kept out of raw.record, as (line, lines spanned, reason code) triples in
 * a growable Int32Array: 12 bytes a row, so even a file whose every row is
 * unreadable stays small. Their raw text is read back from the file afterwards.
 */
class RejectedRows {
  private data = new Int32Array(3 * 64);
  length = 0;
  push(line: number, span: number, code: number): void {
    if (3 * (this.length + 1) > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = 3 * this.length++;
    this.data[at] = line;
    this.data[at + 1] = span;
    this.data[at + 2] = code;
  }
  line(i: number): number {
    return this.data[3 * i]!;
  }
  span(i: number): number {
    return this.data[3 * i + 1]!;
  }
  code(i: number): number {
    return this.data[3 * i + 2]!;
  }
}

/**
 * Passes the file's bytes through and notes whether they are all valid UTF-8
 * so far (native check, 64 KiB at a time; a character split across chunks is
 * checked whole). csv-parse turns invalid bytes into U+FFFD; this tells such a
 * row from one that really holds U+FFFD.
 */
class Utf8Watch extends Transform {
  valid = true;
  private tail: Buffer | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, out?: Buffer) => void): void {
    if (this.valid) {
      const b = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
      // hold back a character cut off at the end of the chunk
      let end = b.length;
      let i = end - 1;
      while (i >= 0 && end - i <= 3 && (b[i]! & 0xc0) === 0x80) i--;
      if (i >= 0 && b[i]! >= 0xc0 && end - i < (b[i]! >= 0xf0 ? 4 : b[i]! >= 0xe0 ? 3 : 2)) end = i;
      this.tail = end < b.length ? Buffer.from(b.subarray(end)) : undefined;
      if (!isUtf8(b.subarray(0, end))) this.valid = false;
    }
    done(null, chunk);
  }

  override _flush(done: (e?: Error | null) => void): void {
    if (this.tail && !isUtf8(this.tail)) this.valid = false;
    done();
  }
}

/**
 * CSV records (arrays of field strings) → COPY text lines (batch_id, line,
 * payload). The first record is the header; each later record becomes a JSON
 * object keyed by it, values untouched. Empty lines are skipped. Rows that
 * cannot be landed faithfully (another number of fields than the header,
 * bytes that are not UTF-8, a NUL byte) are noted in `rejected` by line.
 *
 * Lines: a record starts on the line after the previous one ends; a record
 * spans one line plus the line breaks inside its quoted fields. Only a field
 * that JSON had to escape can hold one, so the common row costs one length
 * comparison per field.
 */
class CsvToCopy extends Transform {
  private keys: string[] | undefined;
  private width = 0;
  private line = 1;
  private buf = '';
  private readonly prefix: string;
  rows = 0;
  readonly rejected = new RejectedRows();

  constructor(
    batchId: number,
    private readonly file: string,
    private readonly utf8: Utf8Watch,
  ) {
    // a few hundred records in flight: they die young, in V8's new space
    super({ writableObjectMode: true, readableObjectMode: false, writableHighWaterMark: 256 });
    this.prefix = batchId + '\t';
  }

  override _transform(fields: string[], _enc: BufferEncoding, done: (e?: Error) => void): void {
    const line = this.line;
    const n = fields.length;
    if (n === 1 && fields[0] === '') {
      this.line++; // an empty line
      return done();
    }
    const keys = this.keys;
    if (!keys) return done(this.header(fields, line));
    let json = '{';
    let escaped = false;
    const m = n < this.width ? n : this.width;
    for (let i = 0; i < m; i++) {
      const f = fields[i]!;
      const q = JSON.stringify(f);
      if (q.length !== f.length + 2) escaped = true;
      json += keys[i] + q;
    }
    let span = 1;
    if (escaped || n !== this.width) {
      for (const f of fields) for (let j = f.indexOf('\n'); j !== -1; j = f.indexOf('\n', j + 1)) span++;
    }
    this.line += span;
    if (n !== this.width) {
      this.rejected.push(line, span, n);
      return done();
    }
    json += '}';
    if (json.indexOf('\uFFFD') !== -1 && !this.utf8.valid) {
      // csv-parse decodes invalid UTF-8 as U+FFFD: the row is not what the file holds
      this.rejected.push(line, span, NOT_UTF8);
      return done();
    }
    if (escaped) {
      if (json.indexOf('\\u0000') !== -1) {
        this.rejected.push(line, span, HAS_NUL); // jsonb cannot hold it
        return done();
      }
      json = json.replace(/\\/g, '\\\\'); // COPY text format
    }
    this.rows++;
    this.buf += this.prefix + line + '\t' + json + '\n';
    if (this.buf.length > 1 << 16) {
      this.push(this.buf);
      this.buf = '';
    }
    done();
  }

  /** The header row: its names, trimmed, become the JSON keys (`"Name":`, first one without a comma). */
  private header(fields: string[], line: number): RejectedFileError | undefined {
    this.line++;
    const names = fields.map((k) => k.trim());
    if (names.every((k) => k === '')) return new RejectedFileError(this.file, line, 'the header row is empty');
    const seen = new Set<string>();
    for (const k of names) {
      if (seen.has(k)) return new RejectedFileError(this.file, line, `the header names the column "${k}" twice`);
      seen.add(k);
    }
    for (const k of names) {
      if (k.includes('\uFFFD') && !this.utf8.valid) return new RejectedFileError(this.file, line, 'the header holds bytes that are not valid UTF-8');
      if (k.includes('\0')) return new RejectedFileError(this.file, line, 'the header holds a NUL byte');
    }
    this.keys = names.map((k, i) => (i ? ',' : '') + JSON.stringify(k) + ':');
    this.width = names.length;
    return undefined;
  }

  /** The reason a row was kept out, in words. */
  reason(i: number): string {
    const code = this.rejected.code(i);
    if (code === NOT_UTF8) return 'bytes that are not valid UTF-8';
    if (code === HAS_NUL) return 'a NUL byte';
    return `expected ${this.width} fields, found ${code}`;
  }

  get headerSeen(): boolean {
    return this.keys !== undefined;
  }

  override _flush(done: (e?: Error) => void): void {
    if (this.buf) this.push(this.buf);
    this.buf = '';
    done();
  }
}

/**
 * A rejected row's bytes as text: valid UTF-8 as is, every other byte as
 * \xHH, a NUL byte as \0 (a text column holds neither).
 */
export function rawText(bytes: Buffer): string {
  if (isUtf8(bytes) && !bytes.includes(0)) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 1) {
      out += b === 0 ? '\\0' : String.fromCharCode(b);
      i++;
    } else if (len && i + len <= bytes.length && isUtf8(bytes.subarray(i, i + len))) {
      out += bytes.toString('utf8', i, i + len);
      i += len;
    } else {
      out += '\\x' + b.toString(16).toUpperCase().padStart(2, '0');
      i++;
    }
  }
  return out;
}

/**
 * COPY lines for raw.rejected_row: the file is read again and the physical
 * lines of each rejected row (in line order) are taken as they are, without
 * the line break that ends the row.
 */
async function* rejectedCopyLines(file: string, batchId: number, toCopy: CsvToCopy): AsyncGenerator<string> {
  const rej = toCopy.rejected;
  let k = 0;
  let line = 1;
  let parts: Buffer[] = [];
  const emit = () => {
    let bytes = Buffer.concat(parts);
    parts = [];
    let end = bytes.length;
    if (end && bytes[end - 1] === 0x0a) end--;
    if (end && bytes[end - 1] === 0x0d) end--;
    bytes = bytes.subarray(0, end);
    const out = `${batchId}\t${rej.line(k)}\t${copyText(rawText(bytes))}\t${copyText(toCopy.reason(k))}\n`;
    k++;
    return out;
  };
  // one reused buffer: a pass over a large file leaves no garbage behind
  const fh = await fs.promises.open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0 || k >= rej.length) break;
      let pos = 0;
      while (pos < bytesRead && k < rej.length) {
        const found = chunk.indexOf(0x0a, pos);
        const nl = found === -1 || found >= bytesRead ? -1 : found;
        const stop = nl === -1 ? bytesRead : nl + 1;
        const first = rej.line(k);
        if (line >= first && line < first + rej.span(k)) parts.push(Buffer.from(chunk.subarray(pos, stop)));
        if (nl === -1) break;
        if (line === first + rej.span(k) - 1) yield emit();
        line++;
        pos = stop;
      }
    }
  } finally {
    await fh.close();
  }
  if (k < rej.length && parts.length) yield emit(); // the last row of a file without a final line break
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
      const scan = fs.createReadStream(file, { highWaterMark: READ_CHUNK }).pipe(parse({ bom: true, relax_column_count: true, info: true }));
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
  // no content hash (a pointer, an unreadable file): one tracker row per path
  if (!r.sha256) r.sha256 = (r.status === 'lfs_pointer' ? 'lfs-pointer:' : 'unread:') + crypto.createHash('sha256').update(filePath).digest('hex');
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
  const displayPath = o.displayPath ?? (path.relative(process.cwd(), o.file) || o.file);
  let size = 0;
  const base: LandResult = { file: displayPath, dataset: o.dataset, status: 'failed', rows: 0, rejected: 0, bytes: 0, ms: 0 };
  const finish = async (r: LandResult, error?: string) => {
    r.ms = performance.now() - t0;
    await recordFile(pool, r, displayPath, size, error);
    return r;
  };

  // a file that vanished or cannot be read (a dangling link, permissions) fails alone
  let sha256: string;
  try {
    size = base.bytes = fs.statSync(o.file).size;
    if (isLfsPointer(o.file)) {
      return finish({ ...base, status: 'lfs_pointer', message: `${displayPath} is a Git LFS pointer, not CSV data: run "git lfs pull"` });
    }
    sha256 = await sha256File(o.file);
  } catch (err) {
    const message = `${displayPath}: cannot read the file: ${(err as Error).message}`;
    return finish({ ...base, message }, message);
  }
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
      [o.source, o.dataset, o.origin, o.request ? redactValue(o.request) : null, o.fileName ?? path.basename(o.file), size, sha256, o.taskRunId ?? null],
    );
    const batchId = Number(rows[0]!.batch_id);
    const utf8 = new Utf8Watch();
    const toCopy = new CsvToCopy(batchId, displayPath, utf8);
    const copy = client.query(copyFrom('copy raw.record (batch_id, line, payload) from stdin'));
    let bytes = 0;
    const source = fs.createReadStream(o.file, { highWaterMark: READ_CHUNK });
    if (o.onProgress) {
      source.on('data', (chunk) => {
        bytes += chunk.length;
      });
    }
    const tick = o.onProgress ? setInterval(() => o.onProgress!(toCopy.rows, bytes), 250) : undefined;
    try {
      await pipeline(source, utf8, parse({ bom: true, relax_column_count: true }), toCopy, copy);
    } catch (err) {
      if (err instanceof CsvError) {
        const { line, reason } = await describeCsvError(o.file, err);
        throw new RejectedFileError(displayPath, line, `${reason} (broken quoting: the file is rejected whole, nothing landed)`);
      }
      throw err;
    } finally {
      if (tick) clearInterval(tick);
    }
    if (!toCopy.headerSeen) throw new RejectedFileError(displayPath, 1, 'the file is empty: no header row');
    o.onProgress?.(toCopy.rows, size);
    if (toCopy.rejected.length) {
      const rej = client.query(copyFrom('copy raw.rejected_row (batch_id, line, raw_text, reason) from stdin'));
      await pipeline(Readable.from(rejectedCopyLines(o.file, batchId, toCopy)), rej);
    }
    await client.query(`update raw.batch set row_count = $2, rejected_count = $3, landed_at = clock_timestamp() where batch_id = $1`, [
      batchId,
      toCopy.rows,
      toCopy.rejected.length,
    ]);
    await client.query('commit');
    const r: LandResult = { ...base, sha256, status: 'landed', batchId, rows: toCopy.rows, rejected: toCopy.rejected.length };
    if (r.rejected) {
      r.message = `${r.rejected} row(s) kept in raw.rejected_row, e.g. ${displayPath}:${toCopy.rejected.line(0)}: ${toCopy.reason(0)}`;
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

/**
 * Land one JSON file (an array of records) as one batch, origin 'file': like
 * an API response, raw.record line 1 holds the document whole and the
 * transform reads its elements. Skipped when the same SHA-256 already landed
 * for the dataset (unless forced); a file that is not valid JSON is rejected
 * whole. Never throws for a bad file: the result says why.
 */
export async function landJsonFile(
  pool: pg.Pool,
  o: { file: string; dataset: string; source: 'positions'; force?: boolean; taskRunId?: number },
): Promise<LandResult> {
  const t0 = performance.now();
  const displayPath = path.relative(process.cwd(), o.file) || o.file;
  const base: LandResult = { file: displayPath, dataset: o.dataset, status: 'failed', rows: 0, rejected: 0, bytes: 0, ms: 0 };
  const finish = async (r: LandResult, error?: string) => {
    r.ms = performance.now() - t0;
    await recordFile(pool, r, displayPath, base.bytes, error);
    return r;
  };
  let text: string;
  let sha256: string;
  try {
    const bytes = fs.readFileSync(o.file);
    base.bytes = bytes.length;
    if (!isUtf8(bytes)) return finish({ ...base, message: `${displayPath}:1: bytes that are not valid UTF-8 (the file is rejected whole, nothing landed)` });
    sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const message = `${displayPath}: cannot read the file: ${(err as Error).message}`;
    return finish({ ...base, message }, message);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = `${displayPath}:1: not valid JSON: ${(err as Error).message} (the file is rejected whole, nothing landed)`;
    return finish({ ...base, sha256, message }, message);
  }
  if (!Array.isArray(doc)) {
    const message = `${displayPath}:1: expected a JSON array of records (the file is rejected whole, nothing landed)`;
    return finish({ ...base, sha256, message }, message);
  }
  if (text.includes('\\u0000')) {
    const message = `${displayPath}:1: a NUL character (\\u0000) cannot be stored (the file is rejected whole, nothing landed)`;
    return finish({ ...base, sha256, message }, message);
  }
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('sra.land'), hashtext($1 || ':' || $2))`, [o.dataset, sha256]);
    if (!o.force) {
      const { rows: prev } = await client.query<{ batch_id: string }>(
        `select batch_id from raw.batch where dataset = $1 and sha256 = $2 and status = 'landed' order by batch_id desc limit 1`,
        [o.dataset, sha256],
      );
      if (prev[0]) {
        await client.query('rollback');
        return finish({ ...base, sha256, status: 'skipped', batchId: Number(prev[0].batch_id), message: `${displayPath} already landed as batch ${prev[0].batch_id} (same SHA-256); use --force to land it again` });
      }
    }
    const { rows } = await client.query<{ batch_id: string }>(
      `insert into raw.batch (source, dataset, origin, format, file_name, file_size, sha256, row_count, status, task_run_id, started_at, landed_at)
       values ($1, $2, 'file', 'json', $3, $4, $5, $6, 'landed', $7, now(), clock_timestamp()) returning batch_id`,
      [o.source, o.dataset, path.basename(o.file), base.bytes, sha256, doc.length, o.taskRunId ?? null],
    );
    const batchId = Number(rows[0]!.batch_id);
    await client.query(`insert into raw.record (batch_id, line, payload) values ($1, 1, $2::jsonb)`, [batchId, text]);
    await client.query('commit');
    return finish({ ...base, sha256, status: 'landed', batchId, rows: doc.length });
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    const message = `${displayPath}: ${(err as Error).message}`;
    return finish({ ...base, sha256, status: 'failed', message }, message);
  } finally {
    client.release();
  }
}
