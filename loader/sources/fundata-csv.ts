// `sra load fundata-csv`: every *.csv under fundata/data (dataset fundata.data)
// and fundata/quotes (fundata.quotes), or the given files and folders; the
// dataset is chosen by the folder a file sits in.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { landCsvFile, type LandResult } from '../lib/land.ts';
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

function csvFilesUnder(p: string): string[] {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) throw new UsageError(`${p}: no such file or folder`);
  if (st.isFile()) return [p];
  return fs
    .readdirSync(p, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? csvFilesUnder(path.join(p, d.name)) : /\.csv$/i.test(d.name) ? [path.join(p, d.name)] : []));
}

/**
 * Resolve paths to (file, dataset); the dataset comes from the nearest data/
 * or quotes/ folder. A file named on the command line must sit under one (or
 * --dataset names it); files found by walking a folder that sit under neither
 * (e.g. fundata/api-demo/) are passed over with a log line.
 */
export function resolveCsvFiles(paths: string[], dataset?: string): CsvFile[] {
  return paths.flatMap((p) => {
    const given = path.resolve(p);
    const walked = fs.statSync(given, { throwIfNoEntry: false })?.isDirectory() ?? false;
    return csvFilesUnder(given).flatMap((file) => {
      if (dataset) return [{ file, dataset }];
      const parts = path.dirname(file).split(path.sep).reverse();
      const folder = parts.find((x) => x in FOLDER_DATASETS);
      if (folder) return [{ file, dataset: FOLDER_DATASETS[folder]! }];
      if (walked) {
        log.info(`passed over ${path.relative(process.cwd(), file)}: not under a data/ or quotes/ folder`);
        return [];
      }
      throw new UsageError(`${file}: cannot tell its dataset; put it under a data/ or quotes/ folder, or pass --dataset fundata.data|fundata.quotes`);
    });
  });
}

export interface LoadSummary {
  results: LandResult[];
  landed: number;
  skipped: number;
  failed: number;
  rows: number;
  rejected: number;
}

export async function loadFundataCsv(
  pool: pg.Pool,
  o: { paths?: string[]; dataset?: string; force?: boolean; progress?: 'auto' | 'always' | 'never' },
): Promise<LoadSummary> {
  const files = resolveCsvFiles(o.paths?.length ? o.paths : DEFAULT_PATHS, o.dataset);
  const runId = await startRun(pool, 'load', `fundata-csv ${files.length} file(s)`);
  const results: LandResult[] = [];
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
        log.info(`landed ${r.file} → ${r.dataset} batch ${r.batchId}: ${r.rows} rows in ${secs}s (${Math.round(r.rows / (r.ms / 1000))} rows/s)`);
        if (r.message) log.warn(r.message);
      } else if (r.status === 'skipped') log.info(`skipped ${r.message}`);
      else if (r.status === 'lfs_pointer') log.warn(r.message!);
      else log.error(`rejected ${r.message}`);
    }
  } catch (err) {
    await finishRun(pool, runId, { status: 'failed', errors: [{ message: (err as Error).message }] });
    throw err;
  }
  const summary: LoadSummary = {
    results,
    landed: results.filter((r) => r.status === 'landed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    failed: results.filter((r) => r.status === 'failed' || r.status === 'lfs_pointer').length,
    rows: results.reduce((a, r) => a + (r.status === 'landed' ? r.rows : 0), 0),
    rejected: results.reduce((a, r) => a + r.rejected, 0),
  };
  await finishRun(pool, runId, {
    status: summary.failed === 0 ? 'completed' : summary.landed + summary.skipped > 0 ? 'partial' : 'failed',
    records: summary.rows,
    failed: summary.rejected,
    errors: results.filter((r) => r.status === 'failed' || r.status === 'lfs_pointer').map((r) => ({ file: r.file, message: r.message ?? r.status })),
    metrics: { files: results.map(({ file, dataset, status, batchId, rows, rejected, bytes, ms }) => ({ file, dataset, status, batchId, rows, rejected, bytes, ms: Math.round(ms) })) },
  });
  return summary;
}
