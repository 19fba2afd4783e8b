// The environment, parsed once (dotenv + zod). Empty strings count as unset;
// a missing or malformed variable fails with one line naming it.
import 'dotenv/config';
import { z } from 'zod';
import { Cron } from 'croner';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess(empty, s.optional());
const withDefault = <T extends z.ZodTypeAny>(s: T, d: z.input<T>) => z.preprocess(empty, s.default(d as never));

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
  // caught here, the operator reads the variable's name instead of pg's bare "Invalid URL"
  .refine(
    (v) => !/^postgres(ql)?:\/\//.test(v) || URL.canParse(v),
    'is not a valid URL (check the host and port, and percent-encode special characters in the password)',
  );

/** A cron expression croner accepts (5 fields, or 6 with seconds). */
const cronExpression = z.string().refine((v) => {
  try {
    new Cron(v, { paused: true, timezone: 'UTC' }).stop();
    return true;
  } catch {
    return false;
  }
}, 'is not a valid cron expression (e.g. "0 2 * * *")');

/** A size in bytes: at least 1 KiB, at most 256 MiB (a jsonb value holds less than 256 MiB). */
const byteBound = z.coerce
  .number({ error: 'must be a number of bytes' })
  .int('must be a whole number of bytes')
  .min(1024, 'must be at least 1024 (bytes)')
  .max(256 << 20, 'must be at most 268435456 (256 MiB: a jsonb value holds less)');

export const envSchema = z.object({
  DATABASE_URL: opt(postgresUrl),
  SRA_DATA_DIR: withDefault(z.string(), '.sra'),
  SRA_EMBEDDED_PORT: withDefault(z.coerce.number().int().min(1024).max(65535), 54329),
  SRA_POSTGRES_BIN_DIR: opt(z.string()),
  LOG_LEVEL: withDefault(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  SRA_PROGRESS: withDefault(z.enum(['auto', 'always', 'never']), 'auto'),

  // landing bounds: a larger CSV field or row is kept aside in raw.rejected_row,
  // a larger API document is not landed (docs/LOADING.md)
  SRA_MAX_FIELD_BYTES: withDefault(byteBound, 1 << 20),
  SRA_MAX_RECORD_BYTES: withDefault(byteBound, 10 << 20),
  SRA_MAX_DOCUMENT_BYTES: withDefault(byteBound, 64 << 20),

  FMP_API_KEY: opt(z.string().min(8, 'looks too short to be an FMP API key')),
  FMP_API_GENERATION: withDefault(z.enum(['stable', 'v3']), 'stable'),
  FMP_BASE_URL: opt(z.url()),
  FMP_CALLS_PER_MINUTE: withDefault(z.coerce.number().int().min(1).max(3000), 300),
  FMP_MAX_IN_FLIGHT: withDefault(z.coerce.number().int().min(1).max(50), 50),
  FMP_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100), 30000),
  FMP_SYMBOLS: opt(z.string()),
  FMP_ETF_SYMBOLS: opt(z.string()),
  FMP_MARKET_SYMBOLS: opt(z.string()),
  FMP_RETRY_BASE_MS: withDefault(z.coerce.number().int().min(1).max(60000), 1000),
  FMP_MAX_RETRIES: withDefault(z.coerce.number().int().min(0).max(5), 5),
  FMP_CIRCUIT_BREAKER_FAILURES: withDefault(z.coerce.number().int().min(1), 10),

  FUNDATA_ACCESS_KEY_ID: opt(z.string()),
  FUNDATA_SECRET_ACCESS_KEY: opt(z.string()),
  FUNDATA_AUTH_URL: withDefault(z.url(), 'https://authenticate.fundataapi.com/authenticate'),
  FUNDATA_BASE_URL: withDefault(z.url(), 'https://dbsync.fundataapi.com'),
  FUNDATA_POLL_INTERVAL_MS: withDefault(z.coerce.number().int().min(10), 5000),
  FUNDATA_POLL_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100), 30 * 60 * 1000),

  // the worker (`sra worker`): HTTP port, schedules (UTC cron expressions), retention
  PORT: withDefault(z.coerce.number().int().min(1).max(65535), 8080),
  // the daily refresh at the New York close: 20:30 and 21:30 UTC, and with
  // SRA_REFRESH_AT_CLOSE=on only the firing at 16:30 New York time goes ahead
  // (ops.new_york_close_due: EDT in summer, EST in winter; docs/CONTINUITY.md)
  SRA_REFRESH_CRON: withDefault(cronExpression, '30 20,21 * * 1-5'),
  SRA_REFRESH_AT_CLOSE: withDefault(z.enum(['on', 'off']), 'on'),
  SRA_WEEKLY_CRON: withDefault(cronExpression, '0 3 * * 0'),
  // the FMP backfill of open gap requests, off the refresh, maintenance and retention hours
  SRA_BACKFILL_CRON: withDefault(cronExpression, '0 11 * * 1-6'),
  SRA_RAW_RETENTION_DAYS: opt(z.coerce.number().int().min(0)),
  SRA_SHUTDOWN_GRACE_MS: withDefault(z.coerce.number().int().min(0), 25_000),
  // /status and /metrics: with a token, only requests bearing it; without, only loopback requests
  SRA_ADMIN_TOKEN: opt(z.string().min(16, 'must be at least 16 characters')),
  // /health answers from a probe (select 1) run every SRA_HEALTH_INTERVAL_MS, each within SRA_HEALTH_TIMEOUT_MS
  SRA_HEALTH_INTERVAL_MS: withDefault(z.coerce.number().int().min(50).max(60_000), 250),
  SRA_HEALTH_TIMEOUT_MS: withDefault(z.coerce.number().int().min(50).max(60_000), 500),
  // statement timeout of the /status and /metrics queries
  SRA_STATUS_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100), 5000),

  // database connections (every command and the worker): 0 turns a timeout off
  SRA_DB_CONNECT_TIMEOUT_MS: withDefault(z.coerce.number().int().min(0), 10_000),
  SRA_DB_STATEMENT_TIMEOUT_MS: withDefault(z.coerce.number().int().min(0), 3_600_000),
  SRA_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: withDefault(z.coerce.number().int().min(0), 600_000),
  SRA_DB_IDLE_TIMEOUT_MS: withDefault(z.coerce.number().int().min(0), 30_000),
});

export type Env = z.infer<typeof envSchema>;

/** Parse an environment; throws ConfigError naming the first bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const hint = issue.code === 'invalid_type' && /undefined/.test(issue.message) ? 'is required' : issue.message;
    throw new ConfigError(`configuration: ${name} ${hint}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The variables a command cannot run without, named in one line when absent. */
export function requireEnv<K extends keyof Env>(e: Env, ...keys: K[]): { [P in K]-?: NonNullable<Env[P]> } & Env {
  const missing = keys.filter((k) => e[k] === undefined);
  if (missing.length) {
    throw new ConfigError(
      `configuration: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required (set it in the environment or .env)`,
    );
  }
  return e as never;
}

/** Every configured secret value, so logs and stored text can be scrubbed of them. */
export function secretValues(e: Env): string[] {
  return [e.FMP_API_KEY, e.FUNDATA_ACCESS_KEY_ID, e.FUNDATA_SECRET_ACCESS_KEY, e.SRA_ADMIN_TOKEN].filter(
    (v): v is string => typeof v === 'string' && v.length >= 4,
  );
}

/** The connection timeouts of a pool, from the environment (loader/lib/db.ts makePool). */
export function dbTimeouts(e: Env) {
  return {
    connectTimeoutMs: e.SRA_DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.SRA_DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: e.SRA_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    idleTimeoutMs: e.SRA_DB_IDLE_TIMEOUT_MS,
  };
}
