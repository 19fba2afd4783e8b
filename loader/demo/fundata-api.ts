// `sra demo`, Fundata API part: serves the generated dbsync samples shipped in
// fundata/api-demo/ (scripts/generate-fundata-api-demo.ts: synthetic answers
// in Fundata's CSV shape, not recordings of the vendor) from a local server
// on 127.0.0.1 and syncs them with `loadFundataApi`, the code path of
// `sra load fundata-api` (authenticate,
// request, poll getresults, download, land). It runs after the CSV seed has
// landed, so the transforms version the API rows over the seed's: the funds
// whose reference data the samples change get data_version 2
// (data_source 'API'), and the daily NAVPS continue after the seed's last day.
// The key and secret are placeholders that only the replay server accepts;
// an operator's real FUNDATA_* credentials are never sent to it.
// A second demo run lands nothing new: each endpoint answers the same bytes,
// which the sync skips by SHA-256.
import path from 'node:path';
import type pg from 'pg';
import type { Env } from '../config.ts';
import { log } from '../lib/log.ts';
import { ROOT } from '../migrate.ts';
import { loadFundataApi, type FundataApiSummary } from '../sources/fundata-api.ts';
import { startFundataReplay } from '../sources/fundata-replay.ts';

export const DEMO_DIR = path.join(ROOT, 'fundata', 'api-demo');
export const DEMO_ACCESS_KEY_ID = 'demo-placeholder-access-key-id';
export const DEMO_SECRET_ACCESS_KEY = 'demo-placeholder-secret-access-key';

export async function demo(pool: pg.Pool, e: Env): Promise<FundataApiSummary> {
  const server = await startFundataReplay({ dir: DEMO_DIR, key: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY });
  try {
    const s = await loadFundataApi(pool, {
      env: {
        ...e,
        FUNDATA_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
        FUNDATA_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY,
        FUNDATA_AUTH_URL: server.authUrl,
        FUNDATA_BASE_URL: server.baseUrl,
        FUNDATA_POLL_INTERVAL_MS: 20,
        FUNDATA_POLL_TIMEOUT_MS: 10_000,
      },
      endpoints: server.endpoints,
      retryBaseDelayMs: 200,
      retryMaxDelayMs: 2_000,
      requestTimeoutMs: 10_000,
      progress: 'never',
    });
    const line = `fundata-api (demo: generated samples of fundata/api-demo, not vendor data): ${s.landed} answers landed, ${s.skipped} unchanged since the last run, ${s.failed} failed, ${s.rows} rows`;
    if (s.failed) log.warn(line);
    else log.info(line);
    return s;
  } finally {
    await server.close();
  }
}
