// @ts-check
/**
 * `npm run mutate`: mutation testing of the paths that move money (not part of CI: too slow for it).
 * The report is summarised by hand in docs/quality/mutation.md; the HTML/JSON output stays in reports/ (ignored).
 *
 * It runs in two parts (MUTATE_PART), one after the other:
 * - `domain`: src/domain (the guard, money, market, strategy) against the pure unit tests only — no database, so a
 *   mutant costs a fraction of a second;
 * - `app`: approvals.ts, execution.ts, reconcile.ts against the trading integration tests (PGlite).
 * Without MUTATE_PART (plain `npx stryker run`) both sets of files run together against every selected test.
 */
const DOMAIN = [
  'src/domain/risk/**/*.ts',
  'src/domain/money.ts',
  'src/domain/market.ts',
  'src/domain/strategy/**/*.ts',
];
const APP = ['src/app/approvals.ts', 'src/app/execution.ts', 'src/app/reconcile.ts'];
const part = process.env.MUTATE_PART;
if (part !== undefined && part !== 'domain' && part !== 'app')
  throw new Error(`MUTATE_PART must be domain or app, not ${part}`);
const suffix = part ? `-${part}` : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  // Each mutant runs only the tests that executed its code in the dry run.
  coverageAnalysis: 'perTest',
  mutate: part === 'domain' ? DOMAIN : part === 'app' ? APP : [...DOMAIN, ...APP],
  // The sandbox needs the sources, tests, migrations and data the tests read; not reports or docs.
  ignorePatterns: ['coverage', 'reports', 'docs', 'bench', 'grafana', '.ci/out', 'data'],
  concurrency: 2,
  timeoutMS: 20_000,
  // The first run (all included tests, instrumented) is slow on a busy 2-core machine.
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: `reports/stryker-incremental${suffix}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation${suffix}/index.html` },
  jsonReporter: { fileName: `reports/mutation${suffix}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  disableTypeChecks: 'src/**/*.ts',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
