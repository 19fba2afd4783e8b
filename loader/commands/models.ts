// `sra models`: regenerate the client models from the live api views
// (loader/models/generate.ts); `--check` only compares and fails when the
// committed files are out of date.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { ROOT } from '../migrate.ts';
import { generateModels, PYTHON_FILE, TS_FILE } from '../models/generate.ts';

export function register(program: Command): void {
  program
    .command('models')
    .description('generate the client models (Pydantic: clients/python/sra_models.py, zod: clients/ts/models.ts) from the live api views')
    .option('--check', 'do not write: fail (exit 1) when the committed files differ from the views')
    .action((opts: { check?: boolean }) =>
      withDatabase(async (_db, pool) => {
        const { python, ts, views } = await generateModels(pool);
        const files: [string, string][] = [
          [PYTHON_FILE, python],
          [TS_FILE, ts],
        ];
        const stale = files.filter(([f, text]) => !fs.existsSync(f) || fs.readFileSync(f, 'utf8') !== text);
        if (opts.check) {
          if (stale.length) {
            log.error(`client models out of date: ${stale.map(([f]) => path.relative(ROOT, f)).join(', ')}: run "make models"`);
            process.exitCode = EXIT.failed;
          } else {
            log.info(`client models match the ${views.length} api views`);
          }
          return;
        }
        for (const [f, text] of stale) {
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, text);
        }
        log.info(
          `client models: ${views.length} api views, ${views.reduce((a, v) => a + v.columns.length, 0)} columns; ` +
            (stale.length ? `wrote ${stale.map(([f]) => path.relative(ROOT, f)).join(', ')}` : 'already up to date'),
        );
      }),
    );
}
