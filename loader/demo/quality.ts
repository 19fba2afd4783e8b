// `sra demo`, quality part: lands the GENERATED revised ratios answer of
// fmp/demo-generated/scale-error-ratios.json (AAPL's Q4 2024 ratios with the
// net margin 100x off: synthetic, not recorded from FMP) after the FMP
// samples, so the quality check after the transforms proposes a correction
// (docs/CORRECTIONS.md) and `sra quality corrections` lists it. The batch's
// request is marked generated. A second demo run lands nothing: an answer
// already landed (same SHA-256 for its dataset) is skipped.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Env } from '../config.ts';
import { landJsonDocument } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { ROOT } from '../migrate.ts';

export const GENERATED_SCALE_ERROR = path.join(ROOT, 'fmp', 'demo-generated', 'scale-error-ratios.json');

interface Answer {
  generated: string;
  dataset: string;
  endpoint: string;
  params: Record<string, string>;
  body: unknown[];
}

export async function demo(pool: pg.Pool, _e: Env): Promise<void> {
  const a = JSON.parse(fs.readFileSync(GENERATED_SCALE_ERROR, 'utf8')) as Answer;
  const text = JSON.stringify(a.body);
  const sha = crypto.createHash('sha256').update(text).digest('hex');
  const { rows } = await pool.query(`select 1 from raw.batch where dataset = $1 and sha256 = $2 and status = 'landed' limit 1`, [
    a.dataset,
    sha,
  ]);
  if (rows.length) {
    log.info(`quality demo: the generated scale-error answer is already landed (${path.relative(ROOT, GENERATED_SCALE_ERROR)})`);
    return;
  }
  await landJsonDocument(pool, {
    source: 'fmp',
    dataset: a.dataset,
    // marked as generated in the batch's request: not FMP's answer
    request: {
      endpoint: a.endpoint,
      generation: 'stable',
      api_version: 'stable',
      params: a.params,
      generated: path.relative(ROOT, GENERATED_SCALE_ERROR),
    },
    httpStatus: 200,
    body: a.body,
    text,
  });
  log.info(
    `quality demo: landed a generated ratios answer with a 100x-off net margin (${path.relative(ROOT, GENERATED_SCALE_ERROR)}): the quality check proposes its correction`,
  );
}
