/**
 * `/backtest` as a job: the queue runs the desk's backtest handler, the brief comes back through the queue's
 * output (checked again by zod), the same question asked twice joins one run, and a range without data is told
 * as such — on PGlite, and on Postgres when TEST_DATABASE_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { guardLimitsFor } from '../../../src/backtest/config';
import {
  NoBacktestDataError,
  runDeskBacktest,
  type DeskBacktestSetup,
} from '../../../src/backtest/desk-backtest';
import type { DeskBacktestBrief } from '../../../src/backtest/desk-request';
import { runStudyJob } from '../../../src/backtest/study/worker';
import { deskBacktestOutcome, deskJobHandlers, followBacktestJob } from '../../../src/app/jobs';
import { DEFAULT_STRATEGY_CONFIG } from '../../../src/domain/strategy/config';
import { testDatabaseTargets } from '../../support/db';
import { useJobService } from '../../support/job-service';

const clock = { now: () => new Date('2026-12-07T00:00:00Z') };
const setup: DeskBacktestSetup = {
  strategy: DEFAULT_STRATEGY_CONFIG,
  limits: guardLimitsFor(DEFAULT_STRATEGY_CONFIG, 1_000_000),
  commissionPpm: 140,
  navFloorBp: 8_000,
};
const inProcess = async (config: Parameters<typeof runStudyJob>[0]['config'], tickers: readonly string[]) =>
  runStudyJob({ id: 1, config, dataTickers: [...tickers] });
const noTickers = { cycle: null, tradingUpkeep: async () => null, closeSnapshot: async () => null };

for (const target of testDatabaseTargets()) {
  describe(`backtest job on ${target.name}`, () => {
    const world = useJobService(target, clock);

    it('when two people ask for the same backtest then one job runs and both get its brief from the queue', async () => {
      const runs: string[] = [];
      await world.jobs.work(
        deskJobHandlers({
          ...noTickers,
          backtest: async (request) => {
            runs.push(`${request.months}/${request.capital}`);
            return runDeskBacktest(request, setup, '2026-12-07', inProcess);
          },
        }),
      );
      const request = { months: 12, capital: 1_000_000 };

      const [a, b] = await Promise.all([
        followBacktestJob(world.jobs, request, 'alice', { pollMs: 100 }),
        followBacktestJob(world.jobs, request, 'bob', { pollMs: 100 }),
      ]);

      const direct = await runDeskBacktest(request, setup, '2026-12-07', inProcess);
      expect(runs).toEqual(['12/1000000']);
      expect(a).toEqual(direct);
      expect(b).toEqual(direct);
      const audit = await world.jobs.recent(5);
      expect(audit.map((j) => [j.kind, j.singletonKey, j.state])).toEqual([
        ['backtest', 'backtest:12:1000000', 'COMPLETED'],
      ]);
    });

    it('when the range has no data then the person is told so, and a broken brief is a failure, not a result', async () => {
      await world.jobs.work(
        deskJobHandlers({
          ...noTickers,
          backtest: async (request) => {
            if (request.months === 3) throw new NoBacktestDataError(request);
            return { cagr: 'lots' } as unknown as DeskBacktestBrief;
          },
        }),
      );

      const none = await deskBacktestOutcome(
        followBacktestJob(world.jobs, { months: 3, capital: 1_000_000 }, 'a', { pollMs: 100 }),
      );
      const broken = await deskBacktestOutcome(
        followBacktestJob(world.jobs, { months: 4, capital: 1_000_000 }, 'a', { pollMs: 100 }),
      );

      expect(none).toEqual({ status: 'no-data' });
      expect(broken.status).toBe('failed');
    });

    it('when a backtest payload is out of range then the queue refuses it and nothing is queued', async () => {
      await expect(world.jobs.enqueue('backtest', { months: 0, capital: 1_000_000 }, 'a')).rejects.toThrow(
        /months/,
      );
      await expect(world.jobs.enqueue('backtest', { months: 12, capital: 1.5 }, 'a')).rejects.toThrow(
        /capital/,
      );
      expect(await world.jobs.recent()).toEqual([]);
    });
  });
}
