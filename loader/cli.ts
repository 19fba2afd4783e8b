// The sra command line: migrate, load, transform, demo, plus every module in
// loader/commands/ (each exports register(program)).
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { env, ConfigError, secretValues } from './config.ts';
import { registerSecret } from './lib/redact.ts';
import { log, errorMessage, setLogLevel } from './lib/log.ts';
import { withDatabase, EXIT } from './lib/command.ts';
import { migrate } from './migrate.ts';
import { asTransformer, runTransforms, retryFailedBatches, transformExitCode, waitingFailedBatches } from './transform.ts';
import { loadFundataCsv, UsageError } from './sources/fundata-csv.ts';
import { printCorrections } from './commands/quality.ts';
import { showViews } from './show-views.ts';
import pkg from '../package.json' with { type: 'json' };

export { EXIT };

export async function buildProgram(): Promise<Command> {
  const program = new Command('sra')
    .description('sra-data: Fundata and FMP data landed raw, typed and versioned in PostgreSQL, served as api views')
    .version(pkg.version)
    .showHelpAfterError()
    // usage errors throw (CommanderError) instead of exiting 1: main() exits 2;
    // every command added below, here or in loader/commands/, inherits this
    .exitOverride();

  program
    .command('migrate')
    .description('apply migrations, then transform definitions, then api views')
    .action(() =>
      withDatabase(async (_db, pool) => {
        await migrate(pool);
        log.info('database is up to date');
      }),
    );

  const load = program.command('load').description('land vendor data into raw');
  load
    .command('fundata-csv')
    .description('land Fundata CSV files (default: every *.csv under fundata/data and fundata/quotes)')
    .argument('[paths...]', 'files or folders; the dataset comes from the data/ or quotes/ folder')
    .option('--force', 'land files again even when the same SHA-256 already landed')
    .option('--transform', 'run the transforms right after landing')
    .addOption(new Option('--dataset <name>', 'dataset for every given file').choices(['fundata.data', 'fundata.quotes']))
    .action((paths: string[], opts: { force?: boolean; transform?: boolean; dataset?: string }) =>
      withDatabase(async (_db, pool, e) => {
        const s = await loadFundataCsv(pool, { paths, force: opts.force, dataset: opts.dataset, progress: e.SRA_PROGRESS });
        log.info(
          `fundata-csv: ${s.landed} landed (${s.rows} rows, ${s.rejected} rejected rows kept), ${s.skipped} skipped, ${s.failed} failed`,
        );
        // landed, but some transform or batch failed: partial
        if (opts.transform && transformExitCode(await runTransforms(pool)) !== EXIT.ok) process.exitCode = EXIT.partial;
        if (s.failed) process.exitCode = s.landed + s.skipped > 0 ? EXIT.partial : EXIT.failed;
      }),
    );

  program
    .command('transform')
    .description('run the transforms over every landed batch they have not consumed')
    .argument('[names...]', 'only these transforms')
    .option('--rebuild', 'clear the targets and rebuild them from every retained raw batch')
    .option('--retry <batch...>', 're-queue these failed batches (ops.failed_batch), then run the transforms')
    .action((names: string[], opts: { rebuild?: boolean; retry?: string[] }) =>
      withDatabase(async (_db, pool) => {
        if (opts.retry) {
          const bad = opts.retry.filter((x) => !/^[1-9][0-9]{0,18}$/.test(x));
          if (bad.length) throw new UsageError(`--retry takes batch ids (whole numbers): not ${bad.map((x) => `"${x}"`).join(', ')}`);
          const ids = opts.retry.map(Number);
          const requeued = await retryFailedBatches(pool, ids, names);
          for (const r of requeued) log.info(`transform ${r.transform_name}: batch ${r.batch_id} re-queued (attempt ${r.attempts})`);
          const missing = ids.filter((id) => !requeued.some((r) => r.batch_id === id));
          const of = names.length ? ` of ${names.join(', ')}` : '';
          if (missing.length === ids.length) {
            throw new UsageError(`no failed batch${of} to retry among ${ids.join(', ')}: ops.failed_batch lists the failed ones`);
          }
          for (const id of missing) log.warn(`batch ${id} is not a failed batch${of}: nothing to retry`);
        }
        const results = await runTransforms(pool, { only: names, rebuild: opts.rebuild });
        // batches that failed in earlier runs wait until re-queued: say so
        const earlier = (
          await waitingFailedBatches(
            pool,
            results.flatMap((r) => r.failed),
          )
        ).filter((f) => !names.length || names.includes(f.transform_name));
        for (const f of earlier.slice(0, 20)) {
          log.warn(
            `transform ${f.transform_name}: batch ${f.batch_id}${f.file_name ? ` (${f.file_name})` : ''} failed earlier (${f.attempts} attempt(s)) and waits for "sra transform --retry ${f.batch_id}"`,
          );
        }
        if (earlier.length > 20) log.warn(`… and ${earlier.length - 20} more failed batch(es): see ops.failed_batch`);
        process.exitCode = transformExitCode(results);
      }),
    );

  program
    .command('demo')
    .description('migrate, load the shipped sample data, transform, and show the api views')
    .action(() =>
      withDatabase(async (_db, pool, e) => {
        await migrate(pool);
        const s = await loadFundataCsv(pool, { progress: e.SRA_PROGRESS });
        log.info(
          `fundata-csv (demo: generated samples of fundata/data and fundata/quotes, not vendor data): ${s.landed} landed, ${s.skipped} skipped (already landed), ${s.failed} failed`,
        );
        // further demo sources: every loader/demo/*.ts exports demo(pool, env)
        const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'demo');
        for (const f of fs.existsSync(dir)
          ? fs
              .readdirSync(dir)
              .filter((x) => x.endsWith('.ts'))
              .sort()
          : []) {
          const mod = (await import(path.join(dir, f))) as { demo?: (p: typeof pool, env: typeof e) => Promise<void> };
          await mod.demo?.(pool, e);
        }
        if (transformExitCode(await runTransforms(pool)) !== EXIT.ok) process.exitCode = EXIT.partial;
        // the continuous aggregates (api.fund_nav_monthly, …) follow the transforms
        await asTransformer(pool, 'select * from agg.refresh()');
        // the analytics (api.security_metrics, api.position_analytics, …) over the new prices and positions
        await asTransformer(pool, 'select * from agg.refresh_analytics()');
        await showViews(pool);
        // the scale-error corrections the quality check proposed (docs/CORRECTIONS.md): a preview
        process.stdout.write('\nProposed corrections (sra quality corrections)\n');
        await printCorrections(pool);
      }),
    );

  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'commands');
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.ts'))
    .sort()) {
    const mod = (await import(path.join(dir, f))) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  try {
    const e = env();
    setLogLevel(e.LOG_LEVEL);
    for (const s of secretValues(e)) registerSecret(s);
    await (await buildProgram()).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed the help, the version or the usage error already
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    const usage = err instanceof ConfigError || (err as Error).name === 'UsageError' || (err as Error).name === 'DefinitionError';
    log.error(errorMessage(err));
    process.exitCode = usage ? EXIT.usage : EXIT.failed;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  // Say the real exit code explicitly once the work is done, whatever handles
  // (sockets, timers) are still open.
  if (process.exitCode) process.exit(process.exitCode);
}
