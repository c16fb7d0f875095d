import { desc, eq } from 'drizzle-orm';
import type { JobAuditRecord, JobAuditState, JobAuditStore } from '../../app/ports/job-audit';
import type { Db } from './client';
import { jobRuns } from './schema';

const toRecord = (row: typeof jobRuns.$inferSelect): JobAuditRecord => ({
  jobId: row.jobId,
  kind: row.kind,
  singletonKey: row.singletonKey,
  payload: row.payload,
  requestedBy: row.requestedBy,
  state: row.state as JobAuditState,
  attempts: row.attempts,
  worker: row.worker,
  error: row.error,
  output: row.output,
  queuedAt: row.queuedAt,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

export function createDbJobAuditStore(db: Db): JobAuditStore {
  return {
    async queued(entry) {
      await db
        .insert(jobRuns)
        .values({
          jobId: entry.jobId,
          kind: entry.kind,
          singletonKey: entry.singletonKey,
          payload: entry.payload ?? {},
          requestedBy: entry.requestedBy,
          state: 'QUEUED',
          queuedAt: entry.at,
        })
        .onConflictDoNothing();
    },
    async started(entry) {
      const running = {
        state: 'RUNNING',
        attempts: entry.attempt,
        worker: entry.worker,
        error: null,
        startedAt: entry.at,
        finishedAt: null,
      };
      await db
        .insert(jobRuns)
        .values({
          jobId: entry.jobId,
          kind: entry.kind,
          singletonKey: entry.singletonKey,
          payload: entry.payload ?? {},
          requestedBy: 'queue',
          queuedAt: entry.at,
          ...running,
        })
        .onConflictDoUpdate({ target: jobRuns.jobId, set: running });
    },
    async finished(jobId, outcome, at) {
      await db
        .update(jobRuns)
        .set({
          state: outcome.state,
          error: outcome.error ?? null,
          output: outcome.output ?? null,
          finishedAt: at,
        })
        .where(eq(jobRuns.jobId, jobId));
    },
    async get(jobId) {
      const [row] = await db.select().from(jobRuns).where(eq(jobRuns.jobId, jobId));
      return row ? toRecord(row) : null;
    },
    async running() {
      const rows = await db.select().from(jobRuns).where(eq(jobRuns.state, 'RUNNING'));
      return rows.map(toRecord);
    },
    async recent(limit) {
      const rows = await db.select().from(jobRuns).orderBy(desc(jobRuns.queuedAt)).limit(limit);
      return rows.map(toRecord);
    },
  };
}
