import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // each test file works in its own database cloned from the migrated template
    pool: 'forks',
    maxWorkers: 2,
  },
});
