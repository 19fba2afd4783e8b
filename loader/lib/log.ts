// Plain log lines on stderr (timestamp, level, message), scrubbed of secrets.
import { redact } from './redact.ts';

const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type Level = keyof typeof order;
let threshold: Level = (process.env.LOG_LEVEL as Level) in order ? (process.env.LOG_LEVEL as Level) : 'info';

export function setLogLevel(level: Level): void {
  threshold = level;
}

function write(level: Level, msg: string): void {
  if (order[level] < order[threshold]) return;
  process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${redact(msg)}\n`);
}

export const log = {
  debug: (m: string) => write('debug', m),
  info: (m: string) => write('info', m),
  warn: (m: string) => write('warn', m),
  error: (m: string) => write('error', m),
};

export function errorMessage(err: unknown): string {
  return redact(err instanceof Error ? err.message : String(err));
}
