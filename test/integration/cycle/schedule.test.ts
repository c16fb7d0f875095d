import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { createDbCycleStore } from '../../../src/adapters/db/cycle-store';
import * as schema from '../../../src/adapters/db/schema';
import { kstInstant } from '../../../src/domain/market';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { calendar } from '../../support/trading';
import { RecordingPublisher, startDesk } from './support/harness';
import { MarketBroker } from './support/market-broker';

const MONDAY = '2026-11-23';

describe.each(testDatabaseTargets())('when the daily cycle runs, on $name', (target) => {
  const handle = useTestDatabase(target);

  function setUp(at: Date, options: { orders?: 'approve' | 'auto' } = {}) {
    const clock = new FakeClock(at);
    const broker = new MarketBroker(clock, calendar);
    const publisher = new RecordingPublisher();
    const starts = new Map<string, number>();
    const errors: { what: string; error: unknown }[] = [];
    const desk = startDesk({ database: handle.database, broker, clock, publisher, starts, errors, ...options });
    return { clock, broker, publisher, starts, errors, desk };
  }

  const runs = () => handle.database.db.select().from(schema.dailyRuns);
  const alerts = () => handle.database.db.select().from(schema.alerts);

  it.each([
    ['a Saturday', '2026-11-21'],
    ['a holiday (Christmas, a Friday)', '2026-12-25'],
  ])('on %s then nothing runs and no run row is written, by tick or by /cycle run', async (_what, date) => {
    // Arrange
    const { desk, broker } = setUp(kstInstant(date, 10, 0));

    // Act
    const report = await desk.scheduler.tick();
    const manual = await desk.cycle.runNow('alice');

    // Assert
    expect(report.cycle).toBeNull();
    expect(report.ran).not.toContain('cycle');
    expect(manual.status).toBe('SKIPPED');
    expect(await runs()).toEqual([]);
    expect(broker.barRequests).toBe(0);
  });

  it('when the desk starts at 10:00 on a trading day with no run then the catch-up runs once and the next tick does nothing', async () => {
    // Arrange
    const { desk, clock, starts, publisher } = setUp(kstInstant(MONDAY, 10, 0));

    // Act
    const first = await desk.scheduler.tick();
    clock.advance(60_000);
    const second = await desk.scheduler.tick();

    // Assert
    expect(first.cycle?.status).toBe('COMPLETED');
    expect(second.cycle).toBeNull();
    const rows = await runs();
    expect(rows.map((r) => [r.tradeDate, r.trigger, r.status, r.attempts])).toEqual([[MONDAY, 'catch_up', 'COMPLETED', 1]]);
    expect([...starts.values()].every((n) => n === 1)).toBe(true);
    expect(publisher.briefingCalls).toHaveLength(1);
  });

  it('when the desk is up before CYCLE_TIME then nothing runs until 08:00 and the 08:00 run is a scheduled one', async () => {
    // Arrange
    const { desk, clock } = setUp(kstInstant(MONDAY, 7, 59));

    // Act
    const early = await desk.scheduler.tick();
    const rowsBefore = await runs();
    clock.set(kstInstant(MONDAY, 8, 0));
    const onTime = await desk.scheduler.tick();

    // Assert
    expect(early.cycle).toBeNull();
    expect(rowsBefore).toEqual([]);
    expect(onTime.cycle?.status).toBe('COMPLETED');
    expect((await runs()).map((r) => r.trigger)).toEqual(['schedule']);
  });

  it('when the desk starts at the catch-up cut-off with no run then no run is started, by tick or by /cycle run', async () => {
    // Arrange
    const { desk } = setUp(kstInstant(MONDAY, 15, 0));

    // Act
    const report = await desk.scheduler.tick();
    const manual = await desk.cycle.runNow('alice');

    // Assert
    expect(report.cycle).toBeNull();
    expect(manual.status).toBe('SKIPPED');
    expect(await runs()).toEqual([]);
  });

  it('when start-up reconciliation fails then trading stays halted and the cycle waits until a tick reconciles', async () => {
    // Arrange
    const { desk, broker, clock } = setUp(kstInstant(MONDAY, 8, 0));
    broker.failListOrders = 1;

    // Act
    const halted = await desk.scheduler.tick();
    const stateWhileHalted = await desk.core.tradingState.effective();
    clock.advance(60_000);
    const ready = await desk.scheduler.tick();

    // Assert
    expect(halted.reconciled).toBe(false);
    expect(halted.cycle).toBeNull();
    expect(stateWhileHalted.state).toBe('HALTED');
    expect(ready.reconciled).toBe(true);
    expect(ready.cycle?.status).toBe('COMPLETED');
  });

  it('when a step keeps failing then it is retried with backoff, an alert is raised, the run stops there and a later tick resumes from that step', async () => {
    // Arrange
    const { desk, clock, starts, publisher, broker } = setUp(kstInstant(MONDAY, 10, 0));
    publisher.failBriefings = 3;

    // Act
    const failed = await desk.scheduler.tick();
    clock.advance(60_000);
    const tooSoon = await desk.scheduler.tick();
    clock.advance(5 * 60_000);
    const resumed = await desk.scheduler.tick();

    // Assert
    expect(failed.cycle?.status).toBe('FAILED');
    expect(failed.cycle?.steps.find((s) => s.step === 'briefing')).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(failed.cycle?.steps.map((s) => s.step)).not.toContain('memory_upsert');
    expect(desk.sleeps).toEqual([10, 20]);
    expect(tooSoon.cycle).toBeNull();
    expect(resumed.cycle?.status).toBe('COMPLETED');
    expect(Object.fromEntries(starts)).toMatchObject({ news: 1, market_fetch: 1, execution: 1, briefing: 4, memory_upsert: 1 });
    const raised = (await alerts()).filter((a) => a.kind === 'CYCLE_STEP_FAILED');
    expect(raised).toHaveLength(1);
    expect(raised[0]!.message).toContain('브리핑 게시');
    expect((raised[0]!.data as { en: string }).en).toContain('briefing post');
    expect(publisher.postedBriefings()).toHaveLength(1);
    expect(broker.callsOf('placeOrder')).toHaveLength(0);
    const [run] = await runs();
    expect(run).toMatchObject({ status: 'COMPLETED', attempts: 2 });
  });

  it('when a ticker\'s bars are stale on a rebalance day then DATA_OUTAGE is raised once, nothing is planned or sent, and the briefing says so', async () => {
    // Arrange
    const { desk, broker, publisher } = setUp(kstInstant('2026-10-01', 10, 0));
    broker.staleFrom.set('229200', '2026-09-29');

    // Act
    const report = await desk.scheduler.tick();
    await desk.cycle.runFor('2026-10-01', 'manual');

    // Assert
    expect(report.cycle?.status).toBe('COMPLETED');
    const outage = (await alerts()).filter((a) => a.kind === 'DATA_OUTAGE');
    expect(outage).toHaveLength(1);
    expect(outage[0]!.data).toMatchObject({ problems: [{ ticker: '229200', problem: 'STALE' }] });
    expect(broker.callsOf('placeOrder')).toHaveLength(0);
    const run = await createDbCycleStore(handle.database.db).getRun('2026-10-01');
    const steps = await createDbCycleStore(handle.database.db).listSteps(run!.id);
    expect(steps.find((s) => s.step === 'strategy')?.output).toMatchObject({ status: 'DATA_INCOMPLETE', legs: [] });
    const briefing = publisher.briefingCalls[0]!.briefing;
    expect(briefing.text.ko).toContain('시세 데이터가 불완전해 오늘은 주문하지 않습니다');
    expect(briefing.text.en).toContain('Market data is incomplete');
  });

  it('when the morning NAV is below the floor then NAV_FLOOR is raised once per day and buys are denied by the guard', async () => {
    // Arrange
    const { desk, broker } = setUp(kstInstant('2026-10-01', 10, 0));
    broker.cash = 700_000;

    // Act
    const report = await desk.scheduler.tick();

    // Assert
    expect(report.cycle?.status).toBe('COMPLETED');
    const floor = (await alerts()).filter((a) => a.kind === 'NAV_FLOOR');
    expect(floor.map((a) => a.dedupeKey)).toContain('cycle:2026-10-01:nav-floor');
    expect(floor.filter((a) => a.dedupeKey === 'cycle:2026-10-01:nav-floor')).toHaveLength(1);
    expect(broker.callsOf('placeOrder')).toHaveLength(0);
  });
});
