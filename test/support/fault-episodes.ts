/**
 * A seeded randomized fault run over the real stack below the channels: the KIS simulator, the real KIS
 * client, the trading core and a database. Episodes mix double clicks, answers lost after the exchange took
 * the order, requests that never arrived, crashes between steps with restarts, and EGW00201 bursts. The
 * result counts duplicates (two of our orders for one broker order, or more broker orders than approvals) and
 * lost orders (a broker order we do not know about, or one of ours not terminal after reconciliation).
 */
import { FakeClock } from '../../src/adapters/clock/fake';
import type { Database } from '../../src/adapters/db/client';
import { createDbTokenStore } from '../../src/adapters/db/token-store';
import { createDbTradingStore } from '../../src/adapters/db/trading-store';
import { createKisBroker, type KisBroker } from '../../src/adapters/kis/broker';
import { RateLimiterRegistry } from '../../src/adapters/kis/rate-limit';
import { createTradingCore, type TradingCore } from '../../src/app/trading-core';
import { kstInstant } from '../../src/domain/market';
import { DEFAULT_RISK_LIMITS } from '../../src/domain/risk';
import {
  DEFAULT_SIM_ACCOUNTS,
  startKisSimulator,
  simulatorClientConfig,
  type KisSimulator,
} from '../../src/sim/kis';
import { TERMINAL_ORDER_STATUSES } from '../../src/domain/order';
import { calendar } from './trading';

export type EpisodeKind =
  | 'normal'
  | 'double-click'
  | 'accept-then-drop'
  | 'drop-before-receive'
  | 'crash-before-post'
  | 'crash-after-post'
  | 'rate-limit-burst';
const KINDS: EpisodeKind[] = [
  'normal',
  'double-click',
  'accept-then-drop',
  'drop-before-receive',
  'crash-before-post',
  'crash-after-post',
  'rate-limit-burst',
];
const TICKERS = ['069500', '102110', '114260', '148070', '133690'];

export interface FaultRunTotals {
  episodes: number;
  byKind: Record<string, number>;
  approvals: number;
  brokerOrders: number;
  ourOrdersWithBrokerId: number;
  duplicates: number;
  lost: number;
  notTerminal: number;
  restarts: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runFaultEpisodes(options: {
  database: Database;
  episodes: number;
  seed: number;
}): Promise<FaultRunTotals> {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const clock = new FakeClock(kstInstant('2026-11-23', 9, 5));
  const account = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'real')!;
  const sim: KisSimulator = await startKisSimulator({
    clock,
    rateLimitPerSecond: { real: 2_000, paper: 2_000 },
    tokenIssueIntervalMs: 0,
    seed: options.seed,
    pingIntervalMs: 3_600_000,
  });
  const store = createDbTradingStore(options.database.db);
  const tokenStore = createDbTokenStore(options.database);
  const limiters = new RateLimiterRegistry();
  const totals: FaultRunTotals = {
    episodes: 0,
    byKind: {},
    approvals: 0,
    brokerOrders: 0,
    ourOrdersWithBrokerId: 0,
    duplicates: 0,
    lost: 0,
    notTerminal: 0,
    restarts: 0,
  };

  const newBroker = (): KisBroker =>
    createKisBroker({
      config: {
        ...simulatorClientConfig(sim, 'real'),
        rateLimitPerSecond: 1_500,
        tokenIssueIntervalMs: 0,
        requestTimeoutMs: 5_000,
        orderTimeoutMs: 5_000,
      },
      clock,
      tokenStore,
      rateLimiters: limiters,
      readRetry: { retries: 6, baseDelayMs: 5, maxDelayMs: 20 },
    });
  const newCore = (broker: KisBroker): TradingCore =>
    createTradingCore({
      broker,
      store,
      clock,
      calendar,
      limits: {
        ...DEFAULT_RISK_LIMITS,
        allowedTickers: TICKERS,
        maxOrderValue: 10_000_000,
        maxPositionWeightBp: 10_000,
        fatFingerCashBp: 10_000,
        maxOrdersPerDay: 100_000,
        dailyLossLimitBp: 10_000,
        navFloor: 0,
        maxQuoteDistanceBp: 3_000,
        maxQuoteAgeMs: 3_600_000,
        maxAccountAgeMs: 3_600_000,
      },
      policy: { allowedUserIds: ['alice', 'bob'], allowedRoleIds: [] },
      intentTtlMs: 10 * 60_000,
      commissionPpm: 140,
    });

  let broker = newBroker();
  let core = newCore(broker);
  const restart = async () => {
    await broker.close();
    broker = newBroker();
    core = newCore(broker);
    totals.restarts++;
  };
  try {
    sim.control.setCash(account.cano, 50_000_000);
    await core.reconciliation.reconcile();
    for (let i = 0; i < options.episodes; i++) {
      const kind = pick(KINDS);
      totals.episodes++;
      totals.byKind[kind] = (totals.byKind[kind] ?? 0) + 1;
      const ticker = pick(TICKERS);
      const side = random() < 0.7 ? 'BUY' : 'SELL';
      const { intent } = await core.approvals.propose({
        source: 'chat',
        proposer: 'alice',
        ticker,
        side,
        quantity: 1 + Math.floor(random() * 3),
        orderType: 'MARKET',
        rationale: `episode ${i} ${kind}`,
      });
      if (intent.status === 'AWAITING_APPROVAL') {
        totals.approvals++;
        if (kind === 'accept-then-drop') sim.control.injectFault({ kind: 'acceptThenDrop', count: 1 });
        if (kind === 'drop-before-receive') sim.control.injectFault({ kind: 'dropBeforeReceive', count: 1 });
        if (kind === 'rate-limit-burst') sim.control.injectFault({ kind: 'rateLimitBurst', count: 3 });
        if (kind === 'double-click') {
          await Promise.all([
            core.approvals.approve(intent.id, { userId: 'alice', roleIds: [], channel: 'discord' }),
            core.approvals.approve(intent.id, { userId: 'bob', roleIds: [], channel: 'discord' }),
          ]);
        } else if (kind === 'crash-before-post' || kind === 'crash-after-post') {
          // The process dies inside ExecutionService: after the PENDING_SUBMIT row, before (or right after) the POST.
          const claimed = await store.transitionIntent(
            intent.id,
            ['AWAITING_APPROVAL'],
            'APPROVED',
            { decidedBy: 'alice', decidedAt: clock.now() },
            { type: 'INTENT_APPROVED', actor: 'alice', at: clock.now() },
          );
          const order = await store.createOrderForIntent(claimed!, clock.now());
          if (kind === 'crash-after-post')
            await broker.placeOrder({
              ticker: order.ticker,
              side: order.side,
              quantity: order.quantity,
              orderType: 'MARKET',
            });
          await restart();
        } else {
          await core.approvals.approve(intent.id, { userId: 'alice', roleIds: [], channel: 'discord' });
        }
        sim.control.clearFaults();
      }
      clock.advance(12_000);
      await core.reconciliation.reconcile();
    }
    // Let every unknown resolve, then let the session end so resting orders expire.
    for (let poll = 0; poll < 6; poll++) {
      clock.advance(15_000);
      await core.reconciliation.reconcile();
    }
    clock.set(kstInstant('2026-11-23', 15, 45));
    await core.reconciliation.reconcile();

    const received = sim.control
      .receivedOrders()
      .filter((o) => o.kind === 'order' && o.odno !== '' && o.cano === account.cano);
    const ours = await store.listOrders({});
    const ourByBrokerId = new Map<string, number>();
    for (const o of ours)
      if (o.brokerOrderId) ourByBrokerId.set(o.brokerOrderId, (ourByBrokerId.get(o.brokerOrderId) ?? 0) + 1);
    totals.brokerOrders = received.length;
    totals.ourOrdersWithBrokerId = ourByBrokerId.size;
    totals.duplicates =
      [...ourByBrokerId.values()].filter((n) => n > 1).length +
      Math.max(0, received.length - totals.approvals);
    totals.lost = received.filter((o) => !ourByBrokerId.has(o.odno)).length;
    totals.notTerminal = ours.filter((o) => !TERMINAL_ORDER_STATUSES.includes(o.status)).length;
    return totals;
  } finally {
    await broker.close();
    await sim.close();
  }
}
