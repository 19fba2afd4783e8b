// `sra demo`, FMP part: serves the generated samples shipped in fmp/demo/
// (fmp/generate-samples.ts: synthetic answers in FMP's shapes, not recordings
// of the vendor) from a local server on 127.0.0.1 and loads them with `loadFmp`, the code path of
// `sra load fmp` (rate limiter, retries, landing, call log). The key is a
// placeholder: the replay server accepts nothing else, and it is no secret.
// A second demo run lands nothing new: every answer equals the last answer to
// the same request.
import path from 'node:path';
import type pg from 'pg';
import type { Env } from '../config.ts';
import { log } from '../lib/log.ts';
import { ROOT } from '../migrate.ts';
import { loadFmp, FMP_DATASET_NAMES } from '../sources/fmp.ts';
import { startReplayServer } from '../sources/fmp-replay.ts';

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
    const s = await loadFmp(pool, {
      env: {
        ...e,
        FMP_API_KEY: DEMO_API_KEY,
        FMP_API_GENERATION: 'stable',
        FMP_BASE_URL: server.url,
        FMP_CALLS_PER_MINUTE: 3000,
        FMP_RETRY_BASE_MS: 200,
      },
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
  } finally {
    await server.close();
  }
}
