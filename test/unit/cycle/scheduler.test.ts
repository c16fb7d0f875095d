import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { CycleSummary } from '../../../src/app/desk-api';
import { createScheduler, type CronLike, type SchedulerDeps } from '../../../src/app/scheduler';
import { kstInstant } from '../../../src/domain/market';
import { calendar } from '../../support/trading';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';

const MONDAY = '2026-11-23';
/** Lanes run side by side, so only the set of calls per tick is fixed, not their order. */
const sorted = (calls: readonly string[]): string[] => [...calls].sort();
const SUMMARY: CycleSummary = {
  tradeDate: MONDAY,
  status: 'COMPLETED',
  steps: [],
  startedAt: '',
  finishedAt: '',
};

function fakes(at: Date) {
  const clock = new FakeClock(at);
  const calls: string[] = [];
  const reconcileResults: boolean[] = [];
  let releaseCycle: (() => void) | null = null;
  const deps: SchedulerDeps = {
    clock,
    calendar,
    cycleTime: '08:00',
    catchUpCutoff: '15:00',
    cycle: {
      async recoverInterrupted() {
        calls.push('recover');
        return 0;
      },
      async runScheduled(date, trigger) {
        calls.push(`cycle:${date}:${trigger}`);
        if (releaseCycle === null && holdCycle.hold)
          await new Promise<void>((resolve) => (releaseCycle = resolve));
        return SUMMARY;
      },
    },
    reconcile: async () => {
      calls.push('reconcile');
      return { ok: reconcileResults.shift() ?? true };
    },
    approvals: {
      releaseDeferred: async () => {
        calls.push('release');
        return [];
      },
      expireDue: async () => {
        calls.push('expire');
        return [];
      },
    },
    closeSnapshot: async (date) => void calls.push(`close:${date}`),
    sweepIdleSessions: async () => void calls.push('sweep'),
  };
  const holdCycle = { hold: false, release: () => releaseCycle?.() };
  return { clock, calls, deps, reconcileResults, holdCycle };
}

describe('the scheduler', () => {
  it('when started then one every-minute job is scheduled in Asia/Seoul and the start-up tick runs; stop removes the job', async () => {
    // Arrange
    const { deps, calls } = fakes(kstInstant(MONDAY, 7, 0));
    const scheduled: { expression: string; timezone: string; destroyed: boolean }[] = [];
    const fakeCron: CronLike = {
      schedule(expression, _run, options) {
        const job = { expression, timezone: options.timezone, destroyed: false };
        scheduled.push(job);
        return { destroy: () => void (job.destroyed = true) };
      },
    };
    const scheduler = createScheduler({ ...deps, cron: fakeCron });

    // Act
    scheduler.start();
    scheduler.start();
    await scheduler.stop();

    // Assert
    expect(scheduled).toEqual([{ expression: '* * * * *', timezone: 'Asia/Seoul', destroyed: true }]);
    expect(calls.slice(0, 2)).toEqual(['recover', 'reconcile']);
  });

  it('when started with node-cron itself then stop leaves no task registered', async () => {
    // Arrange
    const { deps } = fakes(kstInstant(MONDAY, 7, 0));
    const before = cron.getTasks().size;
    const scheduler = createScheduler(deps);

    // Act
    scheduler.start();
    const whileRunning = cron.getTasks().size;
    await scheduler.stop();

    // Assert
    expect(whileRunning).toBe(before + 1);
    expect(cron.getTasks().size).toBe(before);
  });

  it('when start-up reconciliation fails then nothing that sends orders runs until a later tick reconciles', async () => {
    // Arrange
    const { deps, calls, clock, reconcileResults } = fakes(kstInstant(MONDAY, 10, 0));
    reconcileResults.push(false);
    const scheduler = createScheduler(deps);

    // Act
    const halted = await scheduler.tick();
    const afterHalted = [...calls];
    clock.advance(60_000);
    const ready = await scheduler.tick();

    // Assert
    expect(halted.reconciled).toBe(false);
    expect(afterHalted.slice(0, 2)).toEqual(['recover', 'reconcile']);
    expect(sorted(afterHalted.slice(2))).toEqual(['expire', 'sweep']);
    expect(ready.reconciled).toBe(true);
    expect(sorted(calls.slice(afterHalted.length))).toEqual(
      sorted(['reconcile', 'release', 'expire', `cycle:${MONDAY}:catch_up`]),
    );
  });

  it('when the desk was up at CYCLE_TIME then the run is a scheduled one, and in session every tick reconciles', async () => {
    // Arrange
    const { deps, calls, clock } = fakes(kstInstant(MONDAY, 7, 58));
    const scheduler = createScheduler(deps);
    await scheduler.tick();
    clock.set(kstInstant(MONDAY, 8, 0));
    await scheduler.tick();
    calls.length = 0;

    // Act
    clock.set(kstInstant(MONDAY, 9, 31));
    await scheduler.tick();

    // Assert
    expect(sorted(calls)).toEqual(sorted(['reconcile', 'release', 'expire', `cycle:${MONDAY}:schedule`]));
  });

  it('when it is a weekend then no cycle, no session reconciliation and no close snapshot run', async () => {
    // Arrange
    const { deps, calls, clock } = fakes(kstInstant('2026-11-21', 7, 0));
    const scheduler = createScheduler(deps);
    await scheduler.tick();
    calls.length = 0;

    // Act
    for (const [h, m] of [
      [8, 1],
      [10, 0],
      [15, 45],
    ] as const) {
      clock.set(kstInstant('2026-11-21', h, m));
      await scheduler.tick();
    }

    // Assert
    expect(sorted(calls)).toEqual(
      sorted(['release', 'expire', 'release', 'expire', 'sweep', 'release', 'expire', 'sweep']),
    );
  });

  it('when it is past 15:30 on a trading day then the close snapshot is taken once, and nothing starts after the cut-off', async () => {
    // Arrange
    const { deps, calls, clock } = fakes(kstInstant(MONDAY, 15, 31));
    const scheduler = createScheduler(deps);

    // Act
    await scheduler.tick();
    clock.set(kstInstant(MONDAY, 15, 32));
    await scheduler.tick();

    // Assert
    expect(calls.filter((c) => c.startsWith('close:'))).toEqual([`close:${MONDAY}`]);
    expect(calls.filter((c) => c.startsWith('cycle:'))).toEqual([]);
  });

  it('when the cycle is still running at the next tick then that tick skips the cycle but still runs the trading lane', async () => {
    // Arrange
    const { deps, calls, clock, holdCycle } = fakes(kstInstant(MONDAY, 10, 0));
    holdCycle.hold = true;
    const scheduler = createScheduler(deps);
    const first = scheduler.tick();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));

    // Act
    clock.advance(60_000);
    const second = await scheduler.tick();
    holdCycle.release();
    await first;

    // Assert
    expect(second.ran).toEqual(['trading']);
    expect(calls.filter((c) => c.startsWith('cycle:'))).toHaveLength(1);
  });
});

describe('the scheduler beyond the shipped calendar data', () => {
  it('when a weekday after the data is a holiday at KIS then it is learned and no cycle runs', async () => {
    // Arrange: 2027-01-01 (a Friday) is past resources/krx/closed-days.csv
    const { deps, calls } = fakes(kstInstant('2027-01-01', 8, 5));
    const fresh = loadTradingCalendar();
    const asked: string[] = [];
    const scheduler = createScheduler({
      ...deps,
      calendar: fresh,
      learnMarketDay: async (date) => {
        asked.push(date);
        fresh.recordObserved(date, false, 'KIS chk-holiday');
      },
    });

    // Act
    await scheduler.tick();

    // Assert
    expect(asked).toEqual(['2027-01-01']);
    expect(fresh.isTradingDay('2027-01-01')).toBe(false);
    expect(calls.some((c) => c.startsWith('cycle:'))).toBe(false);
  });

  it('when the data covers the day then KIS is not asked', async () => {
    const { deps } = fakes(kstInstant(MONDAY, 8, 5));
    const asked: string[] = [];
    const scheduler = createScheduler({ ...deps, learnMarketDay: async (date) => void asked.push(date) });
    await scheduler.tick();
    expect(asked).toEqual([]);
  });
});
