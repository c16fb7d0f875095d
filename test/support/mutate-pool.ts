import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'vitest/config';
import type { PoolOptions, PoolWorker, TestProject, WorkerRequest } from 'vitest/node';

/**
 * A vitest pool for `npm run mutate` only (vitest.mutate.config.ts): it keeps one worker thread alive from one
 * mutant's run to the next instead of starting a fresh one for each.
 *
 * Why: Stryker's vitest runner calls `vitest.start()` once per mutant, and vitest stops a worker as soon as its run
 * has nothing queued after it. Each mutant then paid for a new thread, for importing the trading core again (drizzle,
 * PGlite, zod) and for opening PGlite again: about 3 s of the 4.5 s an app mutant cost, even when its first test
 * killed it. A kept thread keeps its evaluated modules (vitest re-evaluates the test files themselves every run) and
 * the one shared PGlite (MUTATE_SHARED_PGLITE in test/support/db.ts, emptied before every test).
 *
 * When a thread is kept, and when it is not:
 * - Only the runs of mutants Stryker switches on at run time ("runtime" activation) use and leave a kept thread. The
 *   code of such a mutant is only reached from inside a test (that is how Stryker classified it), and the active
 *   mutant is set again before each file's tests, so modules loaded under an earlier mutant behave as unmutated.
 * - The dry run and "static" mutants (code that runs while a module loads) get a fresh thread that is stopped
 *   afterwards as before: their modules must be loaded with the mutant switched on, and must not outlive the run.
 * - A run that ends in an error, or that vitest stops by force (a cancel, a crash), stops its thread as before.
 * - A kept thread is replaced after RECYCLE_AFTER runs, so nothing that grows slowly can grow for an hour.
 *
 * The thread protocol is vitest's (`start`, `run`, `stop` in vitest/dist/chunks/init.*.js): a kept thread is not
 * sent a second `start` (it would add a second RPC listener each run) but is answered `started` here, and each
 * `run` carries the latest serialized config, because Stryker changes the test-name filter between runs and the
 * thread would otherwise run with the config of its first `start`.
 */

const NAME = 'mutate-threads';
const RECYCLE_AFTER = 250;

interface KeptThread {
  thread: Worker;
  runs: number;
}

type Listener = (arg: unknown) => void;

/** One kept thread per Stryker test-runner process (each runs vitest with a single worker). */
let kept: KeptThread | null = null;

/** A run may use and leave a kept thread when Stryker runs a mutant switched on at run time. */
function reusable(project: TestProject): boolean {
  const provided = project.getProvidedContext() as Record<string, unknown>;
  return provided.mode === 'mutant' && provided.mutantActivation === 'runtime';
}

class MutateThreadsWorker implements PoolWorker {
  readonly name = NAME;
  private readonly entrypoint: string;
  private readonly env: PoolOptions['env'];
  private readonly execArgv: string[];
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;
  private readonly reuse: boolean;
  private current: KeptThread | null = null;
  /** The thread came from an earlier run and has already had its `start`. */
  private adopted = false;
  private latestConfig: unknown;
  private stopAnswered = false;
  private failed = false;
  private readonly listeners: Array<[string, Listener]> = [];

  constructor(options: PoolOptions) {
    this.entrypoint = resolve(options.distPath, 'workers/threads.js');
    this.env = options.env;
    this.execArgv = options.execArgv;
    this.stdout = options.project.vitest.logger.outputStream;
    this.stderr = options.project.vitest.logger.errorStream;
    this.reuse = reusable(options.project);
  }

  private get thread(): Worker {
    if (!this.current) throw new Error('mutate-threads: the worker thread is not started');
    return this.current.thread;
  }

  async start(): Promise<void> {
    if (this.current) return;
    if (this.reuse && kept) {
      this.current = kept;
      kept = null;
      this.current.thread.ref();
      this.adopted = true;
    } else {
      const thread = new Worker(this.entrypoint, {
        env: this.env,
        execArgv: this.execArgv,
        stdout: true,
        stderr: true,
      });
      this.current = { thread, runs: 0 };
    }
    this.thread.stdout.pipe(this.stdout);
    this.thread.stderr.pipe(this.stderr);
  }

  on(event: string, callback: Listener): void {
    this.listeners.push([event, callback]);
    this.thread.on(event, callback);
  }

  off(event: string, callback: Listener): void {
    const index = this.listeners.findIndex(([e, c]) => e === event && c === callback);
    if (index !== -1) this.listeners.splice(index, 1);
    this.thread.off(event, callback);
  }

  send(message: WorkerRequest): void {
    if (message.type === 'start') {
      this.latestConfig = message.context.config;
      if (this.adopted) return this.answer({ type: 'started' });
    }
    if (message.type === 'run' || message.type === 'collect') {
      this.current!.runs += 1;
      const context = { ...message.context, config: this.latestConfig };
      return this.thread.postMessage({ ...message, context });
    }
    if (message.type === 'stop' && this.reuse && !this.failed) {
      this.stopAnswered = true;
      return this.answer({ type: 'stopped' });
    }
    this.thread.postMessage(message);
  }

  /** Answers the pool runner as the thread would, on a later turn (it listens only after sending). */
  private answer(response: { type: 'started' | 'stopped' }): void {
    setImmediate(() => {
      for (const [event, callback] of [...this.listeners])
        if (event === 'message') callback({ ...response, __vitest_worker_response__: true });
    });
  }

  deserialize(data: unknown): unknown {
    const message = data as { __vitest_worker_response__?: boolean; type?: string; error?: unknown };
    if (message?.__vitest_worker_response__ && message.type === 'testfileFinished' && message.error)
      this.failed = true;
    return data;
  }

  async stop(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = null;
    for (const [event, callback] of this.listeners.splice(0)) current.thread.off(event, callback);
    current.thread.stdout.unpipe(this.stdout);
    current.thread.stderr.unpipe(this.stderr);
    if (this.stopAnswered && current.runs < RECYCLE_AFTER) {
      if (kept) await kept.thread.terminate();
      // A kept thread must not hold the process open: Stryker ends its test-runner processes, a plain run just exits.
      current.thread.unref();
      kept = current;
      return;
    }
    await current.thread.terminate();
  }
}

/**
 * A vite plugin that makes every project use the pool above. A plugin, not `test.pool` in the config: Stryker's
 * runner passes `pool: 'threads'` to vitest, which overrides the config file's pool.
 */
export function mutateThreadsPool(): Plugin {
  return {
    name: 'kis-desk:mutate-threads',
    configureVitest({ project }) {
      const config = project.config as { pool: string; poolRunner?: unknown };
      config.pool = NAME;
      config.poolRunner = {
        name: NAME,
        createPoolWorker: (options: PoolOptions) => new MutateThreadsWorker(options),
      };
    },
  };
}

/** Stops the kept thread, if any (for a test of this pool; Stryker ends the whole process instead). */
export async function stopKeptThread(): Promise<void> {
  const thread = kept?.thread;
  kept = null;
  await thread?.terminate();
}
