import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/adapters/db/client';
import * as s from '../../src/adapters/db/schema';
import { applyFill, type Holding } from '../../src/domain/portfolio';

/** November 2026's weekdays (KRX has no holiday that month). */
export const SEED_DAYS: string[] = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`).filter(
  (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
);
export const SEED_FROM = new Date('2026-10-31T15:00:00Z'); // 2026-11-01 00:00 KST
export const SEED_TO = new Date('2026-11-30T15:00:00Z'); // 2026-12-01 00:00 KST
export const SEED_NAV_FLOOR = 900_000;
const START_CASH = 1_000_000;
const BASE: Record<string, number> = { '069500': 35_000, '360750': 18_000 };
const STEPS = ['market_fetch', 'news', 'strategy', 'risk', 'execution', 'reconcile', 'briefing'];

const kst = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);

function priceOn(ticker: string, day: number): number {
  const raw = BASE[ticker]! * (1 + 0.03 * Math.sin(day / 3 + (ticker === '069500' ? 0 : 1)) + 0.002 * day);
  return Math.round(raw / 5) * 5;
}

interface Trade {
  day: number;
  ticker: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  outcome: 'FILLED' | 'REJECTED' | 'UNKNOWN_THEN_FILLED';
}

const TRADES: Trade[] = [
  { day: 0, ticker: '069500', side: 'BUY', quantity: 10, outcome: 'FILLED' },
  { day: 0, ticker: '360750', side: 'BUY', quantity: 20, outcome: 'FILLED' },
  { day: 5, ticker: '069500', side: 'BUY', quantity: 5, outcome: 'UNKNOWN_THEN_FILLED' },
  { day: 9, ticker: '360750', side: 'SELL', quantity: 10, outcome: 'FILLED' },
  { day: 12, ticker: '069500', side: 'BUY', quantity: 3, outcome: 'REJECTED' },
  { day: 15, ticker: '069500', side: 'SELL', quantity: 6, outcome: 'FILLED' },
];

const DENIALS: { day: number; ticker: string; code: string }[] = [
  { day: 3, ticker: '069500', code: 'MAX_ORDER_VALUE' },
  { day: 7, ticker: '360750', code: 'MAX_POSITION_WEIGHT' },
  { day: 11, ticker: '069500', code: 'MAX_ORDER_VALUE' },
  { day: 18, ticker: '069500', code: 'NAV_PREMIUM' },
];

const WATCH_FIRINGS: [day: number, ticker: string, condition: string, kind: 'buy' | 'sell', severity: 'normal' | 'high'][] = [
  [4, '069500', 'buy_ma20_pullback', 'buy', 'normal'],
  [13, '360750', 'sell_trailing_stop', 'sell', 'high'],
  [17, '069500', 'sell_stop_loss', 'sell', 'normal'],
];

export interface SeedSummary {
  tradingDays: number;
  orders: number;
  fills: number;
  denialsByCode: Record<string, number>;
  realisedPnl: number;
  egw00201: number;
  llmCostMicroUsd: number;
  failedRunDate: string;
  lastNav: number;
  watchFirings: number;
}

/** A month of desk activity written straight into the tables the dashboard views read. */
export async function seedDeskMonth(db: Db): Promise<SeedSummary> {
  await db
    .insert(s.deskSettings)
    .values({ key: 'nav_floor', value: SEED_NAV_FLOOR, updatedAt: SEED_FROM })
    .onConflictDoUpdate({ target: s.deskSettings.key, set: { value: SEED_NAV_FLOOR } });
  const holdings = new Map<string, Holding>();
  let cash = START_CASH;
  let realisedPnl = 0;
  let orders = 0;
  let fills = 0;
  let egw00201 = 0;
  let llmCostMicroUsd = 0;
  let lastNav = 0;
  const failedRunDate = SEED_DAYS[8]!;

  await db.insert(s.tradingStateChanges).values([
    { state: 'ACTIVE', previousState: null, reason: '시작', actor: 'system', at: kst(SEED_DAYS[0]!, '07:00') },
    { state: 'HALTED', previousState: 'ACTIVE', reason: '수동 정지', actor: 'u1', at: kst(SEED_DAYS[10]!, '10:00') },
    { state: 'ACTIVE', previousState: 'HALTED', reason: '재개', actor: 'u1', at: kst(SEED_DAYS[10]!, '13:00') },
  ]);

  for (const [day, date] of SEED_DAYS.entries()) {
    // The daily cycle and its steps.
    const runId = randomUUID();
    const failed = date === failedRunDate;
    const runStart = kst(date, '08:00');
    await db.insert(s.dailyRuns).values({
      id: runId,
      tradeDate: date,
      status: failed ? 'FAILED' : 'COMPLETED',
      trigger: day === 4 ? 'catch_up' : 'schedule',
      attempts: failed ? 3 : 1,
      lastError: failed ? 'market_fetch: KIS 5xx' : null,
      startedAt: runStart,
      finishedAt: new Date(runStart.getTime() + (failed ? 90_000 : 40_000 + day * 500)),
    });
    let t = runStart.getTime();
    for (const step of failed ? STEPS.slice(0, 1) : STEPS) {
      const ms = 1_000 + ((day * 7 + step.length * 311) % 4_000);
      await db.insert(s.dailyRunSteps).values({
        runId,
        step,
        status: failed ? 'FAILED' : 'DONE',
        attempts: failed ? 3 : 1,
        error: failed ? 'KIS 5xx' : null,
        startedAt: new Date(t),
        finishedAt: new Date(t + ms),
      });
      t += ms;
    }

    // Orders of the day.
    for (const trade of TRADES.filter((x) => x.day === day)) {
      const intentId = randomUUID();
      const orderId = randomUUID();
      const price = priceOn(trade.ticker, day);
      const at = kst(date, '09:05');
      await db.insert(s.orderIntents).values({
        id: intentId,
        source: day === 0 ? 'cycle' : 'chat',
        proposer: 'desk',
        ticker: trade.ticker,
        side: trade.side,
        quantity: trade.quantity,
        orderType: 'LIMIT',
        limitPrice: price,
        rationale: '리밸런싱',
        precheck: { ok: true },
        status: 'EXECUTED',
        environment: 'paper',
        expiresAt: kst(date, '15:30'),
        createdAt: kst(date, '08:30'),
        decidedBy: 'u1',
        decidedAt: kst(date, '09:00'),
      });
      const rejected = trade.outcome === 'REJECTED';
      const amount = price * trade.quantity;
      const fee = Math.floor((amount * 15) / 100_000);
      await db.insert(s.orders).values({
        id: orderId,
        intentId,
        environment: 'paper',
        ticker: trade.ticker,
        side: trade.side,
        quantity: trade.quantity,
        orderType: 'LIMIT',
        limitPrice: price,
        status: rejected ? 'REJECTED' : 'FILLED',
        brokerOrderId: rejected ? null : String(1000 + orders),
        filledQuantity: rejected ? 0 : trade.quantity,
        filledAmount: rejected ? 0 : amount,
        fees: rejected ? 0 : fee,
        rejectCode: rejected ? 'APBK0952' : null,
        rejectMessage: rejected ? '주문가능금액을 초과' : null,
        submittedAt: at,
        createdAt: at,
        updatedAt: kst(date, '09:10'),
      });
      orders += 1;
      const events: { type: string; actor: string }[] = [
        { type: 'INTENT_CREATED', actor: 'desk' },
        { type: 'INTENT_APPROVED', actor: 'u1' },
        { type: 'GUARD_ALLOWED', actor: 'risk-guard' },
        ...(rejected
          ? [{ type: 'ORDER_REJECTED', actor: 'broker' }]
          : trade.outcome === 'UNKNOWN_THEN_FILLED'
            ? [
                { type: 'ORDER_UNKNOWN', actor: 'broker' },
                { type: 'ORDER_RECONCILED', actor: 'reconciler' },
                { type: 'ORDER_FILLED', actor: 'broker' },
              ]
            : [
                { type: 'ORDER_ACCEPTED', actor: 'broker' },
                { type: 'ORDER_FILLED', actor: 'broker' },
              ]),
      ];
      for (const [i, e] of events.entries()) {
        await db.insert(s.orderEvents).values({
          orderId: i >= 3 ? orderId : null,
          intentId,
          type: e.type,
          data: {},
          actor: e.actor,
          at: new Date(at.getTime() + i * 1_000),
        });
      }
      if (!rejected) {
        await db.insert(s.fills).values({
          orderId,
          cumulativeQuantity: trade.quantity,
          ticker: trade.ticker,
          side: trade.side,
          quantity: trade.quantity,
          price,
          amount,
          fee,
          tax: 0,
          source: 'websocket',
          filledAt: kst(date, '09:10'),
        });
        fills += 1;
        const effect = applyFill(holdings.get(trade.ticker) ?? null, {
          ticker: trade.ticker,
          side: trade.side,
          quantity: trade.quantity,
          amount,
          fee,
          tax: 0,
        });
        holdings.set(trade.ticker, effect.holding);
        cash += effect.cashDelta;
        realisedPnl += effect.realized;
      }
    }

    for (const denial of DENIALS.filter((x) => x.day === day)) {
      const intentId = randomUUID();
      await db.insert(s.orderIntents).values({
        id: intentId,
        source: 'chat',
        proposer: 'desk',
        ticker: denial.ticker,
        side: 'BUY',
        quantity: 50,
        orderType: 'LIMIT',
        limitPrice: priceOn(denial.ticker, day),
        rationale: '추가 매수',
        precheck: { ok: false, code: denial.code },
        status: 'DENIED',
        environment: 'paper',
        expiresAt: kst(date, '15:30'),
        createdAt: kst(date, '10:00'),
      });
      await db.insert(s.orderEvents).values({
        intentId,
        type: 'GUARD_DENIED',
        data: { code: denial.code },
        actor: 'risk-guard',
        at: kst(date, '10:01'),
      });
    }

    // The close.
    const positions = [...holdings.values()]
      .filter((h) => h.quantity > 0)
      .map((h) => ({
        ticker: h.ticker,
        quantity: h.quantity,
        price: priceOn(h.ticker, day),
        value: h.quantity * priceOn(h.ticker, day),
      }));
    const securities = positions.reduce((sum, p) => sum + p.value, 0);
    lastNav = cash + securities;
    await db.insert(s.navSnapshots).values({
      tradeDate: date,
      kind: 'close',
      nav: lastNav,
      cash,
      securitiesValue: securities,
      positions,
      takenAt: kst(date, '15:40'),
    });

    // KIS traffic and model use.
    for (const [hour, tr] of [
      ['08:00', 'FHKST01010100'],
      ['09:00', 'TTTC8434R'],
      ['09:05', 'VTTC0802U'],
    ] as const) {
      const throttled = day % 5 === 2 && tr === 'FHKST01010100' ? 2 : 0;
      egw00201 += throttled;
      await db.insert(s.kisRequestCounts).values([
        { bucket: kst(date, hour), trId: tr, outcome: 'OK', requests: 10 + day, latencyMsSum: (10 + day) * 35, latencyMsMax: 120 },
        ...(throttled
          ? [{ bucket: kst(date, hour), trId: tr, outcome: 'EGW00201', requests: throttled, latencyMsSum: 40, latencyMsMax: 25 }]
          : []),
      ]);
    }
    for (const purpose of ['chat', 'briefing']) {
      const cost = 1_200 + day * 37 + purpose.length;
      llmCostMicroUsd += cost;
      await db.insert(s.llmUsage).values({
        purpose,
        model: 'gpt-4o-mini',
        inputTokens: 1_500 + day * 10,
        outputTokens: 300 + day,
        costMicroUsd: cost,
        tradeDate: date,
        at: kst(date, purpose === 'chat' ? '11:00' : '08:01'),
      });
    }
  }

  for (const h of holdings.values()) {
    await db.insert(s.positions).values({ ...h, updatedAt: SEED_TO });
  }
  // The intraday watch: two watched ETFs and the firings that were posted.
  await db.insert(s.watchlist).values([
    { ticker: '069500', conditions: ['sell_stop_loss', 'buy_ma20_pullback'], overrides: { stop_loss_pct: 7 }, addedBy: 'u1', addedAt: kst(SEED_DAYS[0]!, '08:10') },
    { ticker: '360750', conditions: ['sell_trailing_stop'], overrides: {}, addedBy: 'u1', addedAt: kst(SEED_DAYS[1]!, '08:10') },
  ]);
  for (const [day, ticker, condition, kind, severity] of WATCH_FIRINGS) {
    await db.insert(s.watchFirings).values({
      ticker,
      condition,
      tradeDate: SEED_DAYS[day]!,
      kind,
      severity,
      price: priceOn(ticker, day),
      numbers: { price: priceOn(ticker, day) },
      firedAt: kst(SEED_DAYS[day]!, '10:30'),
    });
  }
  await db.insert(s.canaryRuns).values({
    tradeDate: SEED_DAYS.at(-1)!,
    status: 'PASSED',
    attempts: 1,
    probes: [],
    firstAt: kst(SEED_DAYS.at(-1)!, '07:45'),
    lastAt: kst(SEED_DAYS.at(-1)!, '07:45'),
  });

  const denialsByCode: Record<string, number> = {};
  for (const d of DENIALS) denialsByCode[d.code] = (denialsByCode[d.code] ?? 0) + 1;
  return {
    tradingDays: SEED_DAYS.length,
    orders,
    fills,
    denialsByCode,
    realisedPnl,
    egw00201,
    llmCostMicroUsd,
    failedRunDate,
    lastNav,
    watchFirings: WATCH_FIRINGS.length,
  };
}
