/**
 * The job queue with its audit, on PGlite (pg-boss over the embedded client) and on Postgres when
 * TEST_DATABASE_URL is set: the same library and the same SQL on both.
 */
import { describe, expect, it } from 'vitest';
import { createDbJobAuditStore } from '../../../src/adapters/db/job-audit-store';
import { startPgBossQueue } from '../../../src/adapters/jobs/pg-boss-queue';
import {
  DEFAULT_JOB_POLICIES,
  JobPayloadError,
  JobService,
  UnknownJobKindError,
} from '../../../src/app/jobs';
import { testDatabaseTargets } from '../../support/db';
import { useJobService } from '../../support/job-service';

const clock = { now: () => new Date('2026-07-15T00:00:00Z') };

for (const target of testDatabaseTargets()) {
  describe(`job queue on ${target.name}`, () => {
    const world = useJobService(target, clock, {
      cycle: { ...DEFAULT_JOB_POLICIES.cycle, retryDelaySeconds: 1 },
    });

    it('when a job of an unknown kind is asked for then UnknownJobKindError names the known kinds and nothing is queued', async () => {
      // Act
      const attempt = world.jobs.enqueue('backtest-everything', {}, 'tester');
      // Assert
      await expect(attempt).rejects.toThrow(UnknownJobKindError);
      await expect(attempt).rejects.toThrow(/known: cycle, reconcile/);
      expect(await world.jobs.recent()).toEqual([]);
    });

    it('when a payload does not match its kind then JobPayloadError says which field and nothing is queued', async () => {
      // Act
      const attempt = world.jobs.enqueue('cycle', { tradeDate: '2026-02-30', trigger: 'schedule' }, 'tester');
      // Assert
      await expect(attempt).rejects.toThrow(JobPayloadError);
      await expect(attempt).rejects.toThrow(/tradeDate/);
      expect(await world.queue.findUnfinished('cycle', 'cycle:2026-02-30')).toBeNull();
      expect(await world.jobs.recent()).toEqual([]);
    });

    it('when the same day is asked for twice then both join one job and it runs once', async () => {
      // Arrange
      const ran: string[] = [];
      // Act
      const first = await world.jobs.enqueue(
        'cycle',
        { tradeDate: '2026-07-15', trigger: 'schedule' },
        'scheduler@a',
      );
      const second = await world.jobs.enqueue('cycle', { tradeDate: '2026-07-15', trigger: 'manual' }, 'cli');
      await world.jobs.work({
        cycle: async (payload) => {
          ran.push(`${payload.tradeDate} ${payload.trigger}`);
          return { ok: true };
        },
      });
      const finished = await world.jobs.follow('cycle', first.id, { pollMs: 100, timeoutMs: 30_000 });
      // Assert
      expect(second).toEqual({ id: first.id, kind: 'cycle', joined: true });
      expect(ran).toEqual(['2026-07-15 schedule']);
      expect(finished.status.state).toBe('completed');
      expect(finished.audit).toMatchObject({
        kind: 'cycle',
        singletonKey: 'cycle:2026-07-15',
        requestedBy: 'scheduler@a',
        state: 'COMPLETED',
        attempts: 1,
        worker: 'test-host:1',
        output: { ok: true },
      });
    });

    it('when an attempt fails then the job is retried and the audit counts both attempts', async () => {
      // Arrange
      let calls = 0;
      await world.jobs.work({
        cycle: async () => {
          calls += 1;
          if (calls === 1) throw new Error('KIS answered 500');
          return { ok: true };
        },
      });
      // Act
      const job = await world.jobs.enqueue(
        'cycle',
        { tradeDate: '2026-07-16', trigger: 'schedule' },
        'scheduler@a',
      );
      const afterFirst = await world.jobs.follow('cycle', job.id, {
        until: 'attempt',
        pollMs: 100,
        timeoutMs: 30_000,
      });
      const finished = await world.jobs.follow('cycle', job.id, { pollMs: 100, timeoutMs: 30_000 });
      // Assert
      expect(afterFirst.audit).toMatchObject({
        state: 'RETRYING',
        attempts: 1,
        error: 'Error: KIS answered 500',
      });
      expect(calls).toBe(2);
      expect(finished.audit).toMatchObject({ state: 'COMPLETED', attempts: 2, error: null });
    });

    it('when the process running an attempt is gone then the leader retries the job at once and a live desk finishes it', async () => {
      // Arrange: a "process" that took the job and never came back (its handler never ends).
      const goneQueue = await startPgBossQueue({
        connection: world.database.connection,
        pollingIntervalSeconds: 0.5,
        stopTimeoutMs: 1_000,
      });
      const gone = new JobService({
        queue: goneQueue,
        audit: createDbJobAuditStore(world.database.db),
        clock,
        worker: 'gone-host:9',
      });
      try {
        await gone.work({ 'close-snapshot': () => new Promise(() => undefined) });
        const job = await world.jobs.enqueue('close-snapshot', { tradeDate: '2026-07-15' }, 'scheduler@a');
        const deadline = Date.now() + 20_000;
        while ((await world.jobs.recent(1))[0]?.state !== 'RUNNING' && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        const snapshots: string[] = [];
        await world.jobs.work({ 'close-snapshot': async ({ tradeDate }) => void snapshots.push(tradeDate) });
        // Act
        const retried = await world.jobs.retryAbandoned((worker) => worker !== 'gone-host:9');
        const finished = await world.jobs.follow('close-snapshot', job.id, {
          pollMs: 100,
          timeoutMs: 30_000,
        });
        // Assert
        expect(retried).toEqual([job.id]);
        expect(snapshots).toEqual(['2026-07-15']);
        expect(finished.audit).toMatchObject({ state: 'COMPLETED', attempts: 2, worker: 'test-host:1' });
      } finally {
        await goneQueue.stop();
      }
    });

    it('when a queued job carries a payload its kind refuses then it is rejected, never run, and its payload stays in the audit', async () => {
      // Arrange: a job sent around the service (another version, or by hand) with a bad date.
      const ran: unknown[] = [];
      const id = await world.queue.send(
        'cycle',
        { tradeDate: 'tomorrow', trigger: 'schedule' },
        { singletonKey: 'cycle:bad', retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 60 },
      );
      // Act
      await world.jobs.work({ cycle: async (payload) => void ran.push(payload) });
      const finished = await world.jobs.follow('cycle', id!, { pollMs: 100, timeoutMs: 30_000 });
      // Assert
      expect(ran).toEqual([]);
      expect(finished.status.state).toBe('cancelled');
      expect(finished.audit).toMatchObject({
        state: 'REJECTED',
        payload: { tradeDate: 'tomorrow', trigger: 'schedule' },
        attempts: 1,
      });
      expect(finished.audit?.error).toMatch(/bad payload for job "cycle".*tradeDate/);
    });
  });
}
