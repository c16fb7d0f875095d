/**
 * Acceptance: on the simulator, a simulated month produces exactly one rebalance with integer sizing and the
 * guard's limits respected. The real composition (composeDesk) over an in-memory PGlite, the built-in KIS
 * simulator continuing on its seeded synthetic path (November 2026), CYCLE_ORDERS=auto, a stepped clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { openDatabase } from '../../../src/adapters/db/client';
import * as schema from '../../../src/adapters/db/schema';
import { composeDesk, type DeskRuntime } from '../../../src/compose';
import { loadConfig } from '../../../src/config';
import { addDays, kstDate, kstInstant } from '../../../src/domain/market';
import { RecordingPublisher } from './support/harness';

const MONTH_FROM = '2026-11-01';
const MONTH_TO = '2026-11-30';

describe('a simulated month on the KIS simulator', () => {
  let runtime: DeskRuntime;
  const clock = new FakeClock(kstInstant(MONTH_FROM, 7, 0));
  const publisher = new RecordingPublisher();

  beforeAll(async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
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
    await runtime?.database.close();
  });

  it('explore', async () => {
    const sim = runtime.simulator!;
    const days: string[] = [];
    for (let day = MONTH_FROM; day <= MONTH_TO; day = addDays(day, 1)) {
      if (!runtime.calendar.isTradingDay(day)) continue;
      days.push(day);
      clock.set(kstInstant(day, 8, 5));
      const t1 = await runtime.scheduler.tick();
      clock.set(kstInstant(day, 9, 1));
      const t2 = await runtime.scheduler.tick();
      const bal = await runtime.broker.getBalance();
      clock.set(kstInstant(day, 15, 40));
      const t3 = await runtime.scheduler.tick();
      await runtime.core.reconciliation.reconcile();
      console.log(day, t1.ran, t1.cycle?.status, t2.ran, t3.ran, bal.totalValue, bal.positions.map((p) => [p.ticker, p.quantity, p.marketValue]));
    }
    const steps = await runtime.database.db.select().from(schema.dailyRunSteps);
    for (const s of steps.filter((x) => x.step === 'strategy' || x.step === 'risk' || x.step === 'execution'))
      console.log(JSON.stringify(s.output).slice(0, 600));
    console.log(JSON.stringify(sim.control.receivedOrders(), null, 1));
    console.log(publisher.briefingCalls.length, days.length, kstDate(clock.now()));
    expect(true).toBe(true);
  });
});
