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
  },
});
