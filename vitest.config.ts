import { defineConfig } from 'vitest/config';

// `npm test` runs everything CI runs. `npm run test:fast` skips the suites tagged slow
// (image builds, large generated corpora) for the inner development loop.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      '**/dist/**',
      ...(process.env.SECFLOW_FAST ? ['**/*.slow.test.ts'] : []),
    ],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
