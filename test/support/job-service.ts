import { afterEach, beforeEach } from 'vitest';
import type { Database } from '../../src/adapters/db/client';
import { createDbJobAuditStore } from '../../src/adapters/db/job-audit-store';
import { startPgBossQueue } from '../../src/adapters/jobs/pg-boss-queue';
import { JobService } from '../../src/app/jobs';
import type { JobServiceDeps } from '../../src/app/jobs/service';
import type { JobQueue } from '../../src/app/ports/job-queue';
import type { TestDatabaseTarget } from './db';

/** A fresh database, a pg-boss queue on it and a JobService per test (worker 'test-host:1'); stopped after. */
export function useJobService(
  target: TestDatabaseTarget,
  clock: JobServiceDeps['clock'],
  policies?: JobServiceDeps['policies'],
): { readonly database: Database; readonly queue: JobQueue; readonly jobs: JobService } {
  let database: Database;
  let queue: JobQueue;
  let jobs: JobService;
  beforeEach(async () => {
    database = await target.open();
    queue = await startPgBossQueue({ connection: database.connection, pollingIntervalSeconds: 0.5 });
    jobs = new JobService({
      queue,
      audit: createDbJobAuditStore(database.db),
      clock,
      worker: 'test-host:1',
      ...(policies ? { policies } : {}),
    });
  });
  afterEach(async () => {
    await queue.stop();
    await database.close();
  });
  return {
    get database() {
      return database;
    },
    get queue() {
      return queue;
    },
    get jobs() {
      return jobs;
    },
  };
}
