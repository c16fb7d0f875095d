import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBuyAndHold } from '../../../src/backtest/benchmark';
import type { BacktestConfig } from '../../../src/backtest/config';
import { runBacktest, type BacktestRun } from '../../../src/backtest/engine';
import { feeFor, nearestTick } from '../../../src/domain/money';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk';
import type { DailyBar } from '../../../src/domain/ports';
import { testConfig, weekdayCalendar, weekdaysFrom } from '../strategy/fixtures';

const DATES = weekdaysFrom('2023-01-02', 160);
const grid = (x: number): number => nearestTick(x, 'ETF');

/** Deterministic random walk on the tick grid (open a little below close), from a seed. */
function walk(seed: number, drift: number, start = 10_000, count = DATES.length): DailyBar[] {
  let state = seed;
  let price = start;
  return DATES.slice(0, count).map((date) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    price *= 1 + drift + (state / 2 ** 31 - 0.5) * 0.03;
    const close = grid(price);
    const open = grid(price * 0.998);
    return {
      date,
      open,
      high: grid(Math.max(open, close) * 1.005),
      low: grid(Math.min(open, close) * 0.995),
      close,
      volume: 100,
    };
  });
}

/** Guard limits that never bind, so a test sees the strategy alone unless it sets its own. */
const LOOSE_LIMITS: BacktestConfig['limits'] = {
  ...DEFAULT_RISK_LIMITS,
  allowedTickers: ['100010', '100020', '100030', '100090'],
  maxOrderValue: 1_000_000_000,
  maxPositionWeightBp: 10_000,
  fatFingerCashBp: 10_000,
  maxOrdersPerDay: 100,
};

function config(overrides: Partial<BacktestConfig> = {}): BacktestConfig {
  return {
    from: DATES[20]!,
    to: DATES[DATES.length - 1]!,
    capital: 1_000_000,
    strategy: testConfig(),
    benchmark: '100010',
    slippageTicks: 1,
    commissionPpm: 140,
    sellTaxPpm: 0,
    cashRateBp: 0,
    riskFreeRate: 0,
    limits: LOOSE_LIMITS,
    carryOver: true,
    forceFirstDay: true,
    accountType: 'pension',
    ...overrides,
  };
}

const data = (): Record<string, DailyBar[]> => ({
  '100010': walk(1, 0.002),
  '100020': walk(2, 0.001, 20_000),
  '100030': walk(3, -0.001, 5_000),
  '100090': walk(4, 0.0002, 50_000),
});

describe('backtest engine', () => {
  it('when a taxable account sells a non-domestic-equity ETF at a gain then 15.4 % of the gain is withheld, and a domestic-equity ETF or a pension account pays none', () => {
    // Arrange: 100010 rises 1 % a day; the strategy holds it, then the universe forces a full exit at data end
    const bars = walk(1, 0.01);
    const strategy = testConfig({
      universe: ['100010'],
      safeAsset: 'CASH',
      topN: 1,
      maxPositionWeightBp: 5_000,
    });
    const run = (accountType: BacktestConfig['accountType'], ticker = '100010') =>
      runBacktest({
        barsByTicker: { [ticker]: bars.slice(0, 120), '100090': walk(4, 0) },
        calendar: weekdayCalendar(),
        config: config({ strategy: { ...strategy, universe: [ticker] }, accountType }),
      });

    // Act
    const taxable = run('taxable');
    const pension = run('pension');
    const domestic = run('taxable', '069500');

    // Assert: every gainful sale of 100010 in the taxable account withheld floor(gain × 15.4 %)
    const sales = taxable.fills.filter((f) => f.side === 'SELL');
    expect(sales.length).toBeGreaterThan(0);
    expect(taxable.taxPaid).toBeGreaterThan(0);
    expect(taxable.taxPaid).toBe(sales.reduce((sum, f) => sum + f.tax, 0));
    expect(Math.round(taxable.taxableGain * 0.154)).toBeGreaterThanOrEqual(taxable.taxPaid - sales.length);
    expect(pension.taxPaid).toBe(0);
    expect(domestic.taxPaid).toBe(0);
    expect(taxable.finalCash).toBeLessThan(pension.finalCash);
  });

  it('when the guard limits bind then every order is cut to them, the cuts are recorded, and the carry-over sends the rest on later days', () => {
    // Arrange: the desk's own limits (300,000 KRW per order, 30 % of cash per buy) on 1,000,000 KRW
    const limits = { ...DEFAULT_RISK_LIMITS, allowedTickers: ['100010', '100020', '100030', '100090'] };

    // Act
    const run = runBacktest({
      barsByTicker: data(),
      calendar: weekdayCalendar(),
      config: config({ limits }),
    });
    const uncut = runBacktest({ barsByTicker: data(), calendar: weekdayCalendar(), config: config() });

    // Assert: limits hold on every order, and the run differs from the one without them
    expect(run.clipped.length).toBeGreaterThan(0);
    expect(run.clipped.map((c) => c.by)).toEqual(expect.arrayContaining(['MAX_ORDER_VALUE']));
    for (const order of run.orders) expect(order.quantity * order.limitPrice).toBeLessThanOrEqual(300_000);
    const fitLimits: string[] = ['MAX_ORDER_VALUE', 'FAT_FINGER', 'MAX_POSITION_WEIGHT'];
    expect(uncut.clipped.filter((c) => fitLimits.includes(c.by))).toEqual([]);
    expect(run.orders).not.toEqual(uncut.orders);

    // Assert: carry-over orders exist, each on a ticker of the plan before it, between plans
    const carried = run.orders.filter((o) => o.kind === 'CARRY_OVER');
    expect(carried.length).toBeGreaterThan(0);
    for (const order of carried) {
      const plan = run.plans.filter((p) => p.date < order.date).at(-1)!;
      expect(plan.legs.map((l) => l.ticker)).toContain(order.ticker);
      expect(run.plans.some((p) => p.date === order.date)).toBe(false);
    }
    expect(run.fills.filter((f) => f.reason === 'CARRY_OVER').length).toBeGreaterThan(0);

    // Assert: without the carry-over nothing is sent between plans, and undone remainders are abandoned
    const noCarry = runBacktest({
      barsByTicker: data(),
      calendar: weekdayCalendar(),
      config: config({ limits, carryOver: false }),
    });
    const planDays = new Set(noCarry.plans.map((p) => p.date));
    expect(noCarry.orders.every((o) => planDays.has(o.date) && o.kind === 'PLAN')).toBe(true);
    expect(noCarry.abandoned.length).toBeGreaterThan(0);
  });

  it('when the open gaps beyond a buy limit and the low never comes back then the order does not fill', () => {
    // Arrange: one risk asset; on the first day the open is 2.5 % above the last close (the limit is 2 ticks
    // above it: still inside the guard's 3 % quote distance) and the low stays there
    const bars = walk(1, 0.01);
    const day0 = bars[20]!;
    const prev = bars[19]!;
    bars[20] = {
      ...day0,
      open: grid(prev.close * 1.025),
      low: grid(prev.close * 1.025),
      high: grid(prev.close * 1.04),
    };
    const strategy = testConfig({
      universe: ['100010'],
      safeAsset: 'CASH',
      topN: 1,
      maxPositionWeightBp: 5_000,
      riskBudgetBp: 10_000,
    });

    // Act
    const run = runBacktest({
      barsByTicker: { '100010': bars },
      calendar: weekdayCalendar(),
      config: config({ strategy }),
    });

    // Assert
    expect(run.orders[0]).toMatchObject({ date: day0.date, ticker: '100010', side: 'BUY' });
    expect(run.fills.filter((f) => f.date === day0.date)).toEqual([]);
    expect(run.unfilled[0]).toMatchObject({ date: day0.date, ticker: '100010', reason: 'LIMIT_NOT_REACHED' });
    // … and the carry-over sends it again the next day
    expect(run.orders[1]).toMatchObject({
      date: bars[21]!.date,
      ticker: '100010',
      side: 'BUY',
      kind: 'CARRY_OVER',
    });
  });

  it('when the open gaps further from a buy limit than the guard’s quote distance then the order is denied at send, as live, and carried over', () => {
    // Arrange: the open is 10 % above the last close, the limit 2 ticks above it: 9 % below the opening quote
    const bars = walk(1, 0.01);
    const day0 = bars[20]!;
    const prev = bars[19]!;
    bars[20] = {
      ...day0,
      open: grid(prev.close * 1.1),
      low: grid(prev.close * 1.1),
      high: grid(prev.close * 1.12),
    };
    const strategy = testConfig({
      universe: ['100010'],
      safeAsset: 'CASH',
      topN: 1,
      maxPositionWeightBp: 5_000,
      riskBudgetBp: 10_000,
    });

    // Act
    const run = runBacktest({
      barsByTicker: { '100010': bars },
      calendar: weekdayCalendar(),
      config: config({ strategy }),
    });

    // Assert: nothing sent that day; the denial is recorded; the next day re-proposes it
    expect(run.orders.filter((o) => o.date === day0.date)).toEqual([]);
    expect(run.clipped).toContainEqual(
      expect.objectContaining({
        date: day0.date,
        ticker: '100010',
        by: 'PRICE_TOO_FAR_FROM_QUOTE',
        quantity: 0,
      }),
    );
    expect(run.orders[0]).toMatchObject({ date: bars[21]!.date, ticker: '100010', kind: 'CARRY_OVER' });
  });

  it('when the open of a held ETF gaps down past the daily loss limit then that day’s buys are refused, as the live breaker does, and the next day resumes', () => {
    // Arrange: one risk asset; the first day's buy is cut to 30 % of the cash, the rest is carried over.
    // The next day it opens 15 % lower: equity ≈ 700,000 + 0.85 × 300,000, 4.5 % under the day's first NAV.
    const walked = walk(1, 0.01);
    const bars = walked.map((b, i) =>
      i < 21
        ? b
        : {
            ...b,
            open: grid(b.open * 0.85),
            high: grid(b.high * 0.85),
            low: grid(b.low * 0.85),
            close: grid(b.close * 0.85),
          },
    );
    const gap = bars[21]!;
    const before = bars[20]!;
    const strategy = testConfig({ universe: ['100010'], safeAsset: 'CASH', topN: 1, riskBudgetBp: 10_000 });
    const limits = { ...LOOSE_LIMITS, fatFingerCashBp: 3_000, maxPositionWeightBp: 10_000, navFloor: 0 };

    // Act
    const run = runBacktest({
      barsByTicker: { '100010': bars },
      calendar: weekdayCalendar(),
      config: config({ strategy: { ...strategy, maxPositionWeightBp: 10_000 }, limits }),
    });

    // Assert: day 0 buys, day 1 sends nothing (the carry-over buy is refused by the breaker), day 2 buys again
    expect(run.orders.filter((o) => o.date === before.date)).toHaveLength(1);
    expect(run.orders.filter((o) => o.date === gap.date)).toEqual([]);
    expect(run.clipped).toContainEqual(
      expect.objectContaining({ date: gap.date, ticker: '100010', side: 'BUY', by: 'DAILY_LOSS_LIMIT' }),
    );
    // (the next trading day is February's plan day: it plans afresh, and buys)
    expect(run.orders.find((o) => o.date === bars[22]!.date)).toMatchObject({ side: 'BUY' });
  });

  it('when the first day rebalances then it fills at the open plus one tick and pays commission in integer KRW', () => {
    // Arrange: one risk asset, cash as the safe asset, no caps but equal weight
    const barsByTicker = { '100010': walk(1, 0.01) };
    const strategy = testConfig({
      universe: ['100010'],
      safeAsset: 'CASH',
      topN: 1,
      maxPositionWeightBp: 10_000,
      riskBudgetBp: 10_000,
    });

    // Act
    const run = runBacktest({ barsByTicker, calendar: weekdayCalendar(), config: config({ strategy }) });

    // Assert
    const day0 = barsByTicker['100010'][20]!;
    const fill = run.fills[0]!;
    expect(fill.date).toBe(day0.date);
    expect(fill.price).toBe(day0.open + 5);
    expect(fill.commission).toBe(feeFor(fill.value, 140));
    expect(fill.value).toBe(fill.quantity * fill.price);
    expect(run.equity[0]).toEqual({
      date: day0.date,
      cash: 1_000_000 - fill.value - fill.commission,
      nav: 1_000_000 - fill.value - fill.commission + fill.quantity * day0.close,
    });
  });

  it('when a full run finishes then cash equals capital minus buys plus sells minus costs, all integers', () => {
    const run = runBacktest({ barsByTicker: data(), calendar: weekdayCalendar(), config: config() });

    const flow = run.fills.reduce(
      (cash, f) => cash + (f.side === 'SELL' ? f.value : -f.value) - f.commission - f.tax,
      1_000_000,
    );
    expect(run.finalCash).toBe(flow);
    expect(run.fills.length).toBeGreaterThan(2);
    for (const f of run.fills)
      expect(Number.isSafeInteger(f.quantity) && Number.isSafeInteger(f.value)).toBe(true);
    for (const e of run.equity) expect(Number.isSafeInteger(e.nav) && e.cash >= 0).toBe(true);
  });

  it('when a rebalance sells and buys on one day then every sell fills before any buy', () => {
    const run = runBacktest({ barsByTicker: data(), calendar: weekdayCalendar(), config: config() });

    for (const date of new Set(run.fills.map((f) => f.date))) {
      const sides = run.fills.filter((f) => f.date === date).map((f) => f.side);
      const firstBuy = sides.indexOf('BUY');
      expect(firstBuy === -1 || sides.lastIndexOf('SELL') < firstBuy, `${date}: ${sides.join(',')}`).toBe(
        true,
      );
    }
  });

  it("when any price after day D, or D's own close and range, changes then every plan and order on or before D and every earlier fill is unchanged (no look-ahead)", () => {
    const original = runBacktest({ barsByTicker: data(), calendar: weekdayCalendar(), config: config() });
    const upTo = (run: BacktestRun, cut: string) => ({
      plans: run.plans.filter((p) => p.date <= cut),
      // D's own range decides whether a limit is reached intraday, so on D only fills at the open are fixed.
      fills: run.fills.filter((f) => f.date < cut || (f.date === cut && f.filledAt === 'OPEN')),
      orders: run.orders.filter((o) => o.date <= cut),
      equity: run.equity.filter((e) => e.date < cut),
    });

    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: DATES.length - 2 }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        (cutIndex, factor) => {
          // Arrange: every bar after D scaled; on D only what is known after the open (high, low, close)
          const cut = DATES[cutIndex]!;
          const tampered: Record<string, DailyBar[]> = {};
          for (const [ticker, bars] of Object.entries(data())) {
            tampered[ticker] = bars.map((b) => {
              if (b.date < cut) return b;
              const open = b.date === cut ? b.open : grid(b.open * factor);
              const close = grid(b.close * factor);
              return {
                ...b,
                open,
                close,
                high: grid(Math.max(open, close) * 1.1),
                low: grid(Math.min(open, close) * 0.9),
              };
            });
          }

          // Act
          const changed = runBacktest({
            barsByTicker: tampered,
            calendar: weekdayCalendar(),
            config: config(),
          });

          // Assert
          expect(upTo(changed, cut)).toEqual(upTo(original, cut));
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });

  it('when a held ticker runs out of data then it is sold at its last close and dropped from the universe', () => {
    // Arrange: 100010 is the strongest and stops after bar 90
    const barsByTicker = { ...data(), '100010': walk(1, 0.02).slice(0, 91) };

    // Act
    const run = runBacktest({
      barsByTicker,
      calendar: weekdayCalendar(),
      config: config({ benchmark: '100090' }),
    });

    // Assert
    const lastBar = barsByTicker['100010'][90]!;
    expect(run.events).toEqual([
      expect.objectContaining({
        ticker: '100010',
        date: DATES[91],
        lastBarDate: lastBar.date,
        kind: 'DROPPED_DATA_ENDED',
      }),
    ]);
    const exit = run.fills.find((f) => f.reason === 'DATA_ENDED')!;
    expect(exit).toMatchObject({ ticker: '100010', side: 'SELL', price: lastBar.close, date: DATES[91] });
    expect(run.fills.filter((f) => f.ticker === '100010' && f.date > DATES[91]!)).toEqual([]);
    expect(
      run.plans
        .filter((p) => p.date > DATES[91]!)
        .every((p) => p.signals.risk.every((s) => s.ticker !== '100010')),
    ).toBe(true);
  });

  it('when cash earns a rate then idle cash grows by whole won per calendar day', () => {
    const strategy = testConfig({ universe: [], safeAsset: 'CASH' });

    const run = runBacktest({
      barsByTicker: data(),
      calendar: weekdayCalendar(),
      config: config({ strategy, cashRateBp: 365 }),
    });

    // 3.65 % a year = 1 bp a day: 100 KRW on the first day
    expect(run.equity[1]!.cash - run.equity[0]!.cash).toBe(100);
    expect(run.fills).toEqual([]);
  });
});

describe('buy-and-hold benchmark', () => {
  it('when run then it buys whole shares at the first open plus slippage, pays commission and marks at each close', () => {
    // Arrange
    const bars = walk(7, 0.001);
    const days = DATES.slice(20);

    // Act
    const run = runBuyAndHold('100010', bars, days, {
      capital: 1_000_000,
      slippageTicks: 1,
      commissionPpm: 140,
      cashRateBp: 0,
    });

    // Assert
    const price = bars[20]!.open + 5;
    const quantity =
      Math.floor(1_000_000 / price) -
      (Math.floor(1_000_000 / price) * price + feeFor(Math.floor(1_000_000 / price) * price, 140) > 1_000_000
        ? 1
        : 0);
    expect(run.quantity).toBe(quantity);
    const cash = 1_000_000 - quantity * price - feeFor(quantity * price, 140);
    expect(run.equity[5]).toEqual({ date: days[5], cash, nav: cash + quantity * bars[25]!.close });
  });
});
