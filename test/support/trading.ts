import { loadTradingCalendar } from '../../src/adapters/calendar/load';
import { FakeClock } from '../../src/adapters/clock/fake';
import type { Database } from '../../src/adapters/db/client';
import { createDbTradingStore } from '../../src/adapters/db/trading-store';
import { createTradingCore, type TradingCore } from '../../src/app/trading-core';
import type { Broker } from '../../src/domain/ports';
import { kstInstant } from '../../src/domain/market';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/domain/risk';
import type { OrderIntentDraft } from '../../src/domain/order';

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
