// A malformed DATABASE_URL stops `sra load fundata-csv` before it touches
// anything, with one readable line that names the variable and never echoes
// the password.
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/fundata/fixtures.ts';

describe('fundata-csv configuration', () => {
  const load = (url: string) => runCli(['load', 'fundata-csv', 'fundata/data'], { DATABASE_URL: url });

  const oneLine = (stderr: string) => {
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('prints one line naming DATABASE_URL when it is not a postgres URL, and exits 2', async () => {
    const r = await load('localhost:5432/sra');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(/error configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/);
  });

  it('prints one line naming DATABASE_URL when the URL cannot be parsed, without echoing the password', async () => {
    for (const url of ['postgresql://loader:s3cr3t-pw@127.0.0.1:99999/sra', 'postgresql://loader:s3cr3t-pw@[::1/sra']) {
      const r = await load(url);
      expect(r.code).toBe(2);
      const line = oneLine(r.stderr);
      expect(line).toMatch(/error configuration: DATABASE_URL is not a valid URL/);
      expect(line).not.toContain('s3cr3t-pw');
    }
  });

  it('treats an empty DATABASE_URL as unset rather than malformed', async () => {
    // unset means "use the embedded PostgreSQL"; SRA_EMBEDDED_PORT is checked on the way there
    const r = await runCli(['load', 'fundata-csv', 'fundata/data'], { DATABASE_URL: '  ', SRA_EMBEDDED_PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/error configuration: SRA_EMBEDDED_PORT /);
  });
});
