// Usage errors exit 2, as the README says, for every command (those in
// loader/cli.ts and those registered from loader/commands/): an unknown
// command or option, a value outside the allowed choices, a missing option
// argument or subcommand. --help and --version still exit 0.
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/fundata/fixtures.ts';

// no command below reaches the database: usage is checked first
const env = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/never_used' };
const sra = (...args: string[]) => runCli(args, env);

describe('sra usage errors', () => {
  it.each([
    [['nope'], /error: unknown command 'nope'/],
    [['load', 'fundata-csv', '--nope'], /error: unknown option '--nope'/],
    [['load', 'fundata-csv', '--dataset', 'fundata.prices'], /error: option '--dataset <name>' argument 'fundata\.prices' is invalid/],
    [['load', 'fmp', '--period', 'weekly'], /error: option '--period <period>' argument 'weekly' is invalid/],
    [['refresh', '--nope'], /error: unknown option '--nope'/],
    [['worker', '--port'], /error: option '--port <port>' argument missing/],
    [['load'], /Usage: sra load/],
  ])('sra %j exits 2 and says why', async (args, says) => {
    const r = await sra(...args);
    expect(r.stderr).toMatch(says);
    expect(r.code).toBe(2);
  });

  it.each([[['--help']], [['load', 'fundata-csv', '--help']], [['help', 'load']]])('sra %j prints the help and exits 0', async (args) => {
    const r = await sra(...args);
    expect(r.stdout).toMatch(/^Usage: sra/);
    expect(r.code).toBe(0);
  });

  it('exits 0 for --version', async () => {
    const v = await sra('--version');
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(v.code).toBe(0);
  });
});
