import { FakeClock } from '../../src/adapters/clock/fake';
import type { Database } from '../../src/adapters/db/client';
import { createDbTokenStore } from '../../src/adapters/db/token-store';
import { createDbTradingStore } from '../../src/adapters/db/trading-store';
import { createKisBroker, type KisBroker } from '../../src/adapters/kis/broker';
import { RateLimiterRegistry } from '../../src/adapters/kis/rate-limit';
import { createTradingCore, type TradingCore } from '../../src/app/trading-core';
import type { TradingStore } from '../../src/app/trading-store';
import { kstInstant } from '../../src/domain/market';
import {
  DEFAULT_SIM_ACCOUNTS,
  startKisSimulator,
  simulatorClientConfig,
  type KisSimulator,
} from '../../src/sim/kis';
import { calendar, TEST_LIMITS } from './trading';

export interface SimStack {
  clock: FakeClock;
  sim: KisSimulator;
  broker: KisBroker;
  core: TradingCore;
  store: TradingStore;
  cano: string;
  /** Order-cash POSTs that reached the simulator's matching engine for our account. */
  ordersAtSimulator(): ReturnType<KisSimulator['control']['receivedOrders']>;
  close(): Promise<void>;
}

/** The simulator (paper profile, fast limits), the real KIS client and the trading core over a test database. */
export async function startSimStack(
  database: Database,
  at = kstInstant('2026-11-23', 10, 0),
): Promise<SimStack> {
  const clock = new FakeClock(at);
  const account = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
  const sim = await startKisSimulator({
    clock,
    rateLimitPerSecond: { real: 500, paper: 500 },
    tokenIssueIntervalMs: 0,
    pingIntervalMs: 3_600_000,
  });
  const broker = createKisBroker({
    config: {
      ...simulatorClientConfig(sim, 'paper'),
      rateLimitPerSecond: 400,
      tokenIssueIntervalMs: 0,
    },
    clock,
    tokenStore: createDbTokenStore(database),
    rateLimiters: new RateLimiterRegistry(),
  });
  const store = createDbTradingStore(database.db);
  const core = createTradingCore({
    broker,
    store,
    clock,
    calendar,
    limits: { ...TEST_LIMITS, allowedTickers: ['069500', '114260', '133690'] },
    policy: { allowedUserIds: ['alice', 'bob'], allowedRoleIds: [] },
    intentTtlMs: 10 * 60_000,
    commissionPpm: 140,
  });
  return {
    clock,
    sim,
    broker,
    core,
    store,
    cano: account.cano,
    ordersAtSimulator: () =>
      sim.control.receivedOrders().filter((o) => o.kind === 'order' && o.cano === account.cano),
    async close() {
      await broker.close();
      await sim.close();
    },
  };
}
