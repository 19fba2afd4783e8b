// `sra demo`, analytics part: lands the GENERATED price and treasury history
// of fmp/demo-generated/analytics-history.json (synthetic, not recorded
// market data: fmp/generate-analytics-demo.ts) as FMP daily-price and
// treasury answers, and the demo portfolios of positions/demo/ through
// `sra load positions`' code path, so every analytics view has data. A second
// demo run lands nothing new: an answer already landed (same SHA-256 for its
// dataset) is skipped, and position files are deduplicated by the landing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Env } from '../config.ts';
import { landJsonDocument } from '../lib/land.ts';
import { log } from '../lib/log.ts';
import { ROOT } from '../migrate.ts';
import { loadPositions } from '../sources/positions.ts';

export const GENERATED_HISTORY = path.join(ROOT, 'fmp', 'demo-generated', 'analytics-history.json');
export const DEMO_POSITIONS = path.join(ROOT, 'positions', 'demo');

interface History {
  generated: string;
  equity_price: Record<string, unknown[]>;
  etf_price: Record<string, unknown[]>;
  treasury: unknown[];
}

export async function demo(pool: pg.Pool, _e: Env): Promise<void> {
  const h = JSON.parse(fs.readFileSync(GENERATED_HISTORY, 'utf8')) as History;
  const answers: { dataset: string; endpoint: string; params: Record<string, string>; body: unknown[] }[] = [
    ...Object.entries(h.equity_price).map(([symbol, body]) => ({
      dataset: 'fmp.equity_price',
      endpoint: '/stable/historical-price-eod/full',
      params: { symbol },
      body,
    })),
    ...Object.entries(h.etf_price).map(([symbol, body]) => ({
      dataset: 'fmp.etf_price',
      endpoint: '/stable/historical-price-eod/full',
      params: { symbol },
      body,
    })),
    { dataset: 'fmp.treasury', endpoint: '/stable/treasury-rates', params: {}, body: h.treasury },
  ];
  let landed = 0;
  for (const a of answers) {
    const text = JSON.stringify(a.body);
    const sha = crypto.createHash('sha256').update(text).digest('hex');
    const { rows } = await pool.query(`select 1 from raw.batch where dataset = $1 and sha256 = $2 and status = 'landed' limit 1`, [
      a.dataset,
      sha,
    ]);
    if (rows.length) continue;
    await landJsonDocument(pool, {
      source: 'fmp',
      dataset: a.dataset,
      // marked as generated in the batch's request: these are not FMP's answers
      request: {
        endpoint: a.endpoint,
        generation: 'stable',
        api_version: 'stable',
        params: a.params,
        generated: path.relative(ROOT, GENERATED_HISTORY),
      },
      httpStatus: 200,
      body: a.body,
      text,
    });
    landed++;
  }
  log.info(
    `analytics demo: ${landed} generated price and treasury histories landed (${answers.length - landed} already there), from ${path.relative(ROOT, GENERATED_HISTORY)}`,
  );
  const s = await loadPositions(pool, { paths: [DEMO_POSITIONS] });
  log.info(`analytics demo: ${s.landed} position file(s) landed, ${s.skipped} already there`);
}
