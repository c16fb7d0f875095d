/**
 * WatchService on a streaming fake broker: what is evaluated when, what a firing posts and proposes, what the
 * watch does while the feed is down, and which tickers it polls. The clock is a FakeClock; frames are pushed
 * by the test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { RaiseAlert } from '../../../src/app/alerts';
import type { IntentRecord, PositionRecord } from '../../../src/app/trading-store';
import type { WatchAlert, WatchFiringRecord, WatchlistEntry, WatchStore } from '../../../src/app/watch/ports';
import { WatchService } from '../../../src/app/watch/service';
import { DEFAULT_WATCH_SETTINGS, type WatchSettings } from '../../../src/app/watch/settings';
import { kstInstant } from '../../../src/domain/market';
import type { OrderIntentDraft } from '../../../src/domain/order';
import type { DailyBar, Subscription, TradeTick } from '../../../src/domain/ports';
import { FakeBroker } from '../../support/fake-broker';
import { calendar } from '../../support/trading';
import { weekdaysFrom } from '../strategy/fixtures';

const TICKER = '069500';
const OPEN = kstInstant('2026-11-23', 10, 0);
/** 60 completed bars at 28,000 (MA50 = 28,000), all before the trading day. */
const BARS: DailyBar[] = weekdaysFrom('2026-08-03', 60).map((date) => ({
  date,
  open: 28_000,
  high: 28_000,
  low: 28_000,
  close: 28_000,
  volume: 10_000,
}));

class StreamingBroker extends FakeBroker {
  onTick: ((tick: TradeTick) => void) | null = null;
  onMalformed: ((fields: readonly string[]) => void) | null = null;
  subscribed: string[][] = [];
  connected = true;

  override async getDailyBars(): Promise<DailyBar[]> {
    this.calls.push({ method: 'getDailyBars', args: [] });
    return BARS;
  }

  override async subscribeTrades(
    tickers: string[],
    onTick: (tick: TradeTick) => void,
    onMalformed?: (fields: readonly string[]) => void,
  ): Promise<Subscription> {
    this.subscribed.push([...tickers]);
    this.onTick = onTick;
    this.onMalformed = onMalformed ?? null;
    return { close: async () => void (this.onTick = null) };
  }

  realtimeConnected(): boolean {
    return this.connected;
  }

  push(price: number): void {
    this.onTick!({ ticker: TICKER, price, volume: 1, time: '100000', dayOpen: 30_000, dayVolume: 100 });
  }
}

class MemoryWatchStore implements WatchStore {
  entries: WatchlistEntry[] = [];
  firings: WatchFiringRecord[] = [];
  async listWatchlist() {
    return [...this.entries];
  }
  async upsertWatch(entry: WatchlistEntry) {
    this.entries = [...this.entries.filter((e) => e.ticker !== entry.ticker), entry];
  }
  async removeWatch(ticker: string) {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.ticker !== ticker);
    return this.entries.length < before;
  }
  async recordFiring(firing: WatchFiringRecord) {
    const key = (f: WatchFiringRecord) => `${f.ticker}|${f.condition}|${f.tradeDate}`;
    if (this.firings.some((f) => key(f) === key(firing))) return false;
    this.firings.push(firing);
    return true;
  }
  async setFiringIntent(ticker: string, condition: string, tradeDate: string, intentId: string) {
    for (const f of this.firings)
      if (f.ticker === ticker && f.condition === condition && f.tradeDate === tradeDate)
        f.intentId = intentId;
  }
  async listFirings(tradeDate: string) {
    return this.firings.filter((f) => f.tradeDate === tradeDate);
  }
}

function intentOf(draft: OrderIntentDraft, id: string): IntentRecord {
  return {
    id,
    source: draft.source,
    proposer: draft.proposer,
    sessionId: null,
    dailyRunId: null,
    idempotencyKey: draft.idempotencyKey ?? null,
    ticker: draft.ticker,
    side: draft.side,
    quantity: draft.quantity,
    orderType: draft.orderType,
    limitPrice: draft.limitPrice ?? null,
    rationale: draft.rationale,
    precheck: {} as IntentRecord['precheck'],
    status: 'AWAITING_APPROVAL',
    environment: 'paper',
    expiresAt: new Date(OPEN.getTime() + 600_000),
    createdAt: OPEN,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    firstApprovedBy: null,
    firstApprovedAt: null,
    cardRef: null,
  };
}

interface World {
  clock: FakeClock;
  broker: StreamingBroker;
  store: MemoryWatchStore;
  watch: WatchService;
  intents: IntentRecord[];
  proposed: OrderIntentDraft[];
  raised: RaiseAlert[];
  published: WatchAlert[];
}

let world: World | undefined;
afterEach(async () => {
  await world?.watch.stop();
  world = undefined;
});

function build(
  options: { positions?: PositionRecord[]; settings?: Partial<WatchSettings>; start?: Date } = {},
): World {
  const clock = new FakeClock(options.start ?? OPEN);
  const broker = new StreamingBroker(clock);
  broker.prices.set(TICKER, 30_000);
  const store = new MemoryWatchStore();
  const intents: IntentRecord[] = [];
  const proposed: OrderIntentDraft[] = [];
  const raised: RaiseAlert[] = [];
  const published: WatchAlert[] = [];
  const positions = options.positions ?? [{ ticker: TICKER, quantity: 3, costBasis: 90_000, realizedPnl: 0 }];
  const watch = new WatchService({
    broker,
    clock,
    calendar,
    store,
    settings: { ...DEFAULT_WATCH_SETTINGS, holdingConditions: ['sell_stop_loss'], ...options.settings },
    positions: async () => positions,
    openIntents: async () => intents,
    propose: async (draft) => {
      proposed.push(draft);
      const intent = intentOf(draft, `00000000-0000-4000-8000-00000000000${proposed.length}`);
      intents.push(intent);
      return { intent, created: true };
    },
    alerts: {
      raise: async (alert) => {
        raised.push(alert);
        return null;
      },
    },
    publisher: { publishWatchAlert: async (alert) => void published.push(alert) },
    isKnownEtf: () => true,
    nameOf: (ticker) => ticker,
  });
  world = { clock, broker, store, watch, intents, proposed, raised, published };
  return world;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Passes until the subscription and the bars are in place, then a first evaluated tick at 30,000. */
async function warm(w: World): Promise<void> {
  await w.watch.tick();
  await w.watch.tick();
  w.broker.push(30_000);
  await settle();
  expect(w.watch.status().counts.evaluations).toBe(1);
}

describe('WatchService', () => {
  it('when a tick inside the second reaches the stop price then it is evaluated at once and one SELL card is proposed; other ticks wait for the second to end', async () => {
    // Arrange: 3 shares at 30,000 (stop at 27,600)
    const w = build();
    await warm(w);

    // Act: 200 ms later a tick above the stop, 300 ms later one under it, 400 ms later another under it
    w.clock.advance(200);
    w.broker.push(29_500);
    await settle();
    const afterQuietTick = w.watch.status().counts.evaluations;
    w.clock.advance(100);
    w.broker.push(27_500);
    await settle();
    const afterStopTick = w.watch.status().counts.evaluations;
    w.clock.advance(100);
    w.broker.push(27_400);
    await settle();
    const afterLaterTick = w.watch.status().counts.evaluations;
    w.clock.advance(700);
    await w.watch.tick();
    await settle();

    // Assert: the quiet tick waited, the stop tick did not, the third waited for the second's end
    expect([afterQuietTick, afterStopTick, afterLaterTick]).toEqual([1, 2, 2]);
    expect(w.watch.status().counts.evaluations).toBe(3);
    expect(w.proposed).toEqual([
      expect.objectContaining({
        source: 'monitor',
        side: 'SELL',
        ticker: TICKER,
        quantity: 3,
        orderType: 'LIMIT',
        limitPrice: 27_495,
        idempotencyKey: `watch:${TICKER}:sell_stop_loss:2026-11-23`,
      }),
    ]);
    expect(w.published).toHaveLength(1);
    expect(w.published[0]).toMatchObject({
      firing: { condition: 'sell_stop_loss', price: 27_500 },
      intent: { id: w.intents[0]!.id },
      existingIntentId: null,
    });
    expect(w.store.firings).toMatchObject([
      { ticker: TICKER, condition: 'sell_stop_loss', price: 27_500, intentId: w.intents[0]!.id },
    ]);
  });

  it('when the daily plan already has a SELL of the holding awaiting approval then a firing posts without proposing a second one', async () => {
    // Arrange: the plan's leg for the same holding
    const w = build({ settings: { holdingConditions: ['sell_stop_loss', 'sell_ma_break'] } });
    const planLeg = {
      ...intentOf(
        {
          source: 'cycle',
          proposer: 'cycle',
          ticker: TICKER,
          side: 'SELL',
          quantity: 3,
          orderType: 'LIMIT',
          limitPrice: 29_000,
          rationale: 'plan',
        },
        '00000000-0000-4000-8000-0000000000aa',
      ),
      dailyRunId: '00000000-0000-4000-8000-0000000000bb',
    };
    w.intents.push(planLeg);
    await warm(w);

    // Act: a drop through the stop and under MA50 a second later
    w.clock.advance(1_000);
    w.broker.push(27_000);
    await settle();

    // Assert: two firings, each posted once, pointing at the plan's leg; nothing proposed
    expect(w.proposed).toEqual([]);
    expect(w.published.map((a) => [a.firing.condition, a.intent, a.existingIntentId])).toEqual([
      ['sell_stop_loss', null, planLeg.id],
      ['sell_ma_break', null, planLeg.id],
    ]);
    expect(w.store.firings.map((f) => f.intentId)).toEqual([null, null]);
  });

  it('when a malformed frame arrives then it is counted and the next good tick is still evaluated', async () => {
    // Arrange
    const w = build();
    await warm(w);

    // Act
    w.broker.onMalformed!(['garbage']);
    w.clock.advance(1_000);
    w.broker.push(29_000);
    await settle();

    // Assert
    expect(w.watch.status().counts).toMatchObject({ ticks: 2, malformed: 1, evaluations: 2 });
  });

  it('when the feed is down then the watch polls REST every interval, alerts once past the setting, and stops polling when it is back', async () => {
    // Arrange
    const w = build({ settings: { downAlertMs: 60_000, pollIntervalMs: 2_000 } });
    await warm(w);
    const quotesBefore = w.broker.callsOf('getQuote').length;

    // Act: 70 s down, a pass a second
    w.broker.connected = false;
    for (let s = 0; s < 70; s++) {
      await w.watch.tick();
      w.clock.advance(1_000);
    }
    const down = w.watch.status();
    const polled = w.broker.callsOf('getQuote').length - quotesBefore;
    w.broker.connected = true;
    for (let s = 0; s < 10; s++) {
      await w.watch.tick();
      w.clock.advance(1_000);
    }

    // Assert: 35 polls (one every 2 s), one DATA_OUTAGE alert, realtime again afterwards
    expect(down).toMatchObject({ state: 'degraded', feed: 'polling' });
    expect(polled).toBe(35);
    expect(w.raised).toEqual([
      expect.objectContaining({
        kind: 'DATA_OUTAGE',
        severity: 'warning',
        data: expect.objectContaining({ seconds: 60 }),
      }),
    ]);
    expect(w.broker.callsOf('getQuote').length - quotesBefore).toBe(35);
    expect(w.watch.status()).toMatchObject({ state: 'market_open', feed: 'realtime', downSince: null });
  });

  it('when more holdings than the 40 registrations exist then the rest are polled over REST and the state says degraded', async () => {
    // Arrange: 41 holdings
    const positions = Array.from({ length: 41 }, (_, i) => ({
      ticker: String(100_001 + i),
      quantity: 1,
      costBasis: 10_000,
      realizedPnl: 0,
    }));
    const w = build({ positions, settings: { pollIntervalMs: 1_000 } });
    w.broker.prices.set('100041', 10_000);

    // Act
    for (let s = 0; s < 3; s++) {
      await w.watch.tick();
      w.clock.advance(1_000);
    }

    // Assert: 40 subscribed, the 41st polled once per interval, nothing else polled
    expect(w.broker.subscribed).toEqual([positions.slice(0, 40).map((p) => p.ticker)]);
    expect(w.broker.callsOf('getQuote').map((c) => c.args[0])).toEqual(['100041', '100041', '100041']);
    expect(w.watch.status()).toMatchObject({ state: 'degraded', notSubscribed: ['100041'], subscribed: 40 });
  });

  it('when a realtime price is younger than the age limit then latestPrice serves it; older, polled or after the close it does not', async () => {
    // Arrange
    const w = build();
    await warm(w);

    // Act + Assert
    expect(w.watch.latestPrice(TICKER, 5_000)).toEqual({ price: 30_000, at: OPEN });
    w.clock.advance(5_001);
    expect(w.watch.latestPrice(TICKER, 5_000)).toBeNull();
    w.broker.connected = false;
    await w.watch.tick();
    expect(w.watch.status().counts.polls).toBe(1);
    expect(w.watch.latestPrice(TICKER, 5_000)).toBeNull();
    w.clock.set(kstInstant('2026-11-23', 16, 0));
    await w.watch.tick();
    expect(w.watch.latestPrice(TICKER, 60 * 60_000)).toBeNull();
  });
});
