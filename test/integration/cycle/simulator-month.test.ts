/**
 * Acceptance: "On the simulator, a simulated month produces exactly one rebalance with correct integer sizing
 * and the guard's limits respected." The real composition (composeDesk) over an in-memory PGlite and the
 * built-in KIS simulator, which continues on its seeded synthetic path in November 2026. CYCLE_ORDERS=auto,
 * so the legs go out without a person while the guard still runs. The clock steps through every trading day
 * as the desk's process would live it, ticking the scheduler as cron would: the cycle at 08:05, deferred legs
 * released at 09:01 (sells) and 09:02 (buys; paper accounts take orders only from 09:00), reconciliation and
 * the close snapshot at 15:40.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { Database } from '../../../src/adapters/db/client';
import * as schema from '../../../src/adapters/db/schema';
import { STEP_OUTPUT_SCHEMAS, type StepOutputs } from '../../../src/app/cycle/outputs';
import { composeDesk, type DeskRuntime } from '../../../src/compose';
import { loadConfig } from '../../../src/config';
import { kstDate, kstInstant } from '../../../src/domain/market';
import { isOnTick } from '../../../src/domain/money';
import type { BrokerBalance } from '../../../src/domain/ports';
import { DEFAULT_SIM_ACCOUNTS, type SimReceivedOrder } from '../../../src/sim/kis';
import { RecordingPublisher } from './support/harness';
import { openMigratedPglite } from '../../support/pglite-image';

const MONTH = { from: '2026-11-01', to: '2026-11-30' };
const MAX_ORDER_VALUE = 300_000;
/** The guard's weight cap as the desk is configured by default. */
const MAX_POSITION_WEIGHT_BP = loadConfig({}).risk.maxPositionWeightBp;
/**
 * The account starts holding last month's pick that the strategy no longer selects (rank 3 of 7 on the seeded
 * path), worth more than one order may carry: the rebalance must sell it, cut to the per-order cap.
 */
const DROPPED_PICK = { ticker: '133690', quantity: 2 };
const PAPER = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;

interface Month {
  tradingDays: string[];
  received: SimReceivedOrder[];
  /** The simulator's balance right after the last deferred leg went out (the instant of the guard's last check). */
  afterRebalance: BrokerBalance | null;
}

describe('a simulated month on the KIS simulator through the real composition', () => {
  const clock = new FakeClock(kstInstant(MONTH.from, 7, 0));
  const publisher = new RecordingPublisher();
  let database: Database;
  let runtime: DeskRuntime;

  beforeAll(async () => {
    database = await openMigratedPglite();
    runtime = await composeDesk(loadConfig({ CYCLE_ORDERS: 'auto', LOG_LEVEL: 'silent' }), {
      clock,
      database,
      simulator: { rateLimitPerSecond: { real: 500, paper: 500 }, tokenIssueIntervalMs: 0 },
      cycleRetry: { attempts: 2, delaysMs: [0] },
    });
    runtime.channels.attach(publisher);
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.close();
  });

  async function liveThroughMonth(): Promise<Month> {
    const { calendar, scheduler, core, simulator, broker } = runtime;
    const tradingDays = calendar.tradingDaysBetween(MONTH.from, MONTH.to);
    const firstDay = calendar.firstTradingDayOfMonth(MONTH.from);
    let afterRebalance: BrokerBalance | null = null;
    for (const day of tradingDays) {
      clock.set(kstInstant(day, 8, 5));
      await scheduler.tick();

      // Deferred sells go out on the first tick after the open, the buys they fund on the next one.
      for (const minute of [1, 2]) {
        clock.set(kstInstant(day, 9, minute));
        await scheduler.tick();
      }
      if (day === firstDay) afterRebalance = await broker.getBalance();

      clock.set(kstInstant(day, 15, 40));
      await scheduler.tick();
      await core.reconciliation.reconcile();
    }
    return { tradingDays, received: simulator!.control.receivedOrders(), afterRebalance };
  }

  /** The strategy step's checkpointed plan per trade date. */
  async function plansByDate(): Promise<Map<string, StepOutputs['strategy']>> {
    const runs = await database.db.select().from(schema.dailyRuns);
    const steps = await database.db.select().from(schema.dailyRunSteps);
    const dateOf = new Map(runs.map((r) => [r.id, r.tradeDate]));
    const plans = new Map<string, StepOutputs['strategy']>();
    for (const step of steps.filter((s) => s.step === 'strategy'))
      plans.set(dateOf.get(step.runId)!, STEP_OUTPUT_SCHEMAS.strategy.parse(step.output));
    return plans;
  }

  /** "date ticker side" of the cycle intents the guard denied when they were proposed. */
  async function refusedOnProposal(): Promise<Set<string>> {
    const runs = await database.db.select().from(schema.dailyRuns);
    const steps = await database.db.select().from(schema.dailyRunSteps);
    const dateOf = new Map(runs.map((r) => [r.id, r.tradeDate]));
    const refused = new Set<string>();
    for (const step of steps.filter((s) => s.step === 'execution')) {
      const output = STEP_OUTPUT_SCHEMAS.execution.parse(step.output);
      for (const i of output.intents)
        if (i.status === 'DENIED') refused.add(`${dateOf.get(step.runId)} ${i.ticker} ${i.side}`);
    }
    return refused;
  }

  it('when the clock steps through November then only the first trading day plans, later days carry over what it left undone, sells first, with integer legs within the guard limits', async () => {
    // Arrange
    const sim = runtime.simulator!;
    const price = sim.control.currentPrice(DROPPED_PICK.ticker);
    sim.control.setPosition(PAPER.cano, DROPPED_PICK.ticker, DROPPED_PICK.quantity, price);
    sim.control.setCash(PAPER.cano, PAPER.initialCash - DROPPED_PICK.quantity * price);

    // Act
    const month = await liveThroughMonth();

    // Assert: one run per trading day, all COMPLETED, one briefing each
    const firstDay = runtime.calendar.firstTradingDayOfMonth(MONTH.from);
    expect(month.tradingDays).toHaveLength(21);
    const runs = await database.db.select().from(schema.dailyRuns);
    expect(runs.map((r) => r.tradeDate).sort()).toEqual(month.tradingDays);
    expect(runs.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
    expect(publisher.postedBriefings()).toHaveLength(month.tradingDays.length);
    expect(publisher.briefingCalls.map((c) => c.briefing.tradeDate)).toEqual(month.tradingDays);

    // Assert: exactly one plan, on the first trading day of the month; the other days only carry it over
    const plans = await plansByDate();
    expect([...plans.keys()].sort()).toEqual(month.tradingDays);
    expect([...plans].filter(([, plan]) => plan.status === 'PLANNED').map(([date]) => date)).toEqual([
      firstDay,
    ]);
    const rebalance = plans.get(firstDay)!;
    expect(rebalance.legs.find((l) => l.ticker === DROPPED_PICK.ticker)).toMatchObject({
      side: 'SELL',
      plannedQuantity: DROPPED_PICK.quantity,
      clippedBy: 'MAX_ORDER_VALUE',
    });
    const planTickers = new Set(rebalance.planTargets!.targets.map((t) => t.ticker));
    const legDays = [...plans]
      .filter(([, plan]) => plan.legs.length > 0)
      .map(([date]) => date)
      .sort();
    expect(legDays[0]).toBe(firstDay);
    for (const date of legDays.slice(1)) {
      expect(plans.get(date)!.status).toBe('CARRY_OVER');
      for (const leg of plans.get(date)!.legs) expect(planTickers.has(leg.ticker)).toBe(true);
    }
    // The half of the dropped pick the order cap left is sold on the next trading day by the carry-over.
    const nextDay = runtime.calendar.nextTradingDay(firstDay);
    expect(plans.get(nextDay)!.legs.find((l) => l.ticker === DROPPED_PICK.ticker)).toMatchObject({
      side: 'SELL',
      quantity:
        DROPPED_PICK.quantity - rebalance.legs.find((l) => l.ticker === DROPPED_PICK.ticker)!.quantity,
    });

    // Assert: what reached the exchange: the plan's and the carry-over's legs, integer, on the tick grid,
    // within the order cap
    const orders = month.received.filter((o) => o.kind === 'order');
    expect(orders.length).toBeGreaterThanOrEqual(2);
    // A buy the day's sells would fund is refused when proposed (each intent is checked against the
    // morning's account) and comes back with the carry-over: every other leg reaches the exchange.
    const refused = await refusedOnProposal();
    const allLegs = legDays.flatMap((date) => plans.get(date)!.legs.map((l) => ({ date, ...l })));
    const legs = allLegs.filter((l) => !refused.has(`${l.date} ${l.ticker} ${l.side}`));
    expect(refused.size).toBeLessThan(allLegs.length);
    for (const key of refused) expect(key).toMatch(/ BUY$/);
    expect(orders.map((o) => [kstDate(o.receivedAt), o.ticker, o.side, o.quantity])).toEqual(
      legs.map((l) => [l.date, l.ticker, l.side, l.quantity]),
    );
    // A cycle limit is only ever tightened toward the live quote when it is sent, never loosened.
    for (const [i, order] of orders.entries()) {
      const leg = legs[i]!;
      if (leg.side === 'BUY') expect(order.price).toBeLessThanOrEqual(leg.limitPrice);
      else expect(order.price).toBeGreaterThanOrEqual(leg.limitPrice);
    }
    for (const order of orders) {
      expect(Number.isInteger(order.quantity) && order.quantity > 0).toBe(true);
      expect(isOnTick(order.price, 'ETF')).toBe(true);
      expect(order.quantity * order.price).toBeLessThanOrEqual(MAX_ORDER_VALUE);
    }

    // Assert: sells before buys on every day
    expect(orders.map((o) => o.side)).toContain('SELL');
    expect(orders.map((o) => o.side)).toContain('BUY');
    for (const date of legDays) {
      const sides = orders.filter((o) => kstDate(o.receivedAt) === date).map((o) => o.side);
      expect(sides.indexOf('BUY') === -1 || sides.lastIndexOf('SELL') < sides.indexOf('BUY')).toBe(true);
    }

    // Assert: the simulator's own balance after the trades keeps every position within the guard's cap of NAV
    const balance = month.afterRebalance!;
    expect(balance.positions.length).toBeGreaterThan(0);
    for (const position of balance.positions)
      expect(position.marketValue * 10_000).toBeLessThanOrEqual(balance.totalValue * MAX_POSITION_WEIGHT_BP);

    // Assert: the desk's books match what the exchange received
    const booked = await database.db.select().from(schema.orders);
    expect(booked.map((o) => [o.ticker, o.side, o.quantity]).sort()).toEqual(
      orders.map((o) => [o.ticker, o.side, o.quantity]).sort(),
    );
  }, 120_000);
});
