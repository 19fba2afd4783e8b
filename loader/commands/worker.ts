// `sra worker`: the long-running process (loader/worker/worker.ts). Needs
// DATABASE_URL (a worker never starts an embedded database). SIGTERM or
// SIGINT: stop scheduling, let the running step finish (up to
// SRA_SHUTDOWN_GRACE_MS), close the server, exit 0.
import type { Command } from 'commander';
import { env, requireEnv } from '../config.ts';
import { log } from '../lib/log.ts';
import { startWorker } from '../worker/worker.ts';

export function register(program: Command): void {
  program
    .command('worker')
    .description('run the daily refresh and weekly loads on their schedules, the in-database jobs where pg_cron does not, and serve /, /health and /status on PORT')
    .option('--port <port>', 'port to listen on (default: PORT, 8080)')
    .action(async (opts: { port?: string }) => {
      const e = requireEnv(env(), 'DATABASE_URL');
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw Object.assign(new Error(`--port ${opts.port}: a port number from 0 to 65535`), { name: 'UsageError' });
      }
      const worker = await startWorker({ url: e.DATABASE_URL, env: e, port });
      await new Promise<void>((resolve) => {
        const onSignal = (sig: NodeJS.Signals) => {
          log.info(`worker: ${sig} received`);
          void worker.stop().then(() => resolve());
        };
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
      });
      // a step cut off by the grace period may still hold a connection: leave now
      process.exit(0);
    });
}
