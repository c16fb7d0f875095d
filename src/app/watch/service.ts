/**
 * The intraday watch: while KRX trades, realtime prices (H0STCNT0) for every holding and watchlist entry drive
 * the pure conditions of src/domain/watch; a firing posts once (per ticker, condition and day) to the alert
 * channel, a sell firing on a holding with a SELL proposal that goes through ✅ like any other intent.
 * Outside trading hours it makes no KIS call at all.
 */
import type { Clock } from '../../domain/clock';
import { addDays, kstDate, marketSessionAt, type KstDate, type TradingCalendar } from '../../domain/market';
import { floorToTick, tickSizeForEtf, type Krw } from '../../domain/money';
import type { OrderIntentDraft } from '../../domain/order';
import type { Broker, DailyBar, Subscription, TradeTick } from '../../domain/ports';
import {
  evaluateConditions,
  INITIAL_ARM_STATE,
  isWatchCondition,
  reachesTrigger,
  resolveThresholds,
  stepArm,
  type ArmState,
  type ConditionResult,
  type WatchCondition,
  type WatchHolding,
  type WatchThresholdOverrides,
  type WatchThresholds,
} from '../../domain/watch';
import type { AlertService } from '../alerts';
import type { IntentRecord, PositionRecord } from '../trading-store';
import type { WatchlistEntry, WatchPublisher, WatchStore } from './ports';
import type { WatchSettings } from './settings';

/** KIS allows 41 realtime registrations per session; the fill notice takes one. */
export const MAX_WATCHED_TICKERS = 40;
const EVALUATE_EVERY_MS = 1_000;
const REFRESH_TARGETS_MS = 60_000;
/** Enough calendar days for 200 trading-day bars and some margin. */
const BAR_HISTORY_DAYS = 320;
const OPEN_INTENT_STATUSES = ['AWAITING_APPROVAL', 'APPROVED', 'DEFERRED', 'SUBMITTED'] as const;

export type WatchState = 'market_open' | 'market_closed' | 'idle' | 'degraded';

export interface WatchStatus {
  state: WatchState;
  enabled: boolean;
  watched: number;
  subscribed: number;
  /** Tickers that did not fit in the registrations (should not happen: /watch add refuses them). */
  notSubscribed: string[];
  feed: 'realtime' | 'polling' | 'off';
  downSince: string | null;
  lastTickAt: Record<string, string>;
  counts: { ticks: number; malformed: number; polls: number; evaluations: number; firings: number };
}

export interface WatchDeps {
  broker: Broker;
  clock: Clock;
  calendar: TradingCalendar;
  store: WatchStore;
  settings: WatchSettings;
  /** The desk's positions (from its own books: no KIS call). */
  positions: () => Promise<PositionRecord[]>;
  /** Intents that may still become orders (the daily plan's legs among them). */
  openIntents: () => Promise<IntentRecord[]>;
  propose: (draft: OrderIntentDraft) => Promise<{ intent: IntentRecord; created: boolean }>;
  alerts: Pick<AlertService, 'raise'>;
  publisher: WatchPublisher;
  /** ETFs the desk may trade (the universe). */
  isKnownEtf: (ticker: string) => boolean;
  nameOf: (ticker: string) => string;
  onError?: (what: string, error: unknown) => void;
  /** Bench hook: a firing reached the publisher, with when its tick arrived. */
  onPublished?: (info: {
    ticker: string;
    condition: WatchCondition;
    tickAtMs: number;
    doneAtMs: number;
  }) => void;
  /** Bench hook: an evaluation of a ticker finished (it covered every tick that arrived up to startedAtMs). */
  onEvaluated?: (info: { ticker: string; startedAtMs: number; doneAtMs: number }) => void;
}

interface Live {
  price: Krw;
  dayOpen: Krw;
  dayVolume: number;
  /** Clock time the price arrived (realtime frame or REST poll). */
  at: number;
  source: 'realtime' | 'rest';
}

export type AddWatchResult =
  | { ok: true; entry: WatchlistEntry; replaced: boolean }
  | { ok: false; code: 'UNKNOWN_TICKER' | 'TOO_MANY' | 'BAD_CONDITION' | 'BAD_THRESHOLD'; detail: string };

export class WatchService {
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private subscription: Subscription | null = null;
  private subscribedKey = '';
  private subscribed: string[] = [];
  private notSubscribed: string[] = [];
  private watchlist: WatchlistEntry[] = [];
  private holdings = new Map<string, PositionRecord>();
  private targetsAt = 0;
  private marketOpen = false;
  private readonly live = new Map<string, Live>();
  private readonly bars = new Map<string, { date: KstDate; bars: DailyBar[] }>();
  private readonly peaks = new Map<string, Krw>();
  private readonly arms = new Map<string, ArmState>();
  private readonly lastEvaluated = new Map<string, number>();
  /** Per ticker: the results of its last evaluation (their trigger prices) and whether an early one was used. */
  private readonly lastResults = new Map<string, { results: ConditionResult[]; earlyUsed: boolean }>();
  /** Per ticker: the timer that evaluates a throttled tick when its second is over. */
  private readonly deferred = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private readonly dirty = new Set<string>();
  private readonly evaluating = new Map<string, Promise<void>>();
  private downSince: number | null = null;
  private downAlerted = false;
  private subscribeFailed = false;
  private lastPollAt = 0;
  private pollCursor = 0;
  private readonly counts = { ticks: 0, malformed: 0, polls: 0, evaluations: 0, firings: 0 };

  constructor(private readonly deps: WatchDeps) {}

  /** Runs the loop once a second (timers are real; every decision reads the Clock). */
  start(): void {
    if (this.timer || !this.deps.settings.enabled) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), EVALUATE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    for (const timer of this.deferred.values()) clearTimeout(timer);
    this.deferred.clear();
    await this.unsubscribe();
    await Promise.allSettled([...this.evaluating.values()]);
  }

  /** One pass: market hours, targets, subscription, bars, polling while down, due evaluations. */
  async tick(): Promise<void> {
    if (this.ticking || !this.deps.settings.enabled) return;
    this.ticking = true;
    try {
      await this.pass();
    } catch (error) {
      this.deps.onError?.('watch tick', error);
    } finally {
      this.ticking = false;
    }
  }

  /** The latest realtime price when it is fresher than `maxAgeMs` (for the quote tool and the guard). */
  latestPrice(ticker: string, maxAgeMs: number): { price: Krw; at: Date } | null {
    const live = this.live.get(ticker);
    if (!live || live.source !== 'realtime' || !this.marketOpen) return null;
    if (this.deps.clock.now().getTime() - live.at > maxAgeMs) return null;
    return { price: live.price, at: new Date(live.at) };
  }

  status(): WatchStatus {
    const feedDown = this.downSince !== null;
    const state: WatchState = !this.marketOpen
      ? 'market_closed'
      : this.subscribed.length === 0 && this.targets().length === 0
        ? 'idle'
        : feedDown || this.notSubscribed.length > 0
          ? 'degraded'
          : 'market_open';
    return {
      state,
      enabled: this.deps.settings.enabled,
      watched: this.targets().length,
      subscribed: this.subscribed.length,
      notSubscribed: [...this.notSubscribed],
      feed: !this.marketOpen ? 'off' : feedDown ? 'polling' : 'realtime',
      downSince: this.downSince === null ? null : new Date(this.downSince).toISOString(),
      lastTickAt: Object.fromEntries(
        [...this.live].map(([ticker, live]) => [ticker, new Date(live.at).toISOString()]),
      ),
      counts: { ...this.counts },
    };
  }

  // ---- watchlist commands -------------------------------------------------------------------------------

  async listWatchlist(): Promise<WatchlistEntry[]> {
    return this.deps.store.listWatchlist();
  }

  /** `/watch add`: a known ETF, known conditions, thresholds in range and room in the 41 registrations. */
  async addWatch(input: {
    ticker: string;
    conditions?: readonly string[];
    overrides?: WatchThresholdOverrides;
    by: string;
  }): Promise<AddWatchResult> {
    const ticker = input.ticker.trim();
    if (!/^\d{6}$/.test(ticker) || !this.deps.isKnownEtf(ticker))
      return { ok: false, code: 'UNKNOWN_TICKER', detail: ticker };
    const asked = input.conditions ?? [];
    const bad = asked.find((c) => !isWatchCondition(c));
    if (bad !== undefined) return { ok: false, code: 'BAD_CONDITION', detail: bad };
    const conditions = (asked.length > 0 ? asked : ['buy_ma20_pullback', 'buy_breakout', 'buy_rsi_bounce'])
      .filter(isWatchCondition)
      .filter((c, i, all) => all.indexOf(c) === i);
    const overrides = input.overrides ?? {};
    const checked = resolveThresholds(this.deps.settings.thresholds, {
      ...this.deps.settings.tickerOverrides[ticker],
      ...overrides,
    });
    if (!checked.ok)
      return {
        ok: false,
        code: 'BAD_THRESHOLD',
        detail: checked.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      };
    const existing = await this.deps.store.listWatchlist();
    const positions = await this.deps.positions();
    const watched = new Set([
      ...positions.filter((p) => p.quantity > 0).map((p) => p.ticker),
      ...existing.map((e) => e.ticker),
    ]);
    const replaced = existing.some((e) => e.ticker === ticker);
    if (!watched.has(ticker) && watched.size >= MAX_WATCHED_TICKERS)
      return { ok: false, code: 'TOO_MANY', detail: String(MAX_WATCHED_TICKERS) };
    const entry: WatchlistEntry = {
      ticker,
      conditions,
      overrides,
      addedBy: input.by,
      addedAt: this.deps.clock.now(),
    };
    await this.deps.store.upsertWatch(entry);
    this.targetsAt = 0;
    return { ok: true, entry, replaced };
  }

  async removeWatch(ticker: string): Promise<boolean> {
    const removed = await this.deps.store.removeWatch(ticker.trim());
    this.targetsAt = 0;
    return removed;
  }

  /** For `/watch list`: the live price (if any) and each condition's result with its trigger distance. */
  async describe(ticker: string): Promise<{ price: Krw | null; results: ConditionResult[] }> {
    const live = this.live.get(ticker);
    const cached = this.bars.get(ticker);
    if (!live || !cached) return { price: live?.price ?? null, results: [] };
    const entry = this.watchlist.find((e) => e.ticker === ticker);
    const thresholds = this.thresholdsFor(ticker, entry);
    return {
      price: live.price,
      results: evaluateConditions({
        market: this.marketOf(ticker, live, cached.bars),
        holding: this.holdingOf(ticker, live.price),
        thresholds,
        conditions: this.conditionsFor(ticker, entry),
      }),
    };
  }

  // ---- the loop -------------------------------------------------------------------------------------------

  private async pass(): Promise<void> {
    const now = this.deps.clock.now();
    const session = marketSessionAt(now, this.deps.calendar);
    const open = session.phase === 'CONTINUOUS' || session.phase === 'CLOSING_AUCTION';
    if (!open) {
      if (this.marketOpen || this.subscription) await this.unsubscribe();
      this.marketOpen = false;
      this.downSince = null;
      this.downAlerted = false;
      return;
    }
    this.marketOpen = true;
    const nowMs = now.getTime();
    if (nowMs - this.targetsAt >= REFRESH_TARGETS_MS) await this.refreshTargets(nowMs);
    await this.ensureSubscribed();
    await this.loadOneMissingBarSeries(session.date);
    await this.watchFeedHealth(nowMs, session.date);
    for (const ticker of [...this.dirty]) this.maybeEvaluate(ticker);
  }

  private async refreshTargets(nowMs: number): Promise<void> {
    const [watchlist, positions] = await Promise.all([
      this.deps.store.listWatchlist(),
      this.deps.positions(),
    ]);
    this.watchlist = watchlist;
    this.holdings = new Map(positions.filter((p) => p.quantity > 0).map((p) => [p.ticker, p]));
    for (const ticker of this.peaks.keys()) if (!this.holdings.has(ticker)) this.peaks.delete(ticker);
    this.targetsAt = nowMs;
  }

  /** Holdings first, then the watchlist in the order it was added; at most MAX_WATCHED_TICKERS. */
  private targets(): string[] {
    return [...new Set([...this.holdings.keys(), ...this.watchlist.map((e) => e.ticker)])];
  }

  private async ensureSubscribed(): Promise<void> {
    const all = this.targets();
    const wanted = all.slice(0, MAX_WATCHED_TICKERS);
    const key = wanted.join(',');
    if (key === this.subscribedKey && this.subscription) return;
    if (key === this.subscribedKey && this.subscribeFailed && wanted.length === 0) return;
    await this.unsubscribe();
    this.notSubscribed = all.slice(MAX_WATCHED_TICKERS);
    this.subscribedKey = key;
    if (wanted.length === 0) return;
    try {
      this.subscription = await this.deps.broker.subscribeTrades(
        wanted,
        (tick) => this.onTick(tick),
        () => {
          this.counts.malformed += 1;
        },
      );
      this.subscribed = wanted;
      this.subscribeFailed = false;
    } catch (error) {
      // The next pass tries again; meanwhile the tickers are polled.
      this.subscribeFailed = true;
      this.subscribedKey = '';
      this.deps.onError?.('watch subscribe', error);
    }
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    this.subscribed = [];
    this.subscribedKey = '';
    if (subscription)
      await subscription.close().catch((error) => this.deps.onError?.('watch unsubscribe', error));
  }

  /** Daily bars once a day per ticker, one ticker per pass so the KIS budget is shared. */
  private async loadOneMissingBarSeries(today: KstDate): Promise<void> {
    const missing = this.targets().find((t) => this.bars.get(t)?.date !== today);
    if (!missing) return;
    try {
      const bars = await this.deps.broker.getDailyBars(
        missing,
        addDays(today, -BAR_HISTORY_DAYS),
        addDays(today, -1),
      );
      this.bars.set(missing, { date: today, bars: bars.filter((b) => b.date < today) });
      this.dirty.add(missing);
    } catch (error) {
      this.deps.onError?.('watch daily bars', error);
    }
  }

  /**
   * Down = the subscription failed or the socket is reconnecting: poll REST and, past the setting, alert.
   * Tickers left out of the registrations (more holdings than fit) are polled all the time.
   */
  private async watchFeedHealth(nowMs: number, today: KstDate): Promise<void> {
    const targets = this.targets();
    const connected = this.deps.broker.realtimeConnected?.() ?? true;
    const down = targets.length > 0 && (this.subscribeFailed || (this.subscription !== null && !connected));
    if (!down) {
      this.downSince = null;
      this.downAlerted = false;
      await this.poll(this.notSubscribed, nowMs);
      return;
    }
    this.downSince ??= nowMs;
    if (!this.downAlerted && nowMs - this.downSince >= this.deps.settings.downAlertMs) {
      this.downAlerted = true;
      const seconds = Math.round((nowMs - this.downSince) / 1_000);
      await this.deps.alerts.raise({
        kind: 'DATA_OUTAGE',
        severity: 'warning',
        message: `실시간 시세 연결이 ${seconds}초째 끊겨 있습니다. 감시는 REST 조회로 계속합니다.`,
        data: {
          source: 'watch',
          seconds,
          en: `The realtime price feed has been down for ${seconds} s; the watch continues on REST quotes.`,
        },
        dedupeKey: `watch-feed-down:${today}:${this.downSince}`,
      });
    }
    await this.poll(targets, nowMs);
  }

  /** One REST quote every pollIntervalMs, round-robin over the tickers (inside the shared KIS budget). */
  private async poll(tickers: readonly string[], nowMs: number): Promise<void> {
    if (tickers.length === 0 || nowMs - this.lastPollAt < this.deps.settings.pollIntervalMs) return;
    this.lastPollAt = nowMs;
    const ticker = tickers[this.pollCursor++ % tickers.length]!;
    try {
      const quote = await this.deps.broker.getQuote(ticker);
      this.counts.polls += 1;
      this.accept(ticker, {
        price: quote.price,
        dayOpen: quote.open,
        dayVolume: quote.volume,
        at: nowMs,
        source: 'rest',
      });
    } catch (error) {
      this.deps.onError?.('watch poll', error);
    }
  }

  private onTick(tick: TradeTick): void {
    this.counts.ticks += 1;
    const previous = this.live.get(tick.ticker);
    this.accept(tick.ticker, {
      price: tick.price,
      dayOpen: tick.dayOpen ?? previous?.dayOpen ?? 0,
      dayVolume: tick.dayVolume ?? (previous?.dayVolume ?? 0) + tick.volume,
      at: this.deps.clock.now().getTime(),
      source: 'realtime',
    });
  }

  private accept(ticker: string, live: Live): void {
    if (!this.marketOpen) return;
    this.live.set(ticker, live);
    if (this.holdings.has(ticker)) this.peaks.set(ticker, Math.max(this.peaks.get(ticker) ?? 0, live.price));
    this.dirty.add(ticker);
    this.maybeEvaluate(ticker);
  }

  /**
   * At most once per second per ticker, one evaluation of a ticker at a time. A tick inside the second waits
   * for its end (a timer, not the next pass) — unless its price reaches a trigger price of the last evaluation
   * (a stop, a take-profit, a breakout level): then it is evaluated at once, once per second at most, so an
   * alert never waits for the throttle.
   */
  private maybeEvaluate(ticker: string): void {
    if (this.evaluating.has(ticker) || this.stopped) return;
    const nowMs = this.deps.clock.now().getTime();
    const live = this.live.get(ticker);
    const cached = this.bars.get(ticker);
    if (!live || !cached) return;
    const last = this.lastEvaluated.get(ticker);
    let early = false;
    if (last !== undefined && nowMs - last < EVALUATE_EVERY_MS) {
      const previous = this.lastResults.get(ticker);
      early =
        previous !== undefined &&
        !previous.earlyUsed &&
        previous.results.some((r) => reachesTrigger(r, live.price));
      if (!early) {
        this.deferEvaluation(ticker, EVALUATE_EVERY_MS - (nowMs - last));
        return;
      }
    }
    this.dirty.delete(ticker);
    this.clearDeferred(ticker);
    // An early evaluation does not move the second: at most one more inside it.
    if (!early) this.lastEvaluated.set(ticker, nowMs);
    const work = this.evaluate(ticker, live, cached.bars, early)
      .catch((error) => this.deps.onError?.('watch evaluate', error))
      .finally(() => {
        this.evaluating.delete(ticker);
        this.deps.onEvaluated?.({
          ticker,
          startedAtMs: nowMs,
          doneAtMs: this.deps.clock.now().getTime(),
        });
        // A tick that arrived meanwhile is evaluated when its turn comes.
        if (this.dirty.has(ticker)) this.maybeEvaluate(ticker);
      });
    this.evaluating.set(ticker, work);
  }

  private deferEvaluation(ticker: string, delayMs: number): void {
    if (this.deferred.has(ticker) || this.stopped) return;
    const timer = setTimeout(
      () => {
        this.deferred.delete(ticker);
        if (this.dirty.has(ticker) && this.marketOpen) this.maybeEvaluate(ticker);
      },
      Math.max(1, delayMs),
    );
    timer.unref();
    this.deferred.set(ticker, timer);
  }

  private clearDeferred(ticker: string): void {
    const timer = this.deferred.get(ticker);
    if (timer) clearTimeout(timer);
    this.deferred.delete(ticker);
  }

  private async evaluate(
    ticker: string,
    live: Live,
    bars: readonly DailyBar[],
    early: boolean,
  ): Promise<void> {
    this.counts.evaluations += 1;
    const now = this.deps.clock.now();
    const date = kstDate(now);
    const entry = this.watchlist.find((e) => e.ticker === ticker);
    const holding = this.holdingOf(ticker, live.price);
    const results = evaluateConditions({
      market: this.marketOf(ticker, live, bars),
      holding,
      thresholds: this.thresholdsFor(ticker, entry),
      conditions: this.conditionsFor(ticker, entry),
    });
    this.lastResults.set(ticker, { results, earlyUsed: early });
    for (const result of results) {
      const key = `${ticker}|${result.condition}`;
      const step = stepArm(this.arms.get(key) ?? INITIAL_ARM_STATE, {
        fired: result.fired,
        date,
        nowMs: now.getTime(),
        rearmMs: this.deps.settings.rearmMs,
      });
      this.arms.set(key, step.state);
      if (step.post) await this.fire(result, holding, date, live.at);
    }
  }

  private async fire(
    result: ConditionResult,
    holding: WatchHolding | undefined,
    date: KstDate,
    tickAtMs: number,
  ): Promise<void> {
    const sell = result.kind === 'sell' && holding !== undefined;
    // The open intents are read alongside the firing's row (one round trip less before the card).
    const [recorded, openIntents] = await Promise.all([
      this.deps.store.recordFiring({
        ticker: result.ticker,
        condition: result.condition,
        tradeDate: date,
        kind: result.kind,
        severity: result.severity,
        price: result.price,
        numbers: result.numbers,
        intentId: null,
        firedAt: this.deps.clock.now(),
      }),
      sell ? this.deps.openIntents() : Promise.resolve([]),
    ]);
    // Already posted today (e.g. before a restart): once per ticker, condition and day.
    if (!recorded) return;
    this.counts.firings += 1;
    let intent: IntentRecord | null = null;
    let existingIntentId: string | null = null;
    if (sell) {
      const open = openIntents.find(
        (i) =>
          i.ticker === result.ticker &&
          i.side === 'SELL' &&
          (OPEN_INTENT_STATUSES as readonly string[]).includes(i.status),
      );
      if (open) existingIntentId = open.id;
      else intent = await this.proposeSell(result, holding, date);
    }
    try {
      await this.deps.publisher.publishWatchAlert({
        firing: result,
        name: this.deps.nameOf(result.ticker),
        intent,
        existingIntentId,
        tradeDate: date,
      });
    } finally {
      if (intent) await this.deps.store.setFiringIntent(result.ticker, result.condition, date, intent.id);
    }
    this.deps.onPublished?.({
      ticker: result.ticker,
      condition: result.condition,
      tickAtMs,
      doneAtMs: this.deps.clock.now().getTime(),
    });
  }

  private async proposeSell(
    result: ConditionResult,
    holding: WatchHolding,
    date: KstDate,
  ): Promise<IntentRecord | null> {
    const { sellSharePct, limitTicks } = this.deps.settings;
    const quantity = Math.max(
      1,
      Math.min(holding.quantity, Math.floor((holding.quantity * sellSharePct) / 100)),
    );
    let limit = result.price;
    for (let i = 0; i < limitTicks; i++) limit -= tickSizeForEtf(limit - 1);
    limit = Math.max(1, floorToTick(limit, 'ETF'));
    try {
      const { intent } = await this.deps.propose({
        source: 'monitor',
        proposer: 'watch',
        ticker: result.ticker,
        side: 'SELL',
        quantity,
        orderType: 'LIMIT',
        limitPrice: limit,
        rationale: `감시 조건 ${result.condition} 발동 (현재가 ${result.price.toLocaleString('ko-KR')}원)`,
        idempotencyKey: `watch:${result.ticker}:${result.condition}:${date}`,
      });
      return intent;
    } catch (error) {
      this.deps.onError?.('watch propose', error);
      return null;
    }
  }

  // ---- inputs of the pure conditions ---------------------------------------------------------------------

  private marketOf(ticker: string, live: Live, bars: readonly DailyBar[]) {
    return { ticker, bars, price: live.price, todayOpen: live.dayOpen, todayVolume: live.dayVolume };
  }

  private holdingOf(ticker: string, price: Krw): WatchHolding | undefined {
    const position = this.holdings.get(ticker);
    if (!position || position.quantity <= 0) return undefined;
    const averageCost = Math.floor(position.costBasis / position.quantity);
    // The desk's own observation of the peak since it held the position (never below the cost).
    const peak = Math.max(this.peaks.get(ticker) ?? 0, averageCost, price);
    return { quantity: position.quantity, averageCost, highestSinceOpened: peak };
  }

  private thresholdsFor(ticker: string, entry: WatchlistEntry | undefined): WatchThresholds {
    const { thresholds, tickerOverrides } = this.deps.settings;
    const resolved = resolveThresholds(thresholds, { ...tickerOverrides[ticker], ...entry?.overrides });
    return resolved.ok ? resolved.value : thresholds;
  }

  private conditionsFor(ticker: string, entry: WatchlistEntry | undefined): WatchCondition[] {
    const out = new Set<WatchCondition>(entry?.conditions ?? []);
    if (this.holdings.has(ticker)) for (const c of this.deps.settings.holdingConditions) out.add(c);
    return [...out];
  }
}
