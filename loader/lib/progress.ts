// Progress for long work: a bar on a terminal, plain log lines otherwise.
import cliProgress from 'cli-progress';
import { log } from './log.ts';

export interface Progress {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

function fmtBytes(n: number): string {
  return n > 1 << 30
    ? `${(n / (1 << 30)).toFixed(1)} GiB`
    : n > 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MiB`
      : `${(n / 1024).toFixed(0)} KiB`;
}

/** rows/s and bytes for a file load; total = file size in bytes. */
export function fileProgress(
  label: string,
  totalBytes: number,
  mode: 'auto' | 'always' | 'never' = 'auto',
): (rows: number, bytes: number) => void {
  const tty = mode === 'always' || (mode === 'auto' && process.stderr.isTTY);
  const t0 = performance.now();
  let lastLog = t0;
  if (mode === 'never') return () => undefined;
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {mb}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalBytes, 0, { rows: 0, rate: 0, mb: '' });
    return (rows, bytes) => {
      const s = (performance.now() - t0) / 1000;
      bar.update(bytes, { rows, rate: Math.round(rows / Math.max(s, 0.001)), mb: `${fmtBytes(bytes)}/${fmtBytes(totalBytes)}` });
      if (bytes >= totalBytes) bar.stop();
    };
  }
  return (rows, bytes) => {
    const now = performance.now();
    if (now - lastLog < 10_000 || bytes >= totalBytes) return;
    lastLog = now;
    log.info(`${label}: ${rows} rows, ${Math.round(rows / ((now - t0) / 1000))} rows/s, ${fmtBytes(bytes)} of ${fmtBytes(totalBytes)}`);
  };
}

/** Calls done of a total, with rate and errors (HTTP loads). */
export function countProgress(label: string, total: number, mode: 'auto' | 'always' | 'never' = 'auto'): Progress {
  const tty = mode === 'always' || (mode === 'auto' && process.stderr.isTTY);
  const t0 = performance.now();
  let lastLog = t0;
  if (mode !== 'never' && tty) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} | {rate}/min | errors {errors}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0, errors: 0 });
    return {
      update: (done, extra) => bar.update(done, { rate: Math.round((done / Math.max(performance.now() - t0, 1)) * 60000), ...extra }),
      stop: () => bar.stop(),
    };
  }
  return {
    update: (done, extra) => {
      const now = performance.now();
      if (mode === 'never' || now - lastLog < 10_000) return;
      lastLog = now;
      log.info(
        `${label}: ${done}/${total} (${Math.round((done / ((now - t0) / 1000)) * 60)}/min)${extra ? ' ' + JSON.stringify(extra) : ''}`,
      );
    },
    stop: () => undefined,
  };
}
