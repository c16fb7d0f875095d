/**
 * A simulated month: the clock steps through every day of October 2026 (two holidays, four weekends) and the
 * scheduler ticks at 08:00, 09:01 and 15:35 as cron would. The broker fills orders at their limit after 09:01.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import * as schema from '../../../src/adapters/db/schema';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { addDays, kstDate, kstInstant } from '../../../src/domain/market';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { calendar } from '../../support/trading';
import { RecordingPublisher, startDesk } from './support/harness';
import { MarketBroker } from './support/market-broker';

describe.each(testDatabaseTargets())('a simulated month of daily cycles on $name', (target) => {
  const handle = useTestDatabase(target);

  it('when the clock steps through October then only the first trading day plans and the carry-over buys what the limits cut on the following days, with integer legs within the guard limits', async () => {
    // Arrange
    const clock = new FakeClock(kstInstant('2026-10-01', 7, 0));
    const broker = new MarketBroker(clock, calendar);
    const publisher = new RecordingPublisher();
    const desk = startDesk({ database: handle.database, broker, clock, publisher, orders: 'auto' });
    const tradingStore = createDbTradingStore(handle.database.db);
    const tradingDays = calendar.tradingDaysBetween('2026-10-01', '2026-10-31');
    const ordersOn = new Map<string, number>();

    // Act
    for (let day = '2026-10-01'; day <= '2026-10-31'; day = addDays(day, 1)) {
      for (const [hour, minute] of [
        [8, 0],
        [9, 1],
        [15, 35],
      ] as const) {
        clock.set(kstInstant(day, hour, minute));
        await desk.scheduler.tick();
        if (hour === 9) broker.fillOpenOrders();
      }
      ordersOn.set(day, broker.callsOf('placeOrder').length);
    }

    // Assert
    const runs = await handle.database.db.select().from(schema.dailyRuns);
    expect(runs.map((r) => r.tradeDate).sort()).toEqual(tradingDays);
    expect(runs.every((r) => r.status === 'COMPLETED' && r.trigger === 'schedule')).toBe(true);
    expect(tradingDays).not.toContain('2026-10-05');
    expect(tradingDays).not.toContain('2026-10-09');

    const orders = await tradingStore.listOrders({});
    // The plan's buys are cut to the per-order and cash-share limits on 10-01; the carry-over buys the rest on
    // the following trading days until the targets are held (10-05 is not a trading day).
    expect(orders.map((o) => kstDate(o.createdAt))).toEqual([
      '2026-10-01',
      '2026-10-01',
      '2026-10-02',
      '2026-10-02',
      '2026-10-06',
    ]);
    expect(ordersOn.get('2026-10-31')).toBe(5);
    const openNav = (await tradingStore.getNavSnapshot('2026-10-01', 'start_of_day'))!.nav;
    for (const order of orders) {
      expect(Number.isInteger(order.quantity) && order.quantity > 0).toBe(true);
      expect(order.quantity * order.limitPrice!).toBeLessThanOrEqual(300_000);
      expect(order.quantity * order.limitPrice! * 10_000).toBeLessThanOrEqual(openNav * 4_000);
      expect(order).toMatchObject({ status: 'FILLED', filledQuantity: order.quantity });
    }
    expect(orders.map((o) => [o.ticker, o.side, o.quantity])).toEqual([
      ['133690', 'BUY', 2],
      ['069500', 'BUY', 6],
      ['133690', 'BUY', 1],
      ['069500', 'BUY', 3],
      ['069500', 'BUY', 1],
    ]);

    const closes = await tradingStore.listNavSnapshots({
      kind: 'close',
      fromDate: '2026-10-01',
      toDate: '2026-10-31',
    });
    expect(closes.map((c) => c.tradeDate)).toEqual(tradingDays);
    for (const close of closes)
      for (const p of close.positions) expect(p.value * 10_000).toBeLessThanOrEqual(close.nav * 4_000);

    expect(publisher.postedBriefings()).toHaveLength(tradingDays.length);
    const last = publisher.briefingCalls[publisher.briefingCalls.length - 1]!.briefing;
    expect(last.text.ko).toContain('리밸런싱일이 아닙니다. 다음 리밸런싱: 2026-11-02');
    expect(last.embeds.ko.description).toMatch(/전일 [+-]?[\d,]+원/);
    // A month of cycles, each a full plan → guard → execution → reconcile on the database: well over the
    // default 30 s on a loaded 2-core machine (about 10 s when it is idle).
  }, 180_000);
});
