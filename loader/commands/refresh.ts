// `sra refresh`: the unified refresh (loader/refresh.ts). Exit code 0 when
// every step that ran completed, 3 when some did not (or the refresh was
// stopped), 1 when none did or another refresh was already running.
import type { Command } from 'commander';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { runRefresh, refreshExitCode, refreshSteps, RefreshBusyError } from '../refresh.ts';

export function register(program: Command): void {
  program
    .command('refresh')
    .description('the unified refresh: FMP daily datasets → Fundata data → Fundata quotes → transforms → aggregates')
    .option('--weekly', 'the weekly loads instead: FMP profiles, statements, ratios, metrics, scores, growth, peers, ETF data')
    .addHelpText(
      'after',
      `\nDaily steps:  ${refreshSteps('daily')
        .map((s) => s.name)
        .join(' → ')}\nWeekly steps: ${refreshSteps('weekly')
        .map((s) => s.name)
        .join(' → ')}\n` + 'A source whose credentials are not set is skipped. Exit codes: 0 completed, 3 partial, 1 failed.\n',
    )
    .action((opts: { weekly?: boolean }) =>
      withDatabase(async (_db, pool, e) => {
        // the first SIGINT/SIGTERM stops before the next step; the running step finishes or rolls back
        const stop = new AbortController();
        const onSignal = (sig: string) => {
          log.warn(`${sig}: stopping after the current step`);
          stop.abort();
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const r = await runRefresh(pool, { kind: opts.weekly ? 'weekly' : 'daily', env: e, signal: stop.signal });
          process.exitCode = refreshExitCode(r.status);
        } catch (err) {
          if (err instanceof RefreshBusyError) {
            log.error(err.message);
            process.exitCode = EXIT.failed;
            return;
          }
          throw err;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }),
    );
}
