import { loadTradingCalendar } from '../../src/adapters/calendar/load';
import { FakeClock } from '../../src/adapters/clock/fake';
import type { Database } from '../../src/adapters/db/client';
import { createDbTradingStore } from '../../src/adapters/db/trading-store';
import { createTradingCore, type TradingCore, type TradingCoreDeps } from '../../src/app/trading-core';
import type { Broker } from '../../src/domain/ports';
import { kstInstant } from '../../src/domain/market';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/domain/risk';
import type { OrderIntentDraft } from '../../src/domain/order';
import type { TradingStore } from '../../src/app/trading-store';
import { beforeEach } from 'vitest';
import { useTestDatabase, type TestDatabaseTarget } from './db';
import { FakeBroker } from './fake-broker';

/** Errors the core reported (read failures are expected in fail-closed tests). */
export const errors: { what: string; error: unknown }[] = [];

export const calendar = loadTradingCalendar();
/** Monday 2026-11-23 10:00 KST: a trading day, continuous session. */
export const MARKET_OPEN = kstInstant('2026-11-23', 10, 0);

export const TEST_LIMITS: RiskLimits = {
  ...DEFAULT_RISK_LIMITS,
  allowedTickers: ['069500', '114260', '133690'],
};

export function buildCore(
  database: Database,
  broker: Broker,
  clock: FakeClock,
  overrides: Partial<RiskLimits> = {},
  extra: Partial<TradingCoreDeps> = {},
): TradingCore {
  return createTradingCore({
    broker,
    store: createDbTradingStore(database.db),
    clock,
    calendar,
    limits: { ...TEST_LIMITS, ...overrides },
    policy: { allowedUserIds: ['alice', 'bob'], allowedRoleIds: ['role-approver'] },
    intentTtlMs: 10 * 60_000,
    commissionPpm: 140,
    onError: (what, error) => errors.push({ what, error }),
    ...extra,
  });
}

export const buy = (overrides: Partial<OrderIntentDraft> = {}): OrderIntentDraft => ({
  source: 'chat',
  proposer: 'alice',
  ticker: '069500',
  side: 'BUY',
  quantity: 3,
  orderType: 'LIMIT',
  limitPrice: 35_980,
  rationale: 'test',
  ...overrides,
});

export const alice = { userId: 'alice', roleIds: [], channel: 'discord' as const };
export const bob = { userId: 'bob', roleIds: [], channel: 'discord' as const };
export const mallory = { userId: 'mallory', roleIds: [], channel: 'discord' as const };

export interface TradingWorld {
  readonly database: Database;
  readonly clock: FakeClock;
  readonly broker: FakeBroker;
  readonly store: TradingStore;
  /** A trading core over the world, with start-up reconciliation done (trading enabled). */
  readyCore(): Promise<TradingCore>;
}

/** A fresh FakeClock at the open, a FakeBroker and the test database for every test of a file. */
export function useTradingWorld(target: TestDatabaseTarget): TradingWorld {
  const handle = useTestDatabase(target);
  let clock: FakeClock;
  let broker: FakeBroker;
  beforeEach(() => {
    clock = new FakeClock(MARKET_OPEN);
    broker = new FakeBroker(clock);
  });
  return {
    get database() {
      return handle.database;
    },
    get clock() {
      return clock;
    },
    get broker() {
      return broker;
    },
    get store() {
      return createDbTradingStore(handle.database.db);
    },
    async readyCore() {
      const core = buildCore(handle.database, broker, clock);
      await core.reconciliation.reconcile();
      return core;
    },
  };
}
