// `sra gaps`: the backfill requests of gap detection (docs/CONTINUITY.md) —
// list them, detect now, accept known gaps, run the FMP backfill.
import type { Command } from 'commander';
import { withDatabase, EXIT } from '../lib/command.ts';
import { log } from '../lib/log.ts';
import { asTransformer } from '../transform.ts';
import { detectGaps, runFmpBackfill } from '../sources/fmp-backfill.ts';
import { table } from './status.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

class GapsUsageError extends Error {
  override name = 'UsageError';
}

function asOfOption(v: string | undefined): string | undefined {
  if (v !== undefined && !DAY.test(v)) throw new GapsUsageError(`--as-of ${v}: must be a date YYYY-MM-DD`);
  return v;
}

export function register(program: Command): void {
  const gaps = program.command('gaps').description('gaps of the price series and their backfill requests (docs/CONTINUITY.md)');

  gaps
    .command('list', { isDefault: true })
    .description('the backfill requests (default: open and failed)')
    .option('--state <states>', 'comma-separated: open, filled, vendor_has_no_data, accepted, failed, all', 'open,failed')
    .option('--json', 'print JSON')
    .action((opts: { state: string; json?: boolean }) =>
      withDatabase(async (_db, pool) => {
        const states = opts.state.split(',').map((s) => s.trim());
        const { rows } = await pool.query(
          `select id, source, dataset, key, from_date::text, to_date::text, sessions, reason, state, attempts, last_error, closed_reason
           from ops.backfill_request
           where $1 = 'all' or state = any($2::text[])
           order by id`,
          [states.includes('all') ? 'all' : '', states],
        );
        if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else
          process.stdout.write(
            (rows.length
              ? table(rows, [
                  ['id', 'id'],
                  ['dataset', 'dataset'],
                  ['key', 'key'],
                  ['from_date', 'from'],
                  ['to_date', 'to'],
                  ['sessions', 'sessions'],
                  ['reason', 'reason'],
                  ['state', 'state'],
                  ['attempts', 'attempts'],
                  ['last_error', 'last error'],
                ])
              : `  (no ${opts.state} request)`) + '\n',
          );
      }),
    );

  gaps
    .command('detect')
    .description('detect gaps now (the refresh does it after its transforms)')
    .option('--as-of <date>', 'the last session to check up to (default: the last completed NYSE session)')
    .action((opts: { asOf?: string }) =>
      withDatabase(async (_db, pool) => {
        for (const r of await detectGaps(pool, asOfOption(opts.asOf)))
          log.info(
            `gaps: ${r.dataset}: ${r.series} series, ${r.missing_sessions} missing session(s), ${r.opened} window(s) opened, ${r.filled} filled, ${r.stale} stale`,
          );
      }),
    );

  gaps
    .command('accept')
    .description('accept known gaps: their requests are closed as accepted and never requested again')
    .argument('<ids...>', 'request ids (sra gaps list)')
    .option('--reason <text>', 'why (kept in closed_reason)', 'accepted by an operator')
    .action((ids: string[], opts: { reason: string }) =>
      withDatabase(async (_db, pool) => {
        const bad = ids.filter((x) => !/^\d+$/.test(x));
        if (bad.length) throw new GapsUsageError(`not a request id: ${bad.join(', ')}`);
        const { rows } = await asTransformer<{ id: string }>(pool, 'select * from ops.accept_backfill_requests($1::bigint[], $2) as id', [
          ids,
          opts.reason,
        ]);
        const done = new Set(rows.map((r) => String(r.id)));
        log.info(`gaps: ${done.size} request(s) accepted${done.size ? `: ${[...done].join(', ')}` : ''}`);
        const missing = ids.filter((x) => !done.has(String(Number(x))));
        if (missing.length) {
          log.warn(`gaps: not accepted (unknown or already filled): ${missing.join(', ')}`);
          process.exitCode = EXIT.partial;
        }
      }),
    );

  gaps
    .command('backfill')
    .description('fetch the open FMP requests now (the daily refresh and `sra load fmp` do it first)')
    .option('--as-of <date>', 'detection after the backfill checks up to this session (default: the last completed)')
    .action((opts: { asOf?: string }) =>
      withDatabase(async (_db, pool, e) => {
        if (!e.FMP_API_KEY) throw new GapsUsageError('FMP_API_KEY is not set');
        const b = await runFmpBackfill(pool, { env: e, asOf: asOfOption(opts.asOf) });
        if (b.failed || b.retried) process.exitCode = EXIT.partial;
      }),
    );
}
