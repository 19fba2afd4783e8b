// `sra load fmp`: land FMP datasets (loader/sources/fmp.ts), print a summary
// per dataset, optionally run the FMP transforms right after.
import type { Command } from 'commander';
import { Option } from 'commander';
import type pg from 'pg';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { runTransforms, transformExitCode } from '../transform.ts';
import { loadFmp, parseSymbols, resolveDatasets, FMP_DATASET_NAMES, FmpUsageError, type FmpLoadSummary } from '../sources/fmp.ts';
import { BACKFILL_TRANSFORMS, runFmpBackfill } from '../sources/fmp-backfill.ts';

interface Opts {
  datasets?: string;
  symbols?: string;
  etfSymbols?: string;
  analyticsSymbols?: boolean;
  from?: string;
  to?: string;
  period?: 'annual' | 'quarter';
  limit?: string;
  force?: boolean;
  transform?: boolean;
  backfill?: boolean;
}

/** The per-dataset lines of a load's summary. */
export function formatSummary(s: FmpLoadSummary): string[] {
  const lines = s.datasets.map((d) => {
    const parts = [`${d.succeeded}/${d.calls} ok`, `${d.landed} landed`];
    if (d.unchanged) parts.push(`${d.unchanged} unchanged`);
    if (d.empty) parts.push(`${d.empty} empty`);
    if (d.failed) parts.push(`${d.failed} failed`);
    if (d.skipped) parts.push(`${d.skipped} skipped`);
    parts.push(`${d.rows} rows`);
    if (d.attempts > d.succeeded + d.failed) parts.push(`${d.attempts} attempts`);
    return `  ${d.dataset.padEnd(28)} ${parts.join(', ')}${d.stopped ? ` — stopped: ${d.stopped}` : ''}`;
  });
  return [
    `fmp: ${s.status}: ${s.succeeded}/${s.calls} calls ok (${s.landed} landed, ${s.unchanged} unchanged), ${s.failed} failed, ${s.skipped} skipped, ${s.rows} rows, ${s.attempts} HTTP attempts in ${(s.ms / 1000).toFixed(1)}s (${s.callsPerMinute}/min)`,
    ...lines,
  ];
}

/** The transforms that consume any FMP dataset. */
async function fmpTransforms(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select name from ops.transform_definition where kind = 'transform' and datasets && $1::text[] order by file_path`,
    [FMP_DATASET_NAMES],
  );
  return rows.map((r) => r.name);
}

export function register(program: Command): void {
  const load = program.commands.find((c) => c.name() === 'load');
  if (!load) throw new Error('the "load" command group is missing');
  load
    .command('fmp')
    .description('land FMP datasets (default: all; see docs/FMP.md) for the configured universe')
    .option('--datasets <names>', 'comma-separated: daily, weekly, all, or dataset names (profile, equity_price, …)')
    .option(
      '--symbols <list>',
      "symbols (comma-separated); default FMP_SYMBOLS, then core.equity_profile, then FMP's symbol list (given symbols: the symbol list loads only when named in --datasets)",
    )
    .option('--etf-symbols <list>', 'ETF symbols for the ETF datasets; default FMP_ETF_SYMBOLS, then the database')
    .option(
      '--no-analytics-symbols',
      'price history, dividends and splits: leave out the position symbols, underlyings and factor ETFs the analytics need',
    )
    .option('--from <date>', 'price history and treasury from YYYY-MM-DD (default: 7 days before --to)')
    .option('--to <date>', 'price history and treasury to YYYY-MM-DD (default: today)')
    .addOption(new Option('--period <period>', 'statements: annual or quarter (default: both)').choices(['annual', 'quarter']))
    .option('--limit <n>', "rows per statement call (FMP's limit)")
    .option('--force', 'land answers even when identical to the last answer to the same request')
    .option('--transform', 'run the FMP transforms right after landing')
    .option('--no-backfill', 'do not fetch the open backfill requests of the price and treasury datasets first (docs/CONTINUITY.md)')
    .action((opts: Opts) =>
      withDatabase(async (_db, pool, e) => {
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
          throw new FmpUsageError(`--limit ${opts.limit}: a whole number from 1`);
        // open backfill requests first: only their missing windows, landed, transformed and settled
        const names = resolveDatasets(opts.datasets?.split(',')).map((d) => d.name);
        if (opts.backfill !== false && names.some((n) => n in BACKFILL_TRANSFORMS)) {
          await runFmpBackfill(pool, { env: e });
        }
        const s = await loadFmp(pool, {
          env: e,
          datasets: opts.datasets?.split(','),
          symbols: parseSymbols(opts.symbols, '--symbols'),
          etfSymbols: parseSymbols(opts.etfSymbols, '--etf-symbols'),
          noAnalyticsSymbols: opts.analyticsSymbols === false,
          from: opts.from,
          to: opts.to,
          period: opts.period,
          limit,
          force: opts.force,
          progress: e.SRA_PROGRESS,
        });
        for (const line of formatSummary(s)) log.info(line);
        if (opts.transform) {
          const names = await fmpTransforms(pool);
          // landed, but some transform or batch failed: partial
          if (names.length) {
            if (transformExitCode(await runTransforms(pool, { only: names, parentRunId: s.taskRunId })) !== EXIT.ok)
              process.exitCode = EXIT.partial;
          } else log.warn('fmp: no transform consumes FMP datasets yet; the batches wait in raw');
        }
        if (s.status === 'failed') process.exitCode = EXIT.failed;
        else if (s.status === 'partial') process.exitCode = EXIT.partial;
      }),
    );
}
