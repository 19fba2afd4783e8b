// `sra schema list|accept|reject|policy`: the vendor field changes the
// transforms found (ops.schema_change), the batches held for them, and the
// operator's decisions, each with who, when and why (docs/SCHEMA-DRIFT.md).
import os from 'node:os';
import type { Command } from 'commander';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { table } from './status.ts';
import {
  POLICIES,
  acceptSchemaChanges,
  changeLine,
  heldBatches,
  rejectSchemaChanges,
  schemaChanges,
  setSchemaPolicy,
} from '../schema-drift.ts';

const who = (by?: string) => by ?? process.env.USER ?? os.userInfo().username;

function requireReason(reason: string | undefined, what: string): string | undefined {
  if (reason && reason.trim()) return reason.trim();
  log.error(`sra schema ${what}: --reason is required (it is kept with the decision)`);
  process.exitCode = EXIT.usage;
  return undefined;
}

export function register(program: Command): void {
  const schema = program.command('schema').description('vendor field changes: list them, accept or reject them, set a dataset policy');

  for (const name of ['list', 'status']) {
    schema
      .command(name)
      .description('the open schema changes and the batches held for them (--all: every change and decision)')
      .argument('[dataset]', 'only this dataset')
      .option('--all', 'every change, decided ones too')
      .option('--json', 'print JSON')
      .action((dataset: string | undefined, opts: { all?: boolean; json?: boolean }) =>
        withDatabase(async (_db, pool) => {
          const changes = await schemaChanges(pool, { all: opts.all, dataset });
          const held = (await heldBatches(pool)).filter((h) => !dataset || h.dataset === dataset);
          if (opts.json) {
            process.stdout.write(JSON.stringify({ changes, held_batches: held }, null, 2) + '\n');
            return;
          }
          const out = [
            `Schema changes${opts.all ? '' : ' (open)'}`,
            changes.length
              ? table(changes as unknown as Record<string, unknown>[], [
                  ['dataset', 'dataset'],
                  ['field', 'field'],
                  ['change', 'change'],
                  ['previous_field', 'was'],
                  ['previous_type', 'from'],
                  ['new_type', 'to'],
                  ['example', 'example'],
                  ['state', 'state'],
                  ['policy', 'policy'],
                  ['batches', 'batches'],
                  ['held_batches', 'held'],
                ])
              : '  (none)',
            '',
            'Held batches (landed, not transformed until "sra schema accept <dataset>")',
            held.length
              ? table(held as unknown as Record<string, unknown>[], [
                  ['batch_id', 'batch'],
                  ['dataset', 'dataset'],
                  ['file_name', 'file'],
                  ['changes', 'changes'],
                ])
              : '  (none)',
          ];
          process.stdout.write(out.join('\n') + '\n');
        }),
      );
  }

  for (const verb of ['accept', 'reject'] as const) {
    schema
      .command(verb)
      .description(
        verb === 'accept'
          ? "accept a dataset's open changes: its held batches are released and the next transform consumes them"
          : "reject a dataset's open changes: its batches showing them stay landed and are never transformed",
      )
      .argument('<dataset>', 'the dataset, e.g. fundata.quotes')
      .requiredOption('--reason <text>', 'why (kept with the decision)')
      .option('--by <name>', 'who decides (default: the user)')
      .option('--field <name...>', 'only these fields')
      .action((dataset: string, opts: { reason: string; by?: string; field?: string[] }) =>
        withDatabase(async (_db, pool) => {
          const reason = requireReason(opts.reason, verb);
          if (!reason) return;
          const fn = verb === 'accept' ? acceptSchemaChanges : rejectSchemaChanges;
          const done = await fn(pool, dataset, reason, who(opts.by), opts.field);
          if (!done.length) {
            log.info(`schema ${verb}: ${dataset} has no open change`);
            return;
          }
          const batches = [...new Set(done.flatMap((d) => d.batch_ids))].sort((a, b) => a - b);
          for (const d of done)
            log.info(`schema ${verb}ed: ${changeLine({ dataset, previous_field: null, previous_type: null, new_type: null, ...d })}`);
          log.info(
            verb === 'accept'
              ? `schema accept: ${batches.length} batch(es) released (${batches.join(', ')}): "sra transform" consumes them`
              : `schema reject: ${batches.length} batch(es) stay landed and untransformed (${batches.join(', ')})`,
          );
        }),
      );
  }

  schema
    .command('policy')
    .description(`set what a change does to a dataset's batches: ${POLICIES.join(', ')}`)
    .argument('<dataset>', 'the dataset')
    .argument('<policy>', POLICIES.join(' | '))
    .requiredOption('--reason <text>', 'why (kept with the decision)')
    .option('--by <name>', 'who decides (default: the user)')
    .action((dataset: string, policy: string, opts: { reason: string; by?: string }) =>
      withDatabase(async (_db, pool) => {
        if (!(POLICIES as readonly string[]).includes(policy)) {
          log.error(`sra schema policy: "${policy}" is not one of ${POLICIES.join(', ')}`);
          process.exitCode = EXIT.usage;
          return;
        }
        const reason = requireReason(opts.reason, 'policy');
        if (!reason) return;
        await setSchemaPolicy(pool, dataset, policy, reason, who(opts.by));
        log.info(`schema policy: ${dataset} ${policy}`);
      }),
    );
}
