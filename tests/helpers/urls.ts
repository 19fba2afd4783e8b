const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The test server's URL with another database name. */
export function withDb(name: string): string {
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

export function serverUrl(name = 'postgres'): string {
  return withDb(name);
}
