// `sra load positions FILE…`: land position files (loader/sources/positions.ts).
import type { Command } from 'commander';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { asTransformer, runTransforms } from '../transform.ts';
import { loadPositions } from '../sources/positions.ts';

export function register(program: Command): void {
  const load = program.commands.find((c) => c.name() === 'load');
  if (!load) throw new Error('the "load" command group is missing');
  load
    .command('positions')
    .description('land portfolio position files (CSV, or a JSON array of objects) as dataset positions.portfolio')
    .argument('<paths...>', 'position files (.csv, .json) or folders holding them')
    .option('--force', 'land files again even when the same SHA-256 already landed')
    .option('--transform', 'run the positions transform and the analytics build right after landing')
    .action((paths: string[], opts: { force?: boolean; transform?: boolean }) =>
      withDatabase(async (_db, pool) => {
        const s = await loadPositions(pool, { paths, force: opts.force });
        log.info(
          `positions: ${s.landed} landed (${s.rows} rows, ${s.rejected} rejected rows kept), ${s.skipped} skipped, ${s.failed} failed`,
        );
        if (opts.transform) {
          await runTransforms(pool, { only: ['positions'] });
          await asTransformer(pool, 'select * from agg.refresh_analytics()');
        }
        if (s.failed) process.exitCode = s.landed + s.skipped > 0 ? EXIT.partial : EXIT.failed;
      }),
    );
}
