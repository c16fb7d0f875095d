import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // At least two files at once, even on two cores: much of the suite waits (child processes, sockets, timers),
    // and vitest's default (cores − 1) ran CI's files one after another. Measured on the 2-core CI machine kind:
    // 1,585 tests in 895 s with two workers against 1,269 s with one, both with other work on the machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Builds one migrated PGlite image that every test database is loaded from (test/support/pglite-image.ts).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // An unhandled rejection anywhere fails the run (discord.js surfaces payload bugs this way).
    dangerouslyIgnoreUnhandledErrors: false,
    reporters: ['default'],
    // Measured only with --coverage (.ci/run passes it); a plain `npm test` stays as fast as before.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: [],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // A red run still prints its coverage (CI shows the table either way).
      reportOnFailure: true,
      // Measured on CI's full run (stop 19, 1309 tests): 87.5 % lines overall, src/app 92.2 %, src/domain 96.4 %.
      // Nothing is excluded: wiring files (main.ts, CLIs) count too and are covered by the e2e tests.
      thresholds: {
        lines: 85,
        'src/domain/**': { lines: 90 },
        'src/app/**': { lines: 90 },
      },
    },
  },
});
