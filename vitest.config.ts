import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
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
      // Enforced: src/domain ≥ 90 % lines (measured 90.7 % from the unit tests alone). The targets of
      // 85 % overall and 90 % for src/app are not enforced yet: the whole suite with coverage has not yet completed
      // once on this machine, so they are unmeasured, and a gate nobody has seen pass would turn CI red for
      // everyone. Once .ci/run prints the table, add `lines: 85` and `'src/app/**': { lines: 90 }` here.
      thresholds: {
        'src/domain/**': { lines: 90 },
      },
    },
  },
});
