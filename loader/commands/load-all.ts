// `sra load all` (`make load`): land every source this installation is
// configured for — the Fundata CSV files, then the Fundata API and FMP where
// their credentials are set — each isolated, then optionally transform.
import type { Command } from 'commander';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log, errorMessage } from '../lib/log.ts';
import { loadFundataCsv } from '../sources/fundata-csv.ts';
import { loadFundataApi } from '../sources/fundata-api.ts';
import { loadFmp } from '../sources/fmp.ts';
import { runTransforms, transformExitCode } from '../transform.ts';

type Outcome = 'completed' | 'partial' | 'failed' | 'skipped';

export function register(program: Command): void {
  const load = program.commands.find((c) => c.name() === 'load');
  if (!load) throw new Error('the "load" command group is missing');
  load
    .command('all')
    .description('land every configured source: Fundata CSV files, then the Fundata API and FMP where credentials are set')
    .option('--transform', 'run the transforms after landing')
    .action((opts: { transform?: boolean }) =>
      withDatabase(async (_db, pool, e) => {
        const outcomes: [string, Outcome][] = [];
        const step = async (name: string, skip: string | undefined, fn: () => Promise<Outcome>) => {
          if (skip) {
            log.info(`${name}: skipped: ${skip}`);
            outcomes.push([name, 'skipped']);
            return;
          }
          try {
            outcomes.push([name, await fn()]);
          } catch (err) {
            log.error(`${name}: ${errorMessage(err)}`);
            outcomes.push([name, 'failed']);
          }
        };
        await step('fundata-csv', undefined, async () => {
          const s = await loadFundataCsv(pool, { progress: e.SRA_PROGRESS });
          log.info(`fundata-csv: ${s.landed} landed (${s.rows} rows), ${s.skipped} skipped, ${s.failed} failed`);
          return s.failed === 0 ? 'completed' : s.landed + s.skipped > 0 ? 'partial' : 'failed';
        });
        await step(
          'fundata-api',
          e.FUNDATA_ACCESS_KEY_ID && e.FUNDATA_SECRET_ACCESS_KEY
            ? undefined
            : 'FUNDATA_ACCESS_KEY_ID and FUNDATA_SECRET_ACCESS_KEY are not set',
          async () => {
            const s = await loadFundataApi(pool, { env: e, progress: e.SRA_PROGRESS });
            log.info(`fundata-api: ${s.landed} landed (${s.rows} rows), ${s.skipped} unchanged, ${s.failed} failed`);
            return s.status === 'completed' ? 'completed' : s.status === 'partial' ? 'partial' : 'failed';
          },
        );
        await step('fmp', e.FMP_API_KEY ? undefined : 'FMP_API_KEY is not set', async () => {
          const s = await loadFmp(pool, { env: e, progress: e.SRA_PROGRESS });
          return s.status === 'completed' ? 'completed' : s.status === 'partial' ? 'partial' : 'failed';
        });
        // a transform or batch that failed makes the load partial
        if (opts.transform && transformExitCode(await runTransforms(pool)) !== EXIT.ok) outcomes.push(['transforms', 'partial']);
        const ran = outcomes.filter(([, o]) => o !== 'skipped');
        if (ran.some(([, o]) => o !== 'completed')) {
          process.exitCode = ran.some(([, o]) => o === 'completed' || o === 'partial') ? EXIT.partial : EXIT.failed;
        }
      }),
    );
}
