// `sra quality …`: the scale-error corrections of ops.correction
// (docs/CORRECTIONS.md). `corrections` previews them (a dry run: old value,
// new value, why); `approve` applies them as new versions of their rows,
// `reject` turns them down, `rollback` restores the original value as a new
// version; `check` runs the range check and the detection now (the
// transforms run it after every run).
import os from 'node:os';
import type { Command } from 'commander';
import type pg from 'pg';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { UsageError } from '../sources/fundata-csv.ts';
import { checkQuality } from '../transform.ts';
import { table } from './status.ts';

const STATES = ['proposed', 'approved', 'rejected', 'rolled_back', 'auto_approved'] as const;

/** Who decided: the operating system user running the command. */
function operator(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Correction ids from the command line; anything but whole numbers is a usage error. */
function parseIds(ids: string[]): string[] {
  const bad = ids.filter((x) => !/^\d+$/.test(x));
  if (bad.length) throw new UsageError(`correction ids are whole numbers: not ${bad.map((x) => `"${x}"`).join(', ')}`);
  return ids;
}

export function register(program: Command): void {
  const quality = program
    .command('quality')
    .description('plausible ranges and scale-error corrections: preview, approve, reject, roll back (docs/CORRECTIONS.md)');

  quality
    .command('corrections')
    .description('list corrections (default: the proposed ones) with the old and the new value and why; changes nothing')
    .option('--state <state>', `${STATES.join(', ')} or all`, 'proposed')
    .option('--json', 'as JSON')
    .action((opts: { state: string; json?: boolean }) =>
      withDatabase(async (_db, pool) => {
        if (opts.state !== 'all' && !(STATES as readonly string[]).includes(opts.state))
          throw new UsageError(`--state must be one of ${STATES.join(', ')}, all: not "${opts.state}"`);
        await printCorrections(pool, opts.state, opts.json);
      }),
    );

  quality
    .command('approve')
    .description('apply proposed corrections: each becomes a new version of its row (the original stays in history)')
    .argument('[ids...]', 'correction ids')
    .option('--all', 'every proposed correction')
    .action((ids: string[], opts: { all?: boolean }) =>
      withDatabase(async (_db, pool) => {
        if (!opts.all && !ids.length) throw new UsageError('name the corrections to approve (ids) or --all');
        if (opts.all && ids.length) throw new UsageError('give ids or --all, not both');
        const { rows } = await pool.query<{ id: string; outcome: string; applied_version: number | null }>(
          opts.all
            ? `select * from ops.apply_corrections(array(select id from ops.correction where state = 'proposed'), $1)`
            : `select * from ops.apply_corrections($2::bigint[], $1)`,
          opts.all ? [operator()] : [operator(), parseIds(ids)],
        );
        report(
          rows.map((r) => [r.id, r.applied_version ? `${r.outcome}: version ${r.applied_version}` : r.outcome]),
          ids,
        );
        if (opts.all && !rows.length) log.info('no proposed corrections');
      }),
    );

  quality
    .command('reject')
    .description('turn proposed corrections down: nothing changes in the data')
    .argument('<ids...>', 'correction ids')
    .action((ids: string[]) =>
      withDatabase(async (_db, pool) => {
        const { rows } = await pool.query<{ id: string; outcome: string }>('select * from ops.reject_corrections($2::bigint[], $1)', [
          operator(),
          parseIds(ids),
        ]);
        report(
          rows.map((r) => [r.id, r.outcome]),
          ids,
        );
      }),
    );

  quality
    .command('rollback')
    .description('undo an applied correction: a new version with the original value')
    .argument('<id>', 'correction id')
    .action((id: string) =>
      withDatabase(async (_db, pool) => {
        const { rows } = await pool.query<{ id: string; outcome: string; rolled_back_version: number | null }>(
          'select * from ops.rollback_correction($2::bigint, $1)',
          [operator(), parseIds([id])[0]],
        );
        report(
          rows.map((r) => [r.id, r.rolled_back_version ? `${r.outcome}: version ${r.rolled_back_version}` : r.outcome]),
          [id],
        );
      }),
    );

  quality
    .command('check')
    .description('run the range check and the scale-error detection over the batches not checked yet')
    .action(() =>
      withDatabase(async (_db, pool) => {
        const r = await checkQuality(pool);
        if (!Array.isArray(r)) {
          process.exitCode = EXIT.failed;
          return;
        }
        // checkQuality has logged each table with findings; the clean ones in one line each
        if (!r.length) log.info('quality: nothing new to check');
        for (const x of r.filter((t) => t.out_of_range === 0 && t.proposed === 0))
          log.info(`quality ${x.table_name}: ${x.batches} batch(es), ${x.values_checked} values, all in range, nothing proposed`);
      }),
    );
}

/** Print the corrections in a state (or all): a table, then each one's reason; or JSON. Changes nothing. */
export async function printCorrections(pool: pg.Pool, state = 'proposed', json = false): Promise<void> {
  const { rows } = await pool.query(
    `select id, "table", key, "column", data_version, old_value::text as old_value, new_value::text as new_value,
          factor::text as factor, state, reason, proposed_at, decided_at, decided_by, applied_version, rolled_back_version
       from ops.correction
       where $1 = 'all' or state = $1
       order by id`,
    [state],
  );
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (!rows.length) {
    process.stdout.write(`no ${state === 'all' ? '' : `${state} `}corrections\n`);
    return;
  }
  process.stdout.write(
    `${table(rows, [
      ['id', 'id'],
      ['table', 'table'],
      ['key', 'key'],
      ['column', 'column'],
      ['data_version', 'version'],
      ['old_value', 'old'],
      ['new_value', 'new'],
      ['factor', 'factor'],
      ['state', 'state'],
    ])}\n`,
  );
  for (const r of rows) process.stdout.write(`  #${r.id}: ${r.reason}\n`);
  if (state === 'proposed')
    process.stdout.write('dry run: nothing applied. Apply with `sra quality approve <id…>` or `--all`; `sra quality reject <id…>`.\n');
}

/** One line per id; exit 3 when some were not done, 1 when none was. */
function report(rows: [id: string, outcome: string][], asked: string[]): void {
  const seen = new Set(rows.map(([id]) => String(id)));
  const missing = asked.filter((x) => !seen.has(String(BigInt(x))));
  for (const [id, outcome] of rows) process.stdout.write(`correction ${id}: ${outcome}\n`);
  for (const id of missing) process.stdout.write(`correction ${id}: no such correction\n`);
  const done = rows.filter(([, o]) => /^(approved|rejected|rolled_back)/.test(o)).length;
  const total = rows.length + missing.length;
  if (total && done === 0) process.exitCode = EXIT.failed;
  else if (done < total) process.exitCode = EXIT.partial;
}
