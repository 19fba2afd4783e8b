// `sra load fundata-csv`: every *.csv under fundata/data (dataset fundata.data)
// and fundata/quotes (fundata.quotes), or the given files and folders; the
// dataset is chosen by the folder a file sits in.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { landCsvFile, landingRunOutcome, specialKind, summarizeLandings, type LandingSummary, type LandResult } from '../lib/land.ts';
import { fileProgress } from '../lib/progress.ts';
import { log } from '../lib/log.ts';
import { startRun, finishRun } from '../lib/runs.ts';
import { ROOT } from '../migrate.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const FOLDER_DATASETS: Record<string, string> = { data: 'fundata.data', quotes: 'fundata.quotes' };

export const DEFAULT_PATHS = [path.join(ROOT, 'fundata', 'data'), path.join(ROOT, 'fundata', 'quotes')];

export interface CsvFile {
  file: string;
  dataset: string;
}

/** Why a path given on the command line cannot be used, in words. */
function statProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  return (err as Error).message;
}

/** Every *.csv under a folder, in name order, recursively. */
function csvFilesIn(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`${path.relative(process.cwd(), dir) || dir}: cannot read the folder: ${statProblem(err)}`);
  }
  // a FIFO, device or socket named *.csv is taken too: its landing fails alone, naming what it is
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? csvFilesIn(path.join(dir, d.name)) : /\.csv$/i.test(d.name) ? [path.join(dir, d.name)] : []));
}

export interface ResolvedPaths {
  files: CsvFile[];
  /** Folders given that hold nothing to land, each with its one-line reason. */
  empty: { path: string; message: string }[];
}

/**
 * Resolve paths to (file, dataset); the dataset comes from the nearest data/
 * or quotes/ folder. A file named on the command line must sit under one (or
 * --dataset names it); files found by walking a folder that sit under neither
 * (e.g. fundata/api-demo/) are passed over with a log line. A path that does
 * not exist or is neither a file nor a folder (a FIFO, a device) is a usage
 * error; a folder with nothing to land is reported in `empty`.
 */
export function resolveCsvFiles(paths: string[], dataset?: string): ResolvedPaths {
  const out: ResolvedPaths = { files: [], empty: [] };
  for (const p of paths) {
    const given = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(given);
    } catch (err) {
      throw new UsageError(`${p}: ${statProblem(err)}`);
    }
    const walked = st.isDirectory();
    const kind = walked ? undefined : specialKind(st);
    if (kind) throw new UsageError(`${p}: ${kind}, not a CSV file or folder`);
    const found = walked ? csvFilesIn(given) : [given];
    const files = found.flatMap((file) => {
      if (dataset) return [{ file, dataset }];
      const parts = path.dirname(file).split(path.sep).reverse();
      const folder = parts.find((x) => x in FOLDER_DATASETS);
      if (folder) return [{ file, dataset: FOLDER_DATASETS[folder]! }];
      if (walked) {
        log.info(`passed over ${path.relative(process.cwd(), file)}: not under a data/ or quotes/ folder`);
        return [];
      }
      throw new UsageError(
        `${file}: cannot tell its dataset; put it under a data/ or quotes/ folder, or pass --dataset fundata.data|fundata.quotes`,
      );
    });
    if (walked && !files.length) {
      out.empty.push({
        path: p,
        message: found.length
          ? `${p}: nothing to land: its *.csv files are under no data/ or quotes/ folder (pass --dataset)`
          : `${p}: nothing to land: no *.csv file in this folder`,
      });
    }
    out.files.push(...files);
  }
  return out;
}

export type LoadSummary = LandingSummary;

export async function loadFundataCsv(
  pool: pg.Pool,
  o: { paths?: string[]; dataset?: string; force?: boolean; progress?: 'auto' | 'always' | 'never' },
): Promise<LoadSummary> {
  const { files, empty } = resolveCsvFiles(o.paths?.length ? o.paths : DEFAULT_PATHS, o.dataset);
  const runId = await startRun(pool, 'load', `fundata-csv ${files.length} file(s)`);
  const results: LandResult[] = [];
  for (const e of empty) {
    log.error(e.message);
    results.push({ file: e.path, dataset: o.dataset ?? '', status: 'failed', rows: 0, rejected: 0, bytes: 0, ms: 0, message: e.message });
  }
  try {
    for (const f of files) {
      const size = fs.statSync(f.file, { throwIfNoEntry: false })?.size ?? 0; // landCsvFile reports a missing file
      const r = await landCsvFile(pool, {
        file: f.file,
        dataset: f.dataset,
        source: 'fundata',
        origin: 'csv',
        force: o.force,
        taskRunId: runId,
        onProgress: size > 4 << 20 ? fileProgress(path.basename(f.file), size, o.progress) : undefined,
      });
      results.push(r);
      const secs = (r.ms / 1000).toFixed(2);
      if (r.status === 'landed') {
        log.info(
          `landed ${r.file} → ${r.dataset} batch ${r.batchId}: ${r.rows} rows in ${secs}s (${Math.round(r.rows / (r.ms / 1000))} rows/s)` +
            (r.referenced ? `; ${r.referenced} rows unchanged since the file's earlier landing, kept as references` : ''),
        );
        if (r.message) log.warn(r.message);
      } else if (r.status === 'skipped') log.info(`skipped ${r.message}`);
      else if (r.status === 'lfs_pointer') log.warn(r.message!);
      else log.error(`rejected ${r.message}`);
    }
  } catch (err) {
    await finishRun(pool, runId, { status: 'failed', errors: [{ message: (err as Error).message }] });
    throw err;
  }
  const summary = summarizeLandings(results);
  await finishRun(pool, runId, {
    ...landingRunOutcome(summary),
    metrics: {
      files: results.map(({ file, dataset, status, batchId, rows, rejected, bytes, ms }) => ({
        file,
        dataset,
        status,
        batchId,
        rows,
        rejected,
        bytes,
        ms: Math.round(ms),
      })),
    },
  });
  return summary;
}
