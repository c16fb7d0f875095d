/**
 * RELIABILITY row 17: the daily cycle runs exactly once per trading day. The process is "killed" at every step
 * boundary (before and after the step's checkpoint) and a fresh process over the same database takes over.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { createDbCycleStore } from '../../../src/adapters/db/cycle-store';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { briefingMemoryId, STEP_NAMES, type StepName } from '../../../src/app/cycle';
import { kstInstant } from '../../../src/domain/market';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { alice, calendar } from '../../support/trading';
import { Crash, NEWS_ITEMS, RecordingPublisher, startDesk, type KillPlan } from './support/harness';
import { MarketBroker } from './support/market-broker';

const DAY = '2026-10-01'; // first trading day of the month: a rebalance day
const AT_TEN = kstInstant(DAY, 10, 0);

describe.each(testDatabaseTargets())('daily cycle exactly once on $name', (target) => {
  const handle = useTestDatabase(target);

  async function runRecords() {
    const db = handle.database.db;
    const store = createDbCycleStore(db);
    const run = await store.getRun(DAY);
    const steps = run ? await store.listSteps(run.id) : [];
    const intents = await createDbTradingStore(db).listIntents({
      statuses: ['AWAITING_APPROVAL', 'APPROVED', 'DEFERRED', 'SUBMITTED', 'DENIED', 'REJECTED', 'EXPIRED', 'SUPERSEDED'],
    });
    return { run, steps, intents };
  }

  it('when nothing fails then every step completes once, each leg is sent once with guard-sized integer quantities and one briefing is posted', async () => {
    // Arrange
    const clock = new FakeClock(AT_TEN);
    const broker = new MarketBroker(clock, calendar);
    const publisher = new RecordingPublisher();
    const starts = new Map<string, number>();
    const desk = startDesk({ database: handle.database, broker, clock, publisher, starts });

    // Act
    const report = await desk.scheduler.tick();

    // Assert
    const { run, steps, intents } = await runRecords();
    expect(report.cycle?.status).toBe('COMPLETED');
    expect(run).toMatchObject({ status: 'COMPLETED', trigger: 'catch_up', attempts: 1 });
    expect(steps.map((s) => [s.step, s.status, s.attempts]).sort()).toEqual(
      [...STEP_NAMES].map((s) => [s, 'DONE', 1]).sort(),
    );
    expect(Object.fromEntries(starts)).toEqual(Object.fromEntries(STEP_NAMES.map((s) => [s, 1])));
    const orders = broker.callsOf('placeOrder').map((c) => c.args[0]);
    expect(orders).toEqual([
      { ticker: '133690', side: 'BUY', quantity: 2, orderType: 'LIMIT', limitPrice: 122_400 },
      { ticker: '069500', side: 'BUY', quantity: 6, orderType: 'LIMIT', limitPrice: 36_720 },
    ]);
    expect(intents.map((i) => [i.idempotencyKey, i.status, i.dailyRunId])).toEqual([
      [`cycle:${DAY}:133690:BUY`, 'SUBMITTED', run!.id],
      [`cycle:${DAY}:069500:BUY`, 'SUBMITTED', run!.id],
    ]);
    expect(publisher.postedBriefings()).toEqual([`daily-run:${run!.id}:briefing`]);
    expect(publisher.briefingCalls[0]!.png.subarray(1, 4).toString()).toBe('PNG');
    expect((await desk.memory.get(briefingMemoryId(DAY)))?.kind).toBe('briefing');
    const market = steps.find((s) => s.step === 'market_fetch')!.output as { bars: Record<string, [string][]> };
    const barDates = Object.values(market.bars).flatMap((rows) => rows.map((r) => r[0]));
    expect(barDates.length).toBeGreaterThan(4 * 253);
    expect(barDates.every((d) => d < DAY)).toBe(true);
    expect(steps.find((s) => s.step === 'strategy')!.output).toMatchObject({ dataAsOf: '2026-09-30' });
  });

  const boundaries = STEP_NAMES.flatMap((step) => [
    { step, afterCheckpoint: false },
    { step, afterCheckpoint: true },
  ]);

  it.each(boundaries)(
    'when the process is killed at $step (after its checkpoint: $afterCheckpoint) and restarted then each step completes once, orders go once and one briefing is posted',
    async ({ step, afterCheckpoint }) => {
      // Arrange
      const clock = new FakeClock(AT_TEN);
      const broker = new MarketBroker(clock, calendar);
      const publisher = new RecordingPublisher();
      const starts = new Map<string, number>();
      const kill: KillPlan = { step, afterCheckpoint, killed: false };
      const errors: { what: string; error: unknown }[] = [];
      const first = startDesk({ database: handle.database, broker, clock, publisher, starts, kill, errors });
      await first.scheduler.tick();
      expect(kill.killed).toBe(true);
      expect(errors.some((e) => e.error instanceof Crash)).toBe(true);

      // Act
      clock.advance(60_000);
      const second = startDesk({ database: handle.database, broker, clock, publisher, starts });
      const report = await second.scheduler.tick();

      // Assert
      const { run, steps, intents } = await runRecords();
      expect(report.cycle?.status).toBe('COMPLETED');
      expect(run?.status).toBe('COMPLETED');
      expect(steps.filter((s) => s.status === 'DONE').map((s) => s.step).sort()).toEqual([...STEP_NAMES].sort());
      const expectedStarts = Object.fromEntries(
        STEP_NAMES.map((s: StepName) => [s, s === step && !afterCheckpoint ? 2 : 1]),
      );
      expect(Object.fromEntries(starts)).toEqual(expectedStarts);
      expect(broker.callsOf('placeOrder')).toHaveLength(2);
      expect(intents.map((i) => i.idempotencyKey)).toEqual([`cycle:${DAY}:133690:BUY`, `cycle:${DAY}:069500:BUY`]);
      expect(publisher.postedBriefings()).toHaveLength(1);
      const briefingKeys = new Set(publisher.briefingCalls.map((c) => c.key));
      expect(briefingKeys.size).toBe(1);
      expect(publisher.briefingCalls).toHaveLength(step === 'briefing' && !afterCheckpoint ? 2 : 1);
      const news = await createDbCycleStore(handle.database.db).recentNews(new Date(0), 10);
      expect(news.map((n) => n.url).sort()).toEqual(NEWS_ITEMS.map((n) => n.url).sort());
    },
  );

  it('when the approve-mode process is killed after posting the plan card then the restart posts no second card and each approval sends one order', async () => {
    // Arrange
    const clock = new FakeClock(AT_TEN);
    const broker = new MarketBroker(clock, calendar);
    const publisher = new RecordingPublisher();
    const kill: KillPlan = { step: 'execution', afterCheckpoint: false, killed: false };
    const first = startDesk({ database: handle.database, broker, clock, publisher, kill, orders: 'approve' });
    await first.scheduler.tick();
    const second = startDesk({ database: handle.database, broker, clock, publisher, orders: 'approve' });
    await second.scheduler.tick();
    const { intents } = await runRecords();

    // Act
    for (const intent of intents) await second.core.approvals.approve(intent.id, alice);
    for (const intent of intents) await second.core.approvals.approve(intent.id, alice);

    // Assert
    expect(publisher.planCalls).toHaveLength(2);
    expect(new Set(publisher.planCalls.map((c) => c.key)).size).toBe(1);
    expect(publisher.postedPlans()).toHaveLength(1);
    expect(publisher.planCalls[1]!.plan.intents.map((i) => i.id)).toEqual(intents.map((i) => i.id));
    expect(broker.callsOf('placeOrder')).toHaveLength(2);
  });

  it('when the cycle runs again the same day (cron re-run or /cycle run) then no new intent is created', async () => {
    // Arrange
    const clock = new FakeClock(AT_TEN);
    const broker = new MarketBroker(clock, calendar);
    const publisher = new RecordingPublisher();
    const desk = startDesk({ database: handle.database, broker, clock, publisher, orders: 'approve' });
    await desk.scheduler.tick();
    const before = await runRecords();

    // Act
    clock.advance(60_000);
    await desk.scheduler.tick();
    const manual = await desk.cycle.runNow('alice');
    const restarted = startDesk({ database: handle.database, broker, clock, publisher, orders: 'approve' });
    await restarted.scheduler.tick();

    // Assert
    const after = await runRecords();
    expect(manual.status).toBe('COMPLETED');
    expect(after.intents.map((i) => i.id)).toEqual(before.intents.map((i) => i.id));
    expect(after.run?.attempts).toBe(1);
    expect(publisher.planCalls).toHaveLength(1);
    expect(publisher.briefingCalls).toHaveLength(1);
  });
});
