// `sra demo`, FMP part: serves the generated samples shipped in fmp/demo/
// (fmp/generate-samples.ts: synthetic answers in FMP's shapes, not recordings
// of the vendor) from a local server on 127.0.0.1 and loads them with `loadFmp`, the code path of
// `sra load fmp` (rate limiter, retries, landing, call log). The key is a
// placeholder: the replay server accepts nothing else, and it is no secret.
// A second demo run lands nothing new: every answer equals the last answer to
// the same request.
// Then the gap round (docs/CONTINUITY.md): the price transforms, gap detection
// up to the last session of the samples (MSFT's first answer lacks 13–15
// November), the backfill of that window from the same server, and the
// request's state.
import path from 'node:path';
import type pg from 'pg';
import type { Env } from '../config.ts';
import { log } from '../lib/log.ts';
import { ROOT } from '../migrate.ts';
import { loadFmp, FMP_DATASET_NAMES } from '../sources/fmp.ts';
import { startReplayServer } from '../sources/fmp-replay.ts';
import { runTransforms } from '../transform.ts';
import { BACKFILL_TRANSFORMS, detectGaps, runFmpBackfill } from '../sources/fmp-backfill.ts';

export const DEMO_API_KEY = 'demo-placeholder-key';
export const DEMO_DIR = path.join(ROOT, 'fmp', 'demo');
export const DEMO_EQUITIES = ['AAPL', 'MSFT', 'SHOP.TO'];
export const DEMO_ETFS = ['SPY', 'XIU.TO'];
export const DEMO_MARKET = ['^GSPC', '^DJI', '^IXIC', '^GSPTSE', 'XLK', 'XLF'];
/** The window the shipped price history and treasury answers cover. */
export const DEMO_WINDOW = { from: '2024-11-01', to: '2024-11-29' };

export async function demo(pool: pg.Pool, e: Env): Promise<void> {
  const server = await startReplayServer({ dir: DEMO_DIR, apiKey: DEMO_API_KEY });
  try {
    const demoEnv: Env = {
      ...e,
      FMP_API_KEY: DEMO_API_KEY,
      FMP_API_GENERATION: 'stable',
      FMP_BASE_URL: server.url,
      FMP_CALLS_PER_MINUTE: 3000,
      FMP_RETRY_BASE_MS: 200,
    };
    const s = await loadFmp(pool, {
      env: demoEnv,
      datasets: FMP_DATASET_NAMES.filter((d) => d !== 'fmp.symbol_list'),
      symbols: DEMO_EQUITIES,
      etfSymbols: DEMO_ETFS,
      marketSymbols: DEMO_MARKET,
      ...DEMO_WINDOW,
      progress: 'never',
    });
    log.info(
      `fmp (demo: generated samples of fmp/demo, not vendor data): ${s.landed} answers landed, ${s.unchanged} unchanged since the last run, ${s.failed} failed, ${s.rows} rows`,
    );
    await runTransforms(pool, { only: [...new Set(Object.values(BACKFILL_TRANSFORMS))], quiet: true });
    const detected = await detectGaps(pool, DEMO_WINDOW.to);
    for (const d of detected.filter((x) => x.dataset.startsWith('fmp.')))
      log.info(
        `gaps (demo, up to ${DEMO_WINDOW.to}): ${d.dataset}: ${d.series} series, ${d.missing_sessions} missing session(s), ${d.opened} window(s) opened`,
      );
    const b = await runFmpBackfill(pool, { env: demoEnv, asOf: DEMO_WINDOW.to });
    const { rows } = await pool.query<{
      id: string;
      dataset: string;
      key: string;
      from_date: string;
      to_date: string;
      sessions: number;
      state: string;
    }>(
      `select id::text, dataset, key, from_date::text, to_date::text, sessions, state from ops.backfill_request
       where source = 'fmp' and id = any($1::bigint[]) order by id`,
      [b.states.map((x) => x.id)],
    );
    for (const r of rows)
      log.info(`backfill (demo): request ${r.id} ${r.dataset} ${r.key} ${r.from_date}..${r.to_date} (${r.sessions} sessions): ${r.state}`);
  } finally {
    await server.close();
  }
}
