import { defineConfig } from 'vitest/config';
import base from './vitest.config';
import { mutateThreadsPool } from './test/support/mutate-pool';

/**
 * The test files `npm run mutate` (Stryker) runs: the ones that exercise the money paths it mutates
 * (src/domain/{risk,strategy,money,market}, src/app/{approvals,execution,reconcile}). The whole suite would take
 * hours per mutant batch on this machine; these give the same verdicts for those files in minutes.
 * The fault run (200 randomized episodes) is left out: it is slow and asserts invariants the files below already pin.
 */
export const MUTATE_TEST_FILES = [
  'test/unit/risk/**/*.test.ts',
  'test/unit/strategy/**/*.test.ts',
  'test/unit/domain/**/*.test.ts',
  'test/unit/money-paths/**/*.test.ts',
  'test/integration/trading/approval-flow.test.ts',
  'test/integration/trading/bad-input.test.ts',
  'test/integration/trading/blackout.test.ts',
  'test/integration/trading/reconciliation.test.ts',
  'test/integration/trading/trading-state.test.ts',
  'test/integration/trading/execution-outcomes.test.ts',
  'test/integration/trading/reconcile-matching.test.ts',
  'test/integration/trading/cancel.test.ts',
  'test/integration/trading/two-person.test.ts',
  'test/integration/trading/approvals-mutation.test.ts',
  'test/integration/trading/execution-mutation.test.ts',
  'test/integration/trading/reconcile-mutation.test.ts',
];

/**
 * Only the pure unit tests (no database) for the domain part of `npm run mutate` (MUTATE_PART=domain, see
 * stryker.config.mjs) or with MUTATE_UNIT_ONLY=1; the app part needs the integration tests too.
 */
const unitOnly = process.env.MUTATE_UNIT_ONLY === '1' || process.env.MUTATE_PART === 'domain';
const include = unitOnly ? MUTATE_TEST_FILES.filter((f) => f.startsWith('test/unit/')) : MUTATE_TEST_FILES;

/**
 * Stryker starts a fresh vitest worker for every mutant unless the pool below keeps one. Within one
 * mutant's run the files are not isolated from each other (modules load once) and share one PGlite
 * (MUTATE_SHARED_PGLITE, see test/support/db.ts): the dry run fell from 59 s to 13 s with the same verdicts on the
 * 81 mutants measured. MUTATE_ISOLATE=1 restores vitest's per-file isolation.
 */
const isolate = process.env.MUTATE_ISOLATE === '1';
const env = {
  // The guard's property test runs for every mutant of src/domain/risk; 2,000 random inputs (about 5 s, more when
  // instrumented) per mutant would take hours. 400 inputs from a fixed seed keep each verdict deterministic.
  RISK_PROPERTY_RUNS: '400',
  RISK_PROPERTY_SEED: '17',
  ...(isolate ? {} : { MUTATE_SHARED_PGLITE: '1' }),
};

/**
 * And from one mutant's run to the next, one worker thread is kept (test/support/mutate-pool.ts) for the mutants
 * Stryker switches on at run time: its modules and its PGlite stay loaded. MUTATE_REUSE=0 starts a fresh thread for
 * every mutant, as Stryker's runner does by itself.
 */
const reuse = !isolate && process.env.MUTATE_REUSE !== '0';

// Spread, not mergeConfig: mergeConfig concatenates arrays and would keep the whole suite's include.
export default defineConfig({
  ...base,
  plugins: reuse ? [mutateThreadsPool()] : [],
  test: { ...base.test, include, env: { ...base.test?.env, ...env }, isolate },
});
