// Landing (docs/ARCHITECTURE.md §3): one batch per CSV file or API response, streamed with
// COPY into raw.stored_record inside one transaction. Nothing is typed, rounded or
// exploded here. A batch is visible only once committed; a file whose SHA-256
// already landed for the dataset is skipped unless forced; the same file
// landing twice at once lands once (advisory lock on dataset + hash).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { Transform, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import { redactValue } from './redact.ts';
import { env } from '../config.ts';

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
  /** Rows not stored again: the same record at the same line of the file's earlier landing (raw.record_ref). */
  referenced?: number;
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
  /** Bounds on one field and one row (default: SRA_MAX_FIELD_BYTES, SRA_MAX_RECORD_BYTES). */
  limits?: Partial<LandLimits>;
}

export interface LandLimits {
  /** A field (as written in the file, quotes included) larger than this keeps its row aside. */
  maxFieldBytes: number;
  /** A row (as written in the file) larger than this is kept aside. */
  maxRecordBytes: number;
}

export function landLimits(): LandLimits {
  const e = env();
  return { maxFieldBytes: e.SRA_MAX_FIELD_BYTES, maxRecordBytes: e.SRA_MAX_RECORD_BYTES };
}

/** How much of an oversized row or document raw.rejected_row keeps: its first bytes. */
export const EXCERPT_BYTES = 4096;

const LFS_PREFIX = 'version https://git-lfs.github.com/spec/v1';

/**
 * Read size of the landing streams. csv-parse joins each chunk with the tail of
 * the previous one (a fresh Buffer each time): with 1 MiB chunks that garbage
 * piled up as ~70 MB of external memory before V8 collected it; 64 KiB chunks
 * keep it near 4 MB at the same speed.
 */
const READ_CHUNK = 1 << 16;

/**
 * SHA-256 and size of an open file, read from its start through one reused
 * buffer (no garbage per chunk). `plain`: every CR in the file is followed by
 * LF, so its rows end at line breaks (LF or CRLF) outside quotes, as CsvLines
 * reads them.
 */
async function hashFile(fh: fs.promises.FileHandle): Promise<{ sha256: string; size: number; plain: boolean }> {
  const hash = crypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  let size = 0;
  let plain = true;
  let crAtEnd = false; // the previous chunk ended with a CR
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, size);
    if (bytesRead === 0) break;
    const chunk = buf.subarray(0, bytesRead);
    hash.update(chunk);
    size += bytesRead;
    if (plain) {
      if (crAtEnd && chunk[0] !== LF) plain = false;
      for (let i = chunk.indexOf(CR); plain && i !== -1 && i < bytesRead - 1; i = chunk.indexOf(CR, i + 1)) {
        if (chunk[i + 1] !== LF) plain = false;
      }
      crAtEnd = chunk[bytesRead - 1] === CR;
    }
  }
  return { sha256: hash.digest('hex'), size, plain };
}

async function isLfsPointer(fh: fs.promises.FileHandle): Promise<boolean> {
  const buf = Buffer.alloc(LFS_PREFIX.length + 3);
  const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
  return buf
    .subarray(0, bytesRead)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .startsWith(LFS_PREFIX);
}

/** What a path is when it is not a regular file ("a FIFO (named pipe)", …); undefined for a regular file. */
export function specialKind(st: fs.Stats | fs.BigIntStats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/** Escape a text value for COPY's text format. */
function copyText(s: string): string {
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** Characters that make a CSV value need quoting or COPY escaping, or a NUL (no text column holds one); a comma is counted. */
const SPECIAL = /["\r\n\t\\\0]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The commas in a string. */
function commas(s: string): number {
  let n = 0;
  for (let i = s.indexOf(','); i !== -1; i = s.indexOf(',', i + 1)) n++;
  return n;
}

/** A value as written in a stored CSV line: quoted, its quotes doubled, when it holds a comma, a quote, CR or LF. */
function csvValue(v: string): string {
  return NEEDS_QUOTES.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

/** Where `b` ends without a UTF-8 character cut off at its end. */
function wholeCharsEnd(b: Buffer): number {
  const end = b.length;
  let i = end - 1;
  while (i >= 0 && end - i <= 3 && (b[i]! & 0xc0) === 0x80) i--;
  if (i >= 0 && b[i]! >= 0xc0 && end - i < (b[i]! >= 0xf0 ? 4 : b[i]! >= 0xe0 ? 3 : 2)) return i;
  return end;
}

/** Why a row was kept out: ≥ 0 is the number of fields found (the header has another count). */
const NOT_UTF8 = -1;
const HAS_NUL = -2;
const FIELD_TOO_LARGE = -3;
const RECORD_TOO_LARGE = -4;

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
 * Passes the file's bytes through, hashing (SHA-256) and counting them as they
 * stream, so what landed can be compared with the file that was checked. Also
 * notes whether they are all valid UTF-8 so far (native check, 64 KiB at a
 * time; a character split across chunks is checked whole). csv-parse turns
 * invalid bytes into U+FFFD; this tells such a row from one that really holds
 * U+FFFD.
 */
class SourceWatch extends Transform {
  valid = true;
  bytes = 0;
  private readonly hash = crypto.createHash('sha256');
  private tail: Buffer | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, out?: Buffer) => void): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.valid) {
      const b = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
      // hold back a character cut off at the end of the chunk
      const end = wholeCharsEnd(b);
      this.tail = end < b.length ? Buffer.from(b.subarray(end)) : undefined;
      if (!isUtf8(b.subarray(0, end))) this.valid = false;
    }
    done(null, chunk);
  }

  override _flush(done: (e?: Error | null) => void): void {
    if (this.tail && !isUtf8(this.tail)) this.valid = false;
    done();
  }

  /** SHA-256 of every byte that went through (once the stream ended). */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** A row over a bound: where it starts, how many lines it spans, which bound, and how large it was. */
interface Oversize {
  line: number;
  span: number;
  code: typeof FIELD_TOO_LARGE | typeof RECORD_TOO_LARGE;
  /** field_too_large: the field (0-based) */
  field: number;
  /** the field's or the row's size as written, line break excluded */
  bytes: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // a quote inside a quoted field: its end, or the first of a doubled quote

/**
 * Keeps rows that are too large away from the parser. It follows the file's
 * quoting byte by byte (fields, rows, line breaks inside quoted fields) and
 * knows the size of the current field and row. Once either goes over its
 * bound, the parser gets no more of that row: what it already has of it is
 * ended at once (a closing quote when a quoted field is open, then the row's
 * own line break), the rest is read past up to the row's real end, and the row
 * is noted in `oversize`, to be kept aside with its size. The parser never
 * holds more than one bound's worth of a row, whatever the file holds.
 */
class RecordBounds extends Transform {
  readonly oversize: Oversize[] = [];
  private state = FIELD_START;
  private pos = 0; // file offset of the chunk at hand
  private from = 0; // where the part of the chunk still to pass on starts (-1: none, inside a cut row)
  private recordStart = 0;
  private fieldStart = 0;
  private field = 0;
  private line = 1; // where the current row starts
  private inner = 0; // line breaks inside the current row so far
  private quoteLine = 0; // where the last quoted field opened
  private cut: Oversize | undefined; // the current row, once over a bound
  private cutInQuotes = false; // the parser was inside a quoted field where the row was cut
  private lastByte = 0;

  constructor(
    private readonly file: string,
    private readonly maxField: number,
    private readonly maxRecord: number,
  ) {
    super();
  }

  /** The line where a quoted field opens that is still open at the end of the file (0: none). */
  get openQuoteLine(): number {
    return this.state === QUOTED ? this.quoteLine : 0;
  }

  /** File offset of the first byte past a bound in the current field or row. */
  private limit(): number {
    return this.cut ? Infinity : Math.min(this.fieldStart + this.maxField, this.recordStart + this.maxRecord);
  }

  /**
   * The chunk as runs between quotes. A run that cannot take the current field
   * or row over a bound, or that lies inside a quoted field of a row already
   * cut, is followed with native searches for line breaks and commas; the
   * quotes, and other runs near a bound or inside a cut row, byte by byte.
   */
  override _transform(c: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    const n = c.length;
    this.from = this.cut ? -1 : 0;
    let i = 0;
    while (i < n) {
      const q = c.indexOf(QUOTE, i);
      const end = q === -1 ? n : q;
      if (this.state === QUOTED && (this.cut || this.pos + end <= this.limit())) this.quotedRun(c, i, end);
      else if (this.cut || this.pos + end > this.limit()) this.bytes(c, i, end);
      else this.unquotedRun(c, i, end);
      if (q === -1) break;
      this.bytes(c, q, q + 1);
      i = q + 1;
    }
    if (this.from >= 0 && this.from < n) this.push(this.from ? c.subarray(this.from) : c);
    if (n) this.lastByte = c[n - 1]!;
    this.pos += n;
    done();
  }

  /** c[i, end): inside a quoted field, no quote. */
  private quotedRun(c: Buffer, i: number, end: number): void {
    for (let j = c.indexOf(LF, i); j !== -1 && j < end; j = c.indexOf(LF, j + 1)) this.inner++;
  }

  /** c[i, end): outside quoted fields, no quote: only line breaks (row ends) and commas move the state. */
  private unquotedRun(c: Buffer, i: number, end: number): void {
    if (i >= end) return;
    const lastLf = c.lastIndexOf(LF, end - 1);
    let after = i; // where the last row of the run starts
    if (lastLf >= i) {
      let lfs = 0;
      for (let j = c.indexOf(LF, i); j !== -1 && j <= lastLf; j = c.indexOf(LF, j + 1)) lfs++;
      this.line += this.inner + lfs;
      this.inner = 0;
      this.recordStart = this.fieldStart = this.pos + lastLf + 1;
      this.field = 0;
      this.state = FIELD_START;
      after = lastLf + 1;
    }
    let lastComma = -1;
    for (let j = c.indexOf(COMMA, after); j !== -1 && j < end; j = c.indexOf(COMMA, j + 1)) {
      this.field++;
      lastComma = j;
    }
    if (lastComma !== -1) this.fieldStart = this.pos + lastComma + 1;
    this.state = Math.max(lastLf, lastComma) === end - 1 ? FIELD_START : UNQUOTED;
  }

  /** c[i, end) byte by byte, cutting a row where it goes over a bound. */
  private bytes(c: Buffer, start: number, end: number): void {
    const base = this.pos;
    let limit = this.limit() - base;
    for (let i = start; i < end; i++) {
      const b = c[i]!;
      const st = this.state;
      if (b === LF && st !== QUOTED) {
        // the row ends here
        const cut = this.cut;
        if (cut) {
          const crlf = (i ? c[i - 1] : this.lastByte) === CR;
          const at = base + i - (crlf ? 1 : 0);
          if (cut.code === RECORD_TOO_LARGE) cut.bytes = at - this.recordStart;
          else if (this.field === cut.field) cut.bytes = at - this.fieldStart;
          cut.span = this.inner + 1;
          this.push((this.cutInQuotes ? '"' : '') + (crlf ? '\r\n' : '\n'));
          this.cut = undefined;
          this.from = i + 1;
        }
        this.line += this.inner + 1;
        this.inner = 0;
        this.recordStart = this.fieldStart = base + i + 1;
        this.field = 0;
        this.state = FIELD_START;
        limit = this.limit() - base;
        continue;
      }
      const endsField = b === COMMA && st !== QUOTED;
      // a comma ending a field counts for the row only; a CR outside quotes is taken as the
      // start of the line break (a bare CR is counted with the next byte)
      if (i >= limit && !(endsField && base + i < this.recordStart + this.maxRecord) && !(b === CR && st !== QUOTED)) {
        // this byte takes the field or the row over its bound: the parser gets no more of this row
        if (i > this.from) this.push(c.subarray(this.from, i));
        this.from = -1;
        const fieldOver = !endsField && base + i - this.fieldStart >= this.maxField;
        this.cut = { line: this.line, span: 0, code: fieldOver ? FIELD_TOO_LARGE : RECORD_TOO_LARGE, field: this.field, bytes: 0 };
        this.oversize.push(this.cut);
        this.cutInQuotes = st === QUOTED;
        limit = Infinity;
      }
      if (st === QUOTED) {
        if (b === QUOTE) this.state = QUOTE_IN_QUOTED;
        else if (b === LF) this.inner++;
      } else if (endsField) {
        const cut = this.cut;
        if (cut && cut.code === FIELD_TOO_LARGE && cut.field === this.field) cut.bytes = base + i - this.fieldStart;
        this.field++;
        this.fieldStart = base + i + 1;
        this.state = FIELD_START;
        limit = this.limit() - base;
      } else if (b === QUOTE) {
        if (st === FIELD_START) {
          this.state = QUOTED;
          this.quoteLine = this.line + this.inner;
        } else if (st === QUOTE_IN_QUOTED) this.state = QUOTED; // a doubled quote
      } else if (st !== UNQUOTED) this.state = UNQUOTED;
    }
  }

  override _flush(done: (e?: Error | null) => void): void {
    const cut = this.cut;
    if (cut) {
      // the file ends inside the row that was cut
      if (this.state === QUOTED) {
        return done(new RejectedFileError(this.file, this.quoteLine, `a quoted field opens here and is never closed ${WHOLE_FILE}`));
      }
      if (cut.code === RECORD_TOO_LARGE) cut.bytes = this.pos - this.recordStart;
      else if (this.field === cut.field) cut.bytes = this.pos - this.fieldStart;
      cut.span = this.inner + 1;
      if (this.cutInQuotes) this.push('"');
      this.cut = undefined;
    }
    done();
  }
}

const WHOLE_FILE = '(broken quoting: the file is rejected whole, nothing landed)';

/** A row CsvLines leaves to the full parser: the landing starts again with csv-parse. */
class NeedsCsvParser extends Error {
  override name = 'NeedsCsvParser';
}

/**
 * The rows of a file whose line breaks are LF or CRLF (hashFile's `plain`),
 * without running a CSV parser over every byte. A line without a quote is a
 * row whose values are the text between its commas: it is passed on as its
 * line, which CsvToCopy stores as it is. A row with a quote (it ends at the
 * first line break after an even number of quotes, so it may span lines) is
 * read by csv-parse alone and passed on as its values. The header is passed
 * on as its values, an empty line as ['']. What comes out is what csv-parse
 * (bom, relax_column_count) gives for the file, the bytes decoded alike
 * (invalid UTF-8 as U+FFFD). A row csv-parse refuses or that holds no single
 * record, or a quote still open at the end, throws NeedsCsvParser: the file
 * is then landed again through csv-parse, which names the fault and its line.
 * RecordBounds, before it, has already cut rows over their bound.
 */
class CsvLines extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private started = false;
  private header = true;
  /** A row with an odd number of quotes so far: its lines, and its quotes. */
  private open: string | undefined;
  private openQuotes = 0;

  constructor(private readonly maxRecordBytes: number) {
    super({ writableObjectMode: false, readableObjectMode: true, readableHighWaterMark: 256 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error) => void): void {
    try {
      this.lines(this.rest + this.decoder.write(chunk), false);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: (e?: Error) => void): void {
    try {
      this.lines(this.rest + this.decoder.end(), true);
      if (this.open !== undefined) throw new NeedsCsvParser('a quoted field is never closed');
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private lines(text: string, last: boolean): void {
    if (!this.started && text.length) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.segment(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = start ? text.slice(start) : text;
    if (last && this.rest.length) {
      this.segment(this.rest);
      this.rest = '';
    }
  }

  /** One line, without its LF. */
  private segment(seg: string): void {
    if (this.open === undefined && seg.indexOf('"') === -1) {
      this.row(seg.charCodeAt(seg.length - 1) === 13 ? seg.slice(0, -1) : seg);
      return;
    }
    let quotes = 0;
    for (let i = seg.indexOf('"'); i !== -1; i = seg.indexOf('"', i + 1)) quotes++;
    const text = this.open === undefined ? seg : this.open + '\n' + seg;
    quotes += this.openQuotes;
    if (quotes % 2) {
      this.open = text;
      this.openQuotes = quotes;
      return;
    }
    this.open = undefined;
    this.openQuotes = 0;
    let records: string[][];
    try {
      records = parseSync(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, {
        relax_column_count: true,
        max_record_size: this.maxRecordBytes + 16,
      }) as string[][];
    } catch (err) {
      throw new NeedsCsvParser((err as Error).message);
    }
    if (records.length !== 1) throw new NeedsCsvParser('a quoted row does not read as one record');
    this.header = false;
    this.push(records[0]);
  }

  private row(line: string): void {
    if (this.header) {
      if (line === '') return void this.push(['']);
      this.header = false;
      this.push(line.split(','));
    } else this.push(line);
  }
}

/**
 * CSV records (arrays of field strings) → COPY text lines (batch_id, line,
 * csv). The first record is the header, recorded once for the batch
 * (raw.batch.header); each later record is stored as one CSV line of its
 * values (raw.stored_record.csv, read as JSON through raw.record): joined by
 * commas, a value quoted only when it holds a comma, a quote, CR or LF, so
 * raw.csv_fields gives back exactly the values the parser read. Empty lines
 * are skipped. Rows that cannot be landed faithfully (another number of
 * fields than the header, bytes that are not UTF-8, a NUL byte, a field or
 * row over its bound) are noted in `rejected` by line.
 *
 * Lines: a record starts on the line after the previous one ends; a record
 * spans one line plus the line breaks inside its quoted fields. Only a field
 * that holds one of ", \r \n \t \ NUL needs more than a join, so the common
 * row costs one regular-expression test over the joined line.
 */
class CsvToCopy extends Transform {
  private names: string[] | undefined;
  private width = 0;
  private line = 1;
  private buf = '';
  private readonly prefix: string;
  private nextOversize = 0;
  /** The reasons of rows kept out for their size, by their index in `rejected`. */
  private readonly sizeReasons = new Map<number, string>();
  rows = 0;
  readonly rejected = new RejectedRows();

  constructor(
    batchId: number,
    private readonly file: string,
    private readonly utf8: SourceWatch,
    private readonly bounds: RecordBounds,
    private readonly limits: LandLimits,
  ) {
    // a few hundred records in flight: they die young, in V8's new space
    super({ writableObjectMode: true, readableObjectMode: false, writableHighWaterMark: 256 });
    this.prefix = batchId + '\t';
  }

  override _transform(record: string[] | string, _enc: BufferEncoding, done: (e?: Error) => void): void {
    if (typeof record === 'string') return this.plainLine(record, done);
    const fields = record;
    const line = this.line;
    const big = this.bounds.oversize[this.nextOversize];
    if (big && big.line <= line) {
      // what the parser has of a row over a bound
      if (big.line < line) return done(new Error(`${this.file}:${big.line}: the parser lost its place after an oversized row`));
      this.nextOversize++;
      this.line += big.span;
      if (!this.names) return done(new RejectedFileError(this.file, line, `the header row is too large: ${this.sizeReason(big)}`));
      this.sizeReasons.set(this.rejected.length, this.sizeReason(big));
      this.rejected.push(line, big.span, big.code);
      return done();
    }
    const n = fields.length;
    if (n === 1 && fields[0] === '') {
      this.line++; // an empty line
      return done();
    }
    if (!this.names) return done(this.header(fields, line));
    let csv = fields.join(',');
    let span = 1;
    let special = SPECIAL.test(csv);
    // a comma inside a value: the joined line has more commas than separators
    if (!special && commas(csv) !== n - 1) special = true;
    if (special || n !== this.width) {
      for (const f of fields) for (let j = f.indexOf('\n'); j !== -1; j = f.indexOf('\n', j + 1)) span++;
    }
    this.line += span;
    if (n !== this.width) {
      this.rejected.push(line, span, n);
      return done();
    }
    if (special) {
      if (csv.indexOf('\0') !== -1) {
        this.rejected.push(line, span, HAS_NUL); // a text column cannot hold it
        return done();
      }
      csv = copyText(fields.map(csvValue).join(','));
    }
    this.store(line, span, csv, done);
  }

  /** A row's stored line (escaped for COPY) goes out, unless it is not what the file holds. */
  private store(line: number, span: number, csv: string, done: (e?: Error) => void): void {
    if (csv.indexOf('\uFFFD') !== -1 && !this.utf8.valid) {
      // csv-parse decodes invalid UTF-8 as U+FFFD: the row is not what the file holds
      this.rejected.push(line, span, NOT_UTF8);
      return done();
    }
    this.rows++;
    this.buf += this.prefix + line + '\t' + csv + '\n';
    if (this.buf.length > 1 << 16) {
      this.push(this.buf);
      this.buf = '';
    }
    done();
  }

  /**
   * A row without a quote (CsvLines passes it on as its line): the line is
   * its stored CSV line; its values are as many as its commas plus one.
   */
  private plainLine(csv: string, done: (e?: Error) => void): void {
    const line = this.line;
    const big = this.bounds.oversize[this.nextOversize];
    if (big && big.line <= line) return this._transform([csv], 'utf8', done); // kept aside for its size, as any row
    this.line++;
    if (csv === '') return done(); // an empty line
    const n = commas(csv) + 1;
    if (n !== this.width) {
      this.rejected.push(line, 1, n);
      return done();
    }
    if (SPECIAL.test(csv)) {
      if (csv.indexOf('\0') !== -1) {
        this.rejected.push(line, 1, HAS_NUL);
        return done();
      }
      csv = copyText(csv);
    }
    this.store(line, 1, csv, done);
  }

  /** The header row: its names, trimmed, are the keys of every record (raw.batch.header). */
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
      if (k.includes('\uFFFD') && !this.utf8.valid)
        return new RejectedFileError(this.file, line, 'the header holds bytes that are not valid UTF-8');
      if (k.includes('\0')) return new RejectedFileError(this.file, line, 'the header holds a NUL byte');
    }
    this.names = names;
    this.width = names.length;
    return undefined;
  }

  private sizeReason(big: Oversize): string {
    if (big.code === RECORD_TOO_LARGE) {
      return `record_too_large: the row is ${big.bytes} bytes, over the bound of ${this.limits.maxRecordBytes} (SRA_MAX_RECORD_BYTES)`;
    }
    const name = this.names?.[big.field];
    return `field_too_large: field ${big.field + 1}${name ? ` (${name})` : ''} is ${big.bytes} bytes, over the bound of ${this.limits.maxFieldBytes} (SRA_MAX_FIELD_BYTES)`;
  }

  /** The reason a row was kept out, in words. */
  reason(i: number): string {
    const code = this.rejected.code(i);
    if (code === NOT_UTF8) return 'bytes that are not valid UTF-8';
    if (code === HAS_NUL) return 'a NUL byte';
    if (code === FIELD_TOO_LARGE || code === RECORD_TOO_LARGE) return this.sizeReasons.get(i)!;
    return `expected ${this.width} fields, found ${code}`;
  }

  /** The header's column names (the keys of every landed record). */
  get columnNames(): string[] {
    return this.names ?? [];
  }

  get headerSeen(): boolean {
    return this.names !== undefined;
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
 * the line break that ends the row; of a row kept out for its size, only its
 * first EXCERPT_BYTES.
 */
async function* rejectedCopyLines(fh: fs.promises.FileHandle, batchId: number, toCopy: CsvToCopy): AsyncGenerator<string> {
  const rej = toCopy.rejected;
  let k = 0;
  let line = 1;
  let parts: Buffer[] = [];
  let kept = 0;
  const excerpt = (i: number) => rej.code(i) === FIELD_TOO_LARGE || rej.code(i) === RECORD_TOO_LARGE;
  const emit = () => {
    let bytes = Buffer.concat(parts);
    parts = [];
    kept = 0;
    let end = bytes.length;
    if (end && bytes[end - 1] === 0x0a) end--;
    if (end && bytes[end - 1] === 0x0d) end--;
    bytes = bytes.subarray(0, end);
    if (excerpt(k)) bytes = bytes.subarray(0, wholeCharsEnd(bytes));
    const out = `${batchId}\t${rej.line(k)}\t${copyText(rawText(bytes))}\t${copyText(toCopy.reason(k))}\n`;
    k++;
    return out;
  };
  // one reused buffer: a pass over a large file leaves no garbage behind
  const chunk = Buffer.allocUnsafe(READ_CHUNK);
  let at = 0;
  for (;;) {
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, at);
    at += bytesRead;
    if (bytesRead === 0 || k >= rej.length) break;
    let pos = 0;
    while (pos < bytesRead && k < rej.length) {
      const found = chunk.indexOf(0x0a, pos);
      const nl = found === -1 || found >= bytesRead ? -1 : found;
      const stop = nl === -1 ? bytesRead : nl + 1;
      const first = rej.line(k);
      if (line >= first && line < first + rej.span(k)) {
        const take = excerpt(k) ? Math.min(stop - pos, EXCERPT_BYTES - kept) : stop - pos;
        if (take > 0) parts.push(Buffer.from(chunk.subarray(pos, pos + take)));
        kept += Math.max(take, 0);
      }
      if (nl === -1) break;
      if (line === first + rej.span(k) - 1) yield emit();
      line++;
      pos = stop;
    }
  }
  if (k < rej.length && parts.length) yield emit(); // the last row of a file without a final line break
}

/** The line and an operator's reason for a parse error. */
function describeCsvError(err: CsvError, bounds: RecordBounds): { line: number; reason: string } {
  const e = err as CsvError & { lines?: number; field?: string; index?: number };
  const line = e.lines ?? 0;
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = /got "(.*?)" at line/.exec(err.message)?.[1];
      return {
        line,
        reason: `a closing quote is followed by ${got ? `"${got}"` : 'a character'} instead of a comma or the end of the line`,
      };
    }
    case 'INVALID_OPENING_QUOTE':
      return { line, reason: `a quote inside an unquoted field (field ${(e.index ?? 0) + 1})` };
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse reports it at the end of the file; the bounds pass saw where the field opened
      return { line: bounds.openQuoteLine || line, reason: 'a quoted field opens here and is never closed' };
    default:
      return { line, reason: err.message };
  }
}

/** The file changed between its check (SHA-256, size) and the end of its landing. */
export class FileChangedError extends Error {
  override name = 'FileChangedError';
  constructor(file: string, detail: string) {
    super(`${file}: file changed while it was being landed; run the load again (${detail})`);
  }
}

/** Size or modification time differ from the stat taken before the file was checked. */
async function changedSince(fh: fs.promises.FileHandle, before: fs.BigIntStats): Promise<string | undefined> {
  const now = await fh.stat({ bigint: true });
  if (now.size !== before.size) return `it was ${before.size} bytes when checked, ${now.size} bytes now`;
  if (now.mtimeNs !== before.mtimeNs) return 'it was written to after it was checked';
  return undefined;
}

async function recordFile(db: pg.Pool | pg.PoolClient, r: LandResult, filePath: string, size: number, error?: string): Promise<void> {
  // no content hash (a pointer, an unreadable file): one tracker row per path
  if (!r.sha256)
    r.sha256 = (r.status === 'lfs_pointer' ? 'lfs-pointer:' : 'unread:') + crypto.createHash('sha256').update(filePath).digest('hex');
  await db.query(
    `insert into ops.file_tracker as f (file_path, dataset, sha256, file_size, records, rejected, status, last_batch_id, last_error)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (file_path, sha256) do update set
       last_processed_at = now(), process_count = f.process_count + 1, status = excluded.status,
       records = coalesce(excluded.records, f.records), rejected = coalesce(excluded.rejected, f.rejected),
       last_batch_id = coalesce(excluded.last_batch_id, f.last_batch_id), last_error = excluded.last_error,
       dataset = excluded.dataset, file_size = excluded.file_size`,
    [
      filePath,
      r.dataset,
      r.sha256,
      size,
      r.status === 'landed' ? r.rows : null,
      r.status === 'landed' ? r.rejected : null,
      r.status,
      r.batchId ?? null,
      error ?? null,
    ],
  );
}

/**
 * Land one CSV file as one batch. Never throws for a bad file: the result says why.
 *
 * The file is opened once: the SHA-256 check, the stream into COPY and the
 * read-back of rejected rows all read that one open file. The bytes are hashed
 * again as they stream; a file that changed meanwhile (truncated, rewritten,
 * appended to) lands nothing and fails with "file changed while it was being
 * landed".
 */
export async function landCsvFile(pool: pg.Pool, o: CsvLandOptions): Promise<LandResult> {
  try {
    return await landCsvFileWith(pool, o, false);
  } catch (err) {
    if (!(err instanceof NeedsCsvParser)) throw err;
    return landCsvFileWith(pool, o, true);
  }
}

/** landCsvFile, reading rows with CsvLines unless `csvParser` (or the file has bare CRs). */
async function landCsvFileWith(pool: pg.Pool, o: CsvLandOptions, csvParser: boolean): Promise<LandResult> {
  const t0 = performance.now();
  const displayPath = o.displayPath ?? (path.relative(process.cwd(), o.file) || o.file);
  const limits: LandLimits = { ...landLimits(), ...o.limits };
  let size = 0;
  const base: LandResult = { file: displayPath, dataset: o.dataset, status: 'failed', rows: 0, rejected: 0, bytes: 0, ms: 0 };
  const finish = async (r: LandResult, error?: string) => {
    r.ms = performance.now() - t0;
    await recordFile(pool, r, displayPath, size, error);
    return r;
  };
  const notRegular = (kind: string) => {
    const message = `${displayPath}: ${kind}, not a regular file: nothing to land`;
    return finish({ ...base, message }, message);
  };

  let fh: fs.promises.FileHandle | undefined;
  try {
    // a file that vanished or cannot be read (a dangling link, permissions) fails alone
    let sha256: string;
    let plain: boolean;
    let checked: fs.BigIntStats;
    try {
      const kind = specialKind(await fs.promises.stat(o.file));
      if (kind) return await notRegular(kind);
      // non-blocking: a path swapped for a FIFO since the stat does not wait for a writer
      fh = await fs.promises.open(o.file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      checked = await fh.stat({ bigint: true });
      const now = specialKind(checked);
      if (now) return await notRegular(now);
      size = base.bytes = Number(checked.size);
      if (await isLfsPointer(fh)) {
        return await finish({
          ...base,
          status: 'lfs_pointer',
          message: `${displayPath} is a Git LFS pointer, not CSV data: run "git lfs pull"`,
        });
      }
      ({ sha256, size, plain } = await hashFile(fh));
      base.bytes = size;
    } catch (err) {
      const message = `${displayPath}: cannot read the file: ${(err as Error).message}`;
      return await finish({ ...base, message }, message);
    }
    const already = async (db: pg.Pool | pg.PoolClient) =>
      (
        await db.query<{ batch_id: string }>(
          `select batch_id from raw.batch where dataset = $1 and sha256 = $2 and status = 'landed' order by batch_id desc limit 1`,
          [o.dataset, sha256],
        )
      ).rows[0];
    if (!o.force) {
      const prev = await already(pool);
      if (prev) {
        return await finish({
          ...base,
          sha256,
          status: 'skipped',
          batchId: Number(prev.batch_id),
          message: `${displayPath} already landed as batch ${prev.batch_id} (same SHA-256); use --force to land it again`,
        });
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
          return await finish({
            ...base,
            sha256,
            status: 'skipped',
            batchId: Number(prev.batch_id),
            message: `${displayPath} was landed by a concurrent load as batch ${prev.batch_id}`,
          });
        }
      }
      const { rows } = await client.query<{ batch_id: string }>(
        `insert into raw.batch (source, dataset, origin, format, request, file_name, file_size, sha256, status, task_run_id, started_at)
         values ($1, $2, $3, 'csv_row', $4, $5, $6, $7, 'landed', $8, now()) returning batch_id`,
        [
          o.source,
          o.dataset,
          o.origin,
          o.request ? redactValue(o.request) : null,
          o.fileName ?? path.basename(o.file),
          size,
          sha256,
          o.taskRunId ?? null,
        ],
      );
      const batchId = Number(rows[0]!.batch_id);
      // the file landed before under this name (a reload, a corrected file):
      // rows equal to that landing's are kept as references (raw.land_referencing)
      const earlier = (
        await client.query<{ batch_id: string }>(
          `select batch_id from raw.batch
           where dataset = $1 and file_name = $2 and status = 'landed' and batch_id < $3 and row_count > 0
           order by batch_id desc limit 1`,
          [o.dataset, o.fileName ?? path.basename(o.file), batchId],
        )
      ).rows[0];
      if (earlier) {
        await client.query(
          'create temp table _landing (batch_id bigint not null, line integer not null, csv text not null) on commit drop',
        );
      }
      const watch = new SourceWatch();
      const bounds = new RecordBounds(displayPath, limits.maxFieldBytes, limits.maxRecordBytes);
      const toCopy = new CsvToCopy(batchId, displayPath, watch, bounds, limits);
      const copy = client.query(copyFrom(`copy ${earlier ? 'pg_temp._landing' : 'raw.stored_record'} (batch_id, line, csv) from stdin`));
      const source = fh.createReadStream({ start: 0, highWaterMark: READ_CHUNK, autoClose: false });
      const tick = o.onProgress ? setInterval(() => o.onProgress!(toCopy.rows, watch.bytes), 250) : undefined;
      try {
        // rows cut at line breaks, csv-parse only for rows with quotes (CsvLines); max_record_size:
        // a second guard behind RecordBounds, which never passes on more of a row
        const parser =
          plain && !csvParser
            ? new CsvLines(limits.maxRecordBytes)
            : parse({ bom: true, relax_column_count: true, max_record_size: limits.maxRecordBytes + 16 });
        await pipeline(source, watch, bounds, parser, toCopy, copy);
      } catch (err) {
        if (err instanceof NeedsCsvParser) throw err;
        // a file cut short or rewritten mid-stream can look like broken quoting: say what happened
        const changed = await changedSince(fh, checked);
        if (changed) throw new FileChangedError(displayPath, changed);
        if (err instanceof CsvError) {
          const { line, reason } = describeCsvError(err, bounds);
          throw new RejectedFileError(displayPath, line, `${reason} ${WHOLE_FILE}`);
        }
        throw err;
      } finally {
        if (tick) clearInterval(tick);
      }
      if (watch.bytes !== size) {
        throw new FileChangedError(displayPath, `it was ${size} bytes when checked, ${watch.bytes} bytes were read while landing`);
      }
      if (watch.digest() !== sha256)
        throw new FileChangedError(displayPath, 'the bytes read while landing have another SHA-256 than the file checked');
      if (!toCopy.headerSeen) throw new RejectedFileError(displayPath, 1, 'the file is empty: no header row');
      o.onProgress?.(toCopy.rows, size);
      if (toCopy.rejected.length) {
        const rej = client.query(copyFrom('copy raw.rejected_row (batch_id, line, raw_text, reason) from stdin'));
        await pipeline(Readable.from(rejectedCopyLines(fh, batchId, toCopy)), rej);
        // the rows were read again: they must be the bytes that were hashed
        const changed = await changedSince(fh, checked);
        if (changed) throw new FileChangedError(displayPath, changed);
      }
      // the header names every stored line's values (raw.record, raw.land_referencing read it)
      await client.query('update raw.batch set header = $2 where batch_id = $1', [batchId, toCopy.columnNames]);
      let referenced = 0;
      if (earlier) {
        const moved = await client.query<{ referenced: string }>('select referenced from raw.land_referencing($1, $2)', [
          batchId,
          earlier.batch_id,
        ]);
        referenced = Number(moved.rows[0]!.referenced);
      }
      await client.query(
        `update raw.batch set row_count = $2, rejected_count = $3, referenced_count = $4, landed_at = clock_timestamp()
         where batch_id = $1`,
        [batchId, toCopy.rows, toCopy.rejected.length, referenced],
      );
      await client.query('commit');
      const r: LandResult = {
        ...base,
        sha256,
        status: 'landed',
        batchId,
        rows: toCopy.rows,
        rejected: toCopy.rejected.length,
        referenced,
      };
      if (r.rejected) {
        r.message = `${r.rejected} row(s) kept in raw.rejected_row, e.g. ${displayPath}:${toCopy.rejected.line(0)}: ${toCopy.reason(0)}`;
      }
      return await finish(r);
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      if (err instanceof NeedsCsvParser) throw err;
      const message =
        err instanceof RejectedFileError || err instanceof FileChangedError ? err.message : `${displayPath}: ${(err as Error).message}`;
      return await finish({ ...base, sha256, status: 'failed', message }, message);
    } finally {
      client.release();
    }
  } finally {
    await fh?.close();
  }
}

/**
 * An API response over the document bound (SRA_MAX_DOCUMENT_BYTES): not landed.
 * It is recorded as a failed batch with the reason, and raw.rejected_row keeps
 * its first EXCERPT_BYTES.
 */
export class DocumentTooLargeError extends Error {
  override name = 'DocumentTooLargeError';
  constructor(
    readonly batchId: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Land one API response (a JSON document) as one batch: raw.record line 1 holds
 * it whole. A document over the bound (SRA_MAX_DOCUMENT_BYTES) is kept aside
 * instead and DocumentTooLargeError thrown.
 */
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
    /** The document bound in bytes (default SRA_MAX_DOCUMENT_BYTES). */
    maxBytes?: number;
  },
): Promise<{ batchId: number }> {
  const text = o.text ?? JSON.stringify(o.body);
  const bytes = Buffer.byteLength(text);
  const max = o.maxBytes ?? env().SRA_MAX_DOCUMENT_BYTES;
  const sha256 = crypto.createHash('sha256').update(text).digest('hex');
  const c = await pool.connect();
  try {
    await c.query('begin');
    if (bytes > max) {
      const reason = `document_too_large: the response is ${bytes} bytes, over the bound of ${max} (SRA_MAX_DOCUMENT_BYTES)`;
      const { rows } = await c.query<{ batch_id: string }>(
        `insert into raw.batch (source, dataset, origin, format, request, http_status, file_size, sha256, row_count, rejected_count, status, error, task_run_id)
         values ($1, $2, 'api', 'json', $3, $4, $5, $6, 0, 1, 'failed', $7, $8) returning batch_id`,
        [o.source, o.dataset, redactValue(o.request), o.httpStatus, bytes, sha256, reason, o.taskRunId ?? null],
      );
      const batchId = Number(rows[0]!.batch_id);
      const head = Buffer.from(text.slice(0, EXCERPT_BYTES)).subarray(0, EXCERPT_BYTES);
      await c.query(`insert into raw.rejected_row (batch_id, line, raw_text, reason) values ($1, 1, $2, $3)`, [
        batchId,
        rawText(head.subarray(0, wholeCharsEnd(head))),
        reason,
      ]);
      await c.query('commit');
      throw new DocumentTooLargeError(
        batchId,
        `${reason}: not landed, kept aside as failed batch ${batchId} (raw.rejected_row holds its first ${EXCERPT_BYTES} bytes)`,
      );
    }
    const { rows } = await c.query<{ batch_id: string }>(
      `insert into raw.batch (source, dataset, origin, format, request, http_status, file_size, sha256, row_count, status, task_run_id)
       values ($1, $2, 'api', 'json', $3, $4, $5, $6, 1, 'landed', $7) returning batch_id`,
      [o.source, o.dataset, redactValue(o.request), o.httpStatus, bytes, sha256, o.taskRunId ?? null],
    );
    const batchId = Number(rows[0]!.batch_id);
    await c.query(`insert into raw.stored_record (batch_id, line, payload) values ($1, 1, $2::jsonb)`, [batchId, text]);
    await c.query('commit');
    return { batchId };
  } catch (err) {
    if (!(err instanceof DocumentTooLargeError)) await c.query('rollback').catch(() => undefined);
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
    if (!isUtf8(bytes))
      return finish({ ...base, message: `${displayPath}:1: bytes that are not valid UTF-8 (the file is rejected whole, nothing landed)` });
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
        return finish({
          ...base,
          sha256,
          status: 'skipped',
          batchId: Number(prev[0].batch_id),
          message: `${displayPath} already landed as batch ${prev[0].batch_id} (same SHA-256); use --force to land it again`,
        });
      }
    }
    const { rows } = await client.query<{ batch_id: string }>(
      `insert into raw.batch (source, dataset, origin, format, file_name, file_size, sha256, row_count, status, task_run_id, started_at, landed_at)
       values ($1, $2, 'file', 'json', $3, $4, $5, $6, 'landed', $7, now(), clock_timestamp()) returning batch_id`,
      [o.source, o.dataset, path.basename(o.file), base.bytes, sha256, doc.length, o.taskRunId ?? null],
    );
    const batchId = Number(rows[0]!.batch_id);
    await client.query(`insert into raw.stored_record (batch_id, line, payload) values ($1, 1, $2::jsonb)`, [batchId, text]);
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

/** What a load of several files amounts to: the files and the counts every file command reports. */
export interface LandingSummary {
  results: LandResult[];
  landed: number;
  skipped: number;
  failed: number;
  rows: number;
  rejected: number;
}

const isFailure = (r: LandResult) => r.status === 'failed' || r.status === 'lfs_pointer';

export function summarizeLandings(results: LandResult[]): LandingSummary {
  return {
    results,
    landed: results.filter((r) => r.status === 'landed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    failed: results.filter(isFailure).length,
    rows: results.reduce((a, r) => a + (r.status === 'landed' ? r.rows : 0), 0),
    rejected: results.reduce((a, r) => a + r.rejected, 0),
  };
}

/** The run record of a file load: partial when some files failed and others landed or were already there. */
export function landingRunOutcome(s: LandingSummary) {
  return {
    status: s.failed === 0 ? ('completed' as const) : s.landed + s.skipped > 0 ? ('partial' as const) : ('failed' as const),
    records: s.rows,
    failed: s.rejected,
    errors: s.results.filter(isFailure).map((r) => ({ file: r.file, message: r.message ?? r.status })),
  };
}
