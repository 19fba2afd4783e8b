// `sra worker`: the long-running process (loader/worker/worker.ts). Needs
// DATABASE_URL (a worker never starts an embedded database). It listens at
// once and reaches the database when it can. SIGTERM or SIGINT: stop
// scheduling, let the running step finish, cancel its statement when the
// grace period (SRA_SHUTDOWN_GRACE_MS) nears its end, close the server, exit 0.
import type { Command } from 'commander';
import { env, requireEnv } from '../config.ts';
import { log } from '../lib/log.ts';
import { Worker } from '../worker/worker.ts';

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'run the daily refresh and weekly loads on their schedules, the in-database jobs where pg_cron does not, and serve /, /health, /status and /metrics on PORT',
    )
    .option('--port <port>', 'port to listen on (default: PORT, 8080)')
    .action(async (opts: { port?: string }) => {
      const e = requireEnv(env(), 'DATABASE_URL');
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw Object.assign(new Error(`--port ${opts.port}: a port number from 0 to 65535`), { name: 'UsageError' });
      }
      // One handler for the process's whole life, installed before start-up
      // and never removed: a signal arriving while start-up completes is
      // neither lost nor left to the default action. A signal during start-up
      // (a database that does not answer, say) stops the worker at once.
      const worker = new Worker({ url: e.DATABASE_URL, env: e, port });
      let signalled = false;
      const stopped = new Promise<void>((resolve) => {
        const onSignal = (sig: NodeJS.Signals) => {
          if (signalled) return log.info(`worker: ${sig} received again: already stopping`);
          signalled = true;
          log.info(`worker: ${sig} received`);
          // the last resort: whatever the clean-up waits on, the process leaves soon after its grace
          const limitMs = e.SRA_SHUTDOWN_GRACE_MS + 5000;
          setTimeout(() => {
            log.warn(`worker: still stopping ${limitMs / 1000}s after ${sig}: exiting now`);
            resolve();
          }, limitMs).unref();
          void worker.stop().then(
            () => resolve(),
            () => resolve(),
          );
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      try {
        await worker.start();
      } catch (err) {
        // a start-up cut short by a signal is a stop, not a failure
        if (!signalled) throw err;
      }
      await stopped;
      // a step cut off by the grace period may still hold a connection: leave now
      process.exit(0);
    });
}
