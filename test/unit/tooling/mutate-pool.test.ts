/**
 * The pool `npm run mutate` uses (test/support/mutate-pool.ts), driven the way Stryker's vitest runner drives vitest:
 * one vitest instance, `provide` of the mutant's activation, a test-name filter set on the project, `start` per run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
import { mutateThreadsPool, stopKeptThread } from '../../support/mutate-pool';

interface Probe {
  test: string;
  threadId: number;
  loadId: string;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function strykerLikeVitest(log: string) {
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root,
      include: ['test/fixtures/mutate-pool/*.check.ts'],
      pool: 'threads',
      maxWorkers: 1,
      isolate: false,
      watch: false,
      reporters: [{}],
      env: { MUTATE_POOL_PROBE_LOG: log },
    },
    { plugins: [mutateThreadsPool()] },
  );
  const provide = vitest.provide as unknown as (key: string, value: unknown) => void;
  /** One run as Stryker makes it; returns what the probe tests recorded. */
  async function run(
    mode: 'dry-run' | 'mutant',
    activation: 'runtime' | 'static',
    only?: RegExp,
  ): Promise<Probe[]> {
    writeFileSync(log, '');
    provide('mode', mode);
    provide('mutantActivation', activation);
    for (const project of vitest.projects) project.config.testNamePattern = only;
    vitest.state.filesMap.clear();
    await vitest.start();
    return readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Probe);
  }
  return { vitest, run };
}

describe('the mutate pool: one worker thread kept from one mutant run to the next', () => {
  it('when mutants are switched on at run time then one thread and its loaded modules serve run after run, each with its own test filter, while the dry run and a static mutant get threads of their own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mutate-pool-'));
    const { vitest, run } = await strykerLikeVitest(path.join(dir, 'probe.jsonl'));
    try {
      const dry = await run('dry-run', 'runtime');
      const first = await run('mutant', 'runtime');
      const filtered = await run('mutant', 'runtime', /probe two/);
      const staticMutant = await run('mutant', 'static');
      const after = await run('mutant', 'runtime', /probe one/);

      expect(dry.map((p) => p.test)).toEqual(['one', 'two']);
      expect(first.map((p) => p.test)).toEqual(['one', 'two']);
      // The kept thread runs with the filter of its run, not the one of the run that started it.
      expect(filtered.map((p) => p.test)).toEqual(['two']);
      expect(after.map((p) => p.test)).toEqual(['one']);

      const kept = first[0]!;
      expect(dry[0]!.threadId).not.toBe(kept.threadId);
      expect([filtered[0], after[0]].map((p) => [p!.threadId, p!.loadId])).toEqual([
        [kept.threadId, kept.loadId],
        [kept.threadId, kept.loadId],
      ]);
      // A static mutant's modules are loaded with it switched on: a thread of its own, not kept afterwards.
      expect(staticMutant[0]!.threadId).not.toBe(kept.threadId);
      expect(staticMutant[0]!.loadId).not.toBe(kept.loadId);
    } finally {
      await vitest.close();
      await stopKeptThread();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
