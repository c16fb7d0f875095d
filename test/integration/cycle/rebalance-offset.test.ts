/**
 * The rebalance-day offset moves the live cycle's plan day exactly as it moves the backtest's (the shared
 * src/domain/strategy/schedule.ts): with CYCLE_REBALANCE_OFFSET_DAYS=2 the plan comes on the month's third
 * trading day, and the days before it are not plan days.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import * as schema from '../../../src/adapters/db/schema';
import { STEP_OUTPUT_SCHEMAS } from '../../../src/app/cycle/outputs';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { kstDate, kstInstant } from '../../../src/domain/market';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { calendar } from '../../support/trading';
import { RecordingPublisher, startDesk } from './support/harness';
import { MarketBroker } from './support/market-broker';

describe.each(testDatabaseTargets())('the rebalance-day offset on $name', (target) => {
  const handle = useTestDatabase(target);

  it('when the offset is 2 then October plans on its third trading day and sends nothing before it', async () => {
    // Arrange: October 2026 trades on 10-01, 10-02, 10-06 (10-05 is a holiday), 10-07 …
    const clock = new FakeClock(kstInstant('2026-10-01', 7, 0));
    const broker = new MarketBroker(clock, calendar);
    const desk = startDesk({
      database: handle.database,
      broker,
      clock,
      publisher: new RecordingPublisher(),
      orders: 'auto',
      settings: { rebalanceOffsetDays: 2 },
    });
    const days = calendar.tradingDaysBetween('2026-10-01', '2026-10-07');
    expect(days).toEqual(['2026-10-01', '2026-10-02', '2026-10-06', '2026-10-07']);

    // Act
    for (const day of days) {
      for (const [hour, minute] of [
        [8, 0],
        [9, 1],
        [15, 35],
      ] as const) {
        clock.set(kstInstant(day, hour, minute));
        await desk.scheduler.tick();
        if (hour === 9) broker.fillOpenOrders();
      }
    }

    // Assert
    const runs = await handle.database.db.select().from(schema.dailyRuns);
    const steps = await handle.database.db.select().from(schema.dailyRunSteps);
    const dateOf = new Map(runs.map((r) => [r.id, r.tradeDate]));
    const status = new Map(
      steps
        .filter((s) => s.step === 'strategy')
        .map((s) => [dateOf.get(s.runId)!, STEP_OUTPUT_SCHEMAS.strategy.parse(s.output).status]),
    );
    expect(status.get('2026-10-01')).toBe('NOT_REBALANCE_DAY');
    expect(status.get('2026-10-02')).toBe('NOT_REBALANCE_DAY');
    expect(status.get('2026-10-06')).toBe('PLANNED');
    expect(['CARRY_OVER', 'NOT_REBALANCE_DAY']).toContain(status.get('2026-10-07'));
    const orders = await createDbTradingStore(handle.database.db).listOrders({});
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => kstDate(o.createdAt) >= '2026-10-06')).toBe(true);
  }, 300_000);
});
