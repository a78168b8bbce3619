import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: the reliability campaigns (issue 5), one file at a time. Not part of
// `npm test`; RELIABILITY_SCALE=full for the full-size runs (see bench/README.md).
export default defineConfig({
  test: {
    include: ['packages/server/src/reliability/**/*.reliability.ts'],
    globalSetup: ['packages/server/src/test/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default'],
  },
});
