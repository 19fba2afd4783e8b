// `sra load fundata-api`: sync the Fundata API (loader/sources/fundata-api.ts).
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { FUNDATA_ENDPOINTS, loadFundataApi, UsageError } from '../sources/fundata-api.ts';

const Options = z.object({
  endpoints: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : undefined,
    ),
  from: z.iso.date({ error: '--from must be a date YYYY-MM-DD' }).optional(),
  transform: z.boolean().optional(),
  force: z.boolean().optional(),
  concurrency: z.coerce.number({ error: '--concurrency must be a whole number from 1 to 8' }).int().min(1).max(8).optional(),
});

export function register(program: Command): void {
  const load = program.commands.find((c) => c.name() === 'load');
  if (!load) throw new Error('the "load" command group is missing');
  load
    .command('fundata-api')
    .description('sync the Fundata API (all 21 dbsync endpoints, incremental from the newest date already landed)')
    .option('--endpoints <list>', `comma-separated endpoints or datasets, e.g. fund/getdailynavps,fund/getgeneral (default: all)`)
    .option('--from <date>', 'ask every endpoint from this date (YYYY-MM-DD) instead of the day after the newest landed date')
    .option('--transform', 'run the transforms of the synced datasets right after landing')
    .option('--force', 'land a download even when the same bytes already landed for its dataset')
    .addOption(new Option('--concurrency <n>', 'endpoints in flight at once').default('4'))
    .addHelpText('after', `\nEndpoints:\n${FUNDATA_ENDPOINTS.map((e) => `  ${e.endpoint.padEnd(34)} → ${e.dataset}`).join('\n')}\n`)
    .action((raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
      const opts = parsed.data;
      return withDatabase(async (_db, pool, e) => {
        const s = await loadFundataApi(pool, { ...opts, env: e, progress: e.SRA_PROGRESS });
        log.info(
          `fundata-api: ${s.landed} landed (${s.rows} rows), ${s.skipped} unchanged, ${s.failed} failed` +
            (s.tokenRenewals ? `, token renewed ${s.tokenRenewals} time(s)` : ''),
        );
        if (s.status !== 'completed') process.exitCode = s.status === 'partial' ? EXIT.partial : EXIT.failed;
      });
    });
}
