// `sra load positions`: position files (CSV, or a JSON array of objects with
// the same keys) land as dataset positions.portfolio through the same raw
// landing as every other source; the positions transform types them into
// core.portfolio / core.position (transforms/positions/positions.sql).
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { landCsvFile, landJsonFile, landingRunOutcome, summarizeLandings, type LandingSummary, type LandResult } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { startRun, finishRun } from '../lib/runs.ts';

export const POSITIONS_DATASET = 'positions.portfolio';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The position files under the given paths: *.csv and *.json, folders walked in name order. */
export function positionFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`${p}: no such file or folder`);
    if (st.isFile()) {
      if (!/\.(csv|json)$/i.test(p)) throw new UsageError(`${p}: a position file is .csv or .json`);
      return [path.resolve(p)];
    }
    return positionFiles(
      fs
        .readdirSync(p, { withFileTypes: true })
        .filter((d) => d.isDirectory() || /\.(csv|json)$/i.test(d.name))
        .map((d) => path.join(p, d.name))
        .sort(),
    );
  });
}

export type PositionsSummary = LandingSummary;

export async function loadPositions(pool: pg.Pool, o: { paths: string[]; force?: boolean }): Promise<PositionsSummary> {
  if (!o.paths.length) throw new UsageError('name at least one position file or folder');
  const files = positionFiles(o.paths);
  const runId = await startRun(pool, 'load', `positions ${files.length} file(s)`);
  const results: LandResult[] = [];
  try {
    for (const file of files) {
      const r = /\.json$/i.test(file)
        ? await landJsonFile(pool, { file, dataset: POSITIONS_DATASET, source: 'positions', force: o.force, taskRunId: runId })
        : await landCsvFile(pool, {
            file,
            dataset: POSITIONS_DATASET,
            source: 'positions',
            origin: 'csv',
            force: o.force,
            taskRunId: runId,
          });
      results.push(r);
      if (r.status === 'landed') {
        log.info(`landed ${r.file} → ${r.dataset} batch ${r.batchId}: ${r.rows} rows`);
        if (r.message) log.warn(r.message);
      } else if (r.status === 'skipped') log.info(`skipped ${r.message}`);
      else log.error(`rejected ${r.message}`);
    }
  } catch (err) {
    await finishRun(pool, runId, { status: 'failed', errors: [{ message: (err as Error).message }] });
    throw err;
  }
  const s = summarizeLandings(results);
  await finishRun(pool, runId, landingRunOutcome(s));
  return s;
}
