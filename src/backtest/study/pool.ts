/**
 * Runs study jobs on a pool of worker threads (tinypool: a small, maintained pool; each worker keeps its
 * loaded price data between jobs). Results come back in job order; `onDone` reports progress.
 */
import Tinypool from 'tinypool';
import type { StudyJob } from './jobs';
import type { WorkerJob, WorkerResult } from './worker';

export interface StudyPool {
  run(jobs: readonly StudyJob[], onDone?: (done: number) => void): Promise<WorkerResult[]>;
  close(): Promise<void>;
}

export function createStudyPool(workers: number, dataTickers: readonly string[]): StudyPool {
  const pool = new Tinypool({
    filename: new URL('./worker-entry.mjs', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Start the worker without the parent's loader flags: worker-entry.mjs registers tsx itself.
    execArgv: [],
  });
  let done = 0;
  return {
    async run(jobs, onDone) {
      return Promise.all(
        jobs.map(async (job) => {
          const input: WorkerJob = { id: job.id, config: job.config, dataTickers: [...dataTickers] };
          const result = (await pool.run(input)) as WorkerResult;
          onDone?.(++done);
          return result;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
