import { pathToFileURL } from 'node:url';
import { loadTradingCalendar } from '../src/adapters/calendar/load';
import { FakeClock } from '../src/adapters/clock/fake';
import { openDatabase } from '../src/adapters/db/client';
import { createDbTradingStore } from '../src/adapters/db/trading-store';
import { createDiscordChannel, type DiscordLogger } from '../src/adapters/discord';
import { createKisBroker } from '../src/adapters/kis/broker';
import type { FetchLike } from '../src/adapters/kis/http/transport';
import { RateLimiterRegistry, type RateLimiter } from '../src/adapters/kis/rate-limit';
import { InMemoryTokenStore } from '../src/adapters/kis/token-store';
import { createDesk } from '../src/app/desk';
import { createTradingCore } from '../src/app/trading-core';
import type { IntentRecord } from '../src/app/trading-store';
import { kstInstant } from '../src/domain/market';
import { DEFAULT_RISK_LIMITS } from '../src/domain/risk';
import { DEFAULT_SIM_ACCOUNTS, startKisSimulator, simulatorClientConfig } from '../src/sim/kis';
import { startFakeDiscord, type RecordedRequest } from '../test/support/fake-discord';
import { ScriptedConversations, UNIVERSE } from '../test/e2e/discord/support/scripted-conversations';
import { channelConfigFor } from '../test/e2e/discord/support/channel-config';

const WARMUP_CLICKS = 10;
const MEASURED_CLICKS = 200;
/** One click every 80 ms: ~4 KIS requests each (quote, balance, buying power, POST) ≈ 50/s, half the limit. */
const CLICK_INTERVAL_MS = 80;
const KIS_LIMIT_PER_SECOND = 100;
const TARGET_ACK_P99_MS = 150;
const TARGET_POST_P99_MS = 300;
const TICKER = '069500';
const ORDER_CASH_PATH = '/uapi/domestic-stock/v1/trading/order-cash';
const CALLBACK = 'POST /interactions/:interactionId/:token/callback';
const WEBHOOK_EDIT = 'PATCH /webhooks/:applicationId/:token/messages/:messageId';

/** Records how long each request waited for a rate-limit slot. */
class MeasuredLimiters extends RateLimiterRegistry {
  readonly waits: { at: number; ms: number }[] = [];

  override limiterFor(keyId: string, limitPerSecond: number): RateLimiter {
    const inner = super.limiterFor(keyId, limitPerSecond);
    return {
      limitPerSecond: inner.limitPerSecond,
      acquire: async (priority) => {
        const started = performance.now();
        const permit = await inner.acquire(priority);
        this.waits.push({ at: started, ms: performance.now() - started });
        return permit;
      },
    };
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function summary(label: string, values: number[], targetP99: number | null): string {
  const p99 = percentile(values, 99);
  const target =
    targetP99 === null ? '' : `; target p99 ≤ ${targetP99} ms → ratio ${(p99 / targetP99).toFixed(2)}`;
  return `  ${label}: p50 ${ms(percentile(values, 50))}, p99 ${ms(p99)}, max ${ms(Math.max(...values))} (n=${values.length})${target}`;
}

const sleep = (delay: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, delay)));

const silentLogger = (errors: unknown[]): DiscordLogger => ({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (obj) => void errors.push(obj),
});

/**
 * ≥ 200 ✅ clicks, each on its own intent, through the real discord.js client (fake Discord), the real desk and
 * trading core (PGlite in memory) and the real KIS client against the KIS simulator. Measures INTERACTION_CREATE
 * dispatch → the ack callback, and dispatch → the order-cash POST leaving the KIS client (the guard re-check
 * with its three reads is on that path). Limiter waits are reported on their own.
 */
export async function runDiscordBench(): Promise<void> {
  const clock = new FakeClock(kstInstant('2026-03-10', 10, 0));
  const sim = await startKisSimulator({
    clock,
    seed: 7,
    rateLimitPerSecond: { real: KIS_LIMIT_PER_SECOND, paper: KIS_LIMIT_PER_SECOND },
    tokenIssueIntervalMs: 200,
  });
  const account = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'real')!;
  sim.control.setCash(account.cano, 10_000_000_000);
  const orderPosts: number[] = [];
  const recordingFetch: FetchLike = (url, init) => {
    if (init.method === 'POST' && url.includes(ORDER_CASH_PATH)) orderPosts.push(performance.now());
    return fetch(url, init);
  };
  const limiters = new MeasuredLimiters();
  const broker = createKisBroker({
    config: {
      ...simulatorClientConfig(sim, 'real'),
      rateLimitPerSecond: KIS_LIMIT_PER_SECOND,
      tokenIssueIntervalMs: 250,
    },
    clock,
    tokenStore: new InMemoryTokenStore(),
    rateLimiters: limiters,
    fetch: recordingFetch,
  });
  const database = await openDatabase({ dataDir: 'memory://' });
  const fake = await startFakeDiscord();
  const store = createDbTradingStore(database.db);
  const core = createTradingCore({
    broker,
    store,
    clock,
    calendar: loadTradingCalendar(),
    limits: { ...DEFAULT_RISK_LIMITS, maxOrdersPerDay: 10_000 },
    policy: { allowedUserIds: [], allowedRoleIds: [fake.roles.approver] },
    intentTtlMs: 24 * 60 * 60_000,
    commissionPpm: 140,
  });
  const desk = createDesk({
    core,
    store,
    broker,
    clock,
    conversations: new ScriptedConversations(core),
    cycle: null,
    universe: UNIVERSE,
    simulated: true,
  });
  const errors: unknown[] = [];
  const channel = createDiscordChannel({
    desk,
    config: channelConfigFor(fake),
    environmentBadge: 'SIM',
    restApi: fake.restApiBase,
    clock,
    logger: silentLogger(errors),
  });

  try {
    await core.reconciliation.reconcile();
    await channel.start();
    const price = sim.control.currentPrice(TICKER);
    const total = WARMUP_CLICKS + MEASURED_CLICKS;
    const intents: IntentRecord[] = [];
    for (let i = 0; i < total; i++) {
      const { intent } = await core.approvals.propose({
        source: 'cycle',
        proposer: 'bench',
        ticker: TICKER,
        side: 'BUY',
        quantity: 1,
        orderType: 'LIMIT',
        limitPrice: price,
        rationale: `bench ${i}`,
      });
      intents.push(intent);
    }
    const { cardMessageIds } = await channel.postPlanCard({ title: 'bench', intents });

    const ackMs: number[] = [];
    const postMs: number[] = [];
    const limiterWaitMs: number[] = [];
    let withoutOrder = 0;
    for (let i = 0; i < total; i++) {
      const intent = intents[i]!;
      const slot = performance.now() + CLICK_INTERVAL_MS;
      const postsBefore = orderPosts.length;
      const waitsBefore = limiters.waits.length;
      const dispatchedAt = performance.now();
      const click = fake.click(fake.users.bob, cardMessageIds[i]!, `approve:${intent.id}`);
      const acked = fake
        .waitForRequest((r: RecordedRequest) => r.route === CALLBACK && r.params.interactionId === click.id)
        .then(() => performance.now());
      const edited = fake.waitForRequest((r) => r.route === WEBHOOK_EDIT && r.params.token === click.token);
      const [ackAt] = await Promise.all([acked, edited]);
      const postAt = orderPosts[postsBefore];
      // Book-keeping only: close the order so the next intent is not a duplicate open order for the guard.
      const order = await store.getOrderByIntent(intent.id);
      if (order)
        await store.updateOrder(
          order.id,
          ['ACCEPTED', 'PENDING_SUBMIT', 'UNKNOWN'],
          { status: 'CANCELLED' },
          null,
        );
      if (i < WARMUP_CLICKS) {
        await sleep(slot - performance.now());
        continue;
      }
      ackMs.push(ackAt - dispatchedAt);
      if (postAt === undefined) withoutOrder++;
      else postMs.push(postAt - dispatchedAt);
      const waits = limiters.waits.slice(waitsBefore).filter((w) => postAt === undefined || w.at <= postAt);
      limiterWaitMs.push(waits.reduce((sum, w) => sum + w.ms, 0));
      await sleep(slot - performance.now());
    }

    const waited = limiterWaitMs.filter((w) => w >= 1).length;
    console.log(
      [
        `discord: ${MEASURED_CLICKS} ✅ clicks (+${WARMUP_CLICKS} warm-up), one intent each, one every ${CLICK_INTERVAL_MS} ms; ` +
          `real discord.js ↔ fake Discord, desk + trading core on PGlite, KIS client ↔ simulator at ${KIS_LIMIT_PER_SECOND} req/s`,
        summary('INTERACTION_CREATE → ack callback', ackMs, TARGET_ACK_P99_MS),
        summary('INTERACTION_CREATE → order POST  ', postMs, TARGET_POST_P99_MS),
        summary('rate-limiter wait per click      ', limiterWaitMs, null) +
          `; clicks that waited ≥ 1 ms: ${waited}`,
        `  orders sent ${postMs.length}/${MEASURED_CLICKS}; clicks without an order ${withoutOrder}; channel errors ${errors.length}`,
        // The fake enforces the 3 s ack deadline and 15 min token expiry by default (10062 / 50027 when broken).
        `  strict fake (3 s ack, 15 min tokens enforced): requests refused for timing ${fake.timingViolations().length}`,
      ].join('\n'),
    );
  } finally {
    await channel.stop();
    await fake.close();
    await broker.close();
    await sim.close();
    await database.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runDiscordBench();
}
