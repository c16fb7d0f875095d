import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../../../src/domain/market';
import type { DailyBar } from '../../../src/domain/ports';
import {
  DEFAULT_STRATEGY_CONFIG,
  requiredHistoryBars,
  strategyConfigSchema,
} from '../../../src/domain/strategy/config';
import { exDateOf, toTotalReturnBars } from '../../../src/domain/strategy/price-basis';
import { legRationale, type RationaleContext } from '../../../src/domain/strategy/rationale';
import {
  isPlanDay,
  nextPlanDay,
  planDayOfMonth,
  planDayOnOrBefore,
} from '../../../src/domain/strategy/schedule';
import type { MomentumSignal } from '../../../src/domain/strategy/signals';
import type { TargetHolding } from '../../../src/domain/strategy/sizing';
import { formatBpPercent, formatRatioPercent, formatWon, localized } from '../../../src/domain/strategy/text';
import { testConfig, weekdayCalendar } from './fixtures';

/** Texts, rationales, the schedule, the price basis and the config at their edges (issue 17). */

describe('number texts', () => {
  it.each([
    [0.2345, '+23.4%'],
    [0.23456, '+23.5%'],
    [0, '0.0%'],
    [0.0004, '0.0%'],
    [-0.0004, '0.0%'],
    [-0.1234, '-12.3%'],
    [0.0005, '+0.1%'],
    [1, '+100.0%'],
  ])('formatRatioPercent(%d) is %s', (ratio, text) => {
    expect(formatRatioPercent(ratio)).toBe(text);
  });

  it('basis points read as a percentage with one decimal', () => {
    expect(formatBpPercent(4_000)).toBe('40.0%');
    expect(formatBpPercent(1_234)).toBe('12.3%');
    expect(formatBpPercent(5)).toBe('0.1%');
    expect(formatBpPercent(0)).toBe('0.0%');
  });

  it.each([
    [0, '0원', '₩0'],
    [999, '999원', '₩999'],
    [1_000, '1,000원', '₩1,000'],
    [1_234_567, '1,234,567원', '₩1,234,567'],
    [-30_000, '-30,000원', '-₩30,000'],
    [100_000_000, '100,000,000원', '₩100,000,000'],
  ])('formatWon(%i) is %s / %s', (value, ko, en) => {
    expect(formatWon(value, 'ko')).toBe(ko);
    expect(formatWon(value, 'en')).toBe(en);
  });

  it('a localized text renders Korean from the Korean messages and English from the English ones', () => {
    expect(localized((m, locale) => `${m.cash}/${locale}`)).toEqual({ ko: '현금/ko', en: 'cash/en' });
  });
});

describe('leg rationales', () => {
  const config = testConfig({ topN: 2 });
  const signal = (ticker: string, over: Partial<MomentumSignal> = {}): MomentumSignal => ({
    ticker,
    status: 'RANKED',
    lastBarDate: '2024-01-31',
    lastClose: 10_000,
    roc: 0.1234,
    atr: 100,
    rank: 1,
    aboveHurdle: true,
    selected: true,
    ...over,
  });
  const holding = (ticker: string, quantity: number, over: Partial<TargetHolding> = {}): TargetHolding => ({
    ticker,
    role: 'MOMENTUM',
    quantity,
    price: 10_000,
    weightBp: 4_000,
    limit: 'MAX_WEIGHT',
    ...over,
  });
  const context = (
    over: Partial<RationaleContext> = {},
    risk: MomentumSignal[] = [],
    safeRoc: number | null = 0.021,
  ): RationaleContext => ({
    signals: {
      hurdle: { ticker: '100090', roc: 0.021 },
      risk,
      safe: signal('100090', { roc: safeRoc, rank: null, selected: false }),
      selected: [],
    },
    config,
    emptySlots: 0,
    ...over,
  });

  it('when a pick is held then the text names its return, rank, the hurdle and the sizing', () => {
    const text = legRationale('100010', 3, holding('100010', 40), context({}, [signal('100010')]));
    expect(text.en).toBe(
      '100010 momentum return +12.3%, rank 1: above the hurdle (100090 +2.1%), held · target 40 shares (weight 40.0%, max position weight), holding 3',
    );
    expect(text.ko).toBe(
      '100010 모멘텀 수익률 +12.3%, 순위 1위: 기준(100090 +2.1%)을 넘어 보유 대상 · 목표 40주(비중 40.0%, 최대 비중 한도), 현재 3주',
    );
  });

  it('when a ranked asset is below the hurdle or ranked out then the text says which; with CASH the hurdle is named cash', () => {
    const below = legRationale(
      '100010',
      5,
      undefined,
      context({ config: testConfig({ safeAsset: 'CASH' }) }, [
        signal('100010', { roc: -0.05, rank: 2, aboveHurdle: false, selected: false }),
      ]),
    );
    expect(below.en).toBe(
      '100010 momentum return -5.0%, rank 2: not above the hurdle (cash +2.1%), dropped by the absolute-momentum filter · target 0 shares: sell all 5 held',
    );
    expect(below.ko).toContain('기준(현금 +2.1%)');
    const out = legRationale(
      '100010',
      5,
      holding('100010', 0),
      context({}, [signal('100010', { rank: 3, selected: false })]),
    );
    expect(out.en).toBe(
      '100010 momentum return +12.3%, rank 3: outside the top 2, dropped · target 0 shares: sell all 5 held',
    );
  });

  it.each([
    ['no signal at all', [] as MomentumSignal[], 'no data'],
    ['stale', [signal('100010', { status: 'STALE_DATA', rank: null, roc: null })], 'no recent data'],
    [
      'short',
      [signal('100010', { status: 'INSUFFICIENT_HISTORY', rank: null, roc: null })],
      'not enough history',
    ],
    ['ranked without a rank', [signal('100010', { rank: null })], 'no data'],
    ['ranked without a return', [signal('100010', { roc: null })], 'no data'],
  ])('when the asset has %s then the text says why there is no signal', (_what, risk, problem) => {
    expect(legRationale('100010', 2, undefined, context({}, risk)).en).toBe(
      `100010 has no signal (${problem}), dropped · target 0 shares: sell all 2 held`,
    );
  });

  it('when the safe asset fills empty slots then the text counts them and gives its return, or a dash without one', () => {
    const safe = holding('100090', 19, { role: 'SAFE', weightBp: 9_500, limit: 'SAFE_SLOTS' });
    expect(legRationale('100090', 0, safe, context({ emptySlots: 1 })).en).toBe(
      'only 1 risk asset(s) beat the hurdle, so 1 of 2 slots go to the safe asset 100090 (momentum return +2.1%) · target 19 shares (weight 95.0%, unfilled slots), holding 0',
    );
    expect(legRationale('100090', 0, safe, context({ emptySlots: 2 }, [], null)).en).toContain(
      'only 0 risk asset(s) beat the hurdle, so 2 of 2 slots go to the safe asset 100090 (momentum return -)',
    );
    const noSafeSignal = context({ emptySlots: 2 });
    noSafeSignal.signals.safe = null;
    expect(legRationale('100090', 0, safe, noSafeSignal).en).toContain('(momentum return -)');
  });

  it('when the safe asset is swept or not needed then the text says so', () => {
    const swept = holding('100090', 5, { role: 'SAFE', weightBp: 1_234, limit: 'CASH_SWEEP' });
    expect(legRationale('100090', 1, swept, context({ emptySlots: 1, swept: true })).en).toBe(
      'after 1 of 2 risk slots, the cash left (ATR budget, weight cap and whole shares included) goes to the safe asset 100090 (cash sweep) · target 5 shares (weight 12.3%, cash sweep), holding 1',
    );
    expect(legRationale('100090', 4, undefined, context({ emptySlots: 0 })).en).toBe(
      'risk assets fill all 2 slots, so the safe asset 100090 is not needed · target 0 shares: sell all 4 held',
    );
    expect(legRationale('100090', 4, undefined, context({ emptySlots: 0, swept: false })).ko).toContain(
      '필요 없음',
    );
  });
});

describe('the plan-day schedule at month and year ends', () => {
  const calendar = weekdayCalendar();

  it('when the date is in January then the plan day on or before it may be last December’s', () => {
    // 2024-01-01 Monday; offset 2 → 2024-01-03. 2023-12: first weekday 12-01 (Fri) → offset 2 → 12-05.
    expect(planDayOnOrBefore('2024-01-02', calendar, 2)).toBe('2023-12-05');
    expect(planDayOnOrBefore('2024-01-03', calendar, 2)).toBe('2024-01-03');
  });

  it('when the date is in December after its plan day then the next plan day is in January of the next year', () => {
    expect(nextPlanDay('2023-12-20', calendar, 0)).toBe('2024-01-01');
    expect(nextPlanDay('2024-09-30', calendar, 0)).toBe('2024-10-01');
    expect(nextPlanDay('2024-01-31', calendar, 1)).toBe('2024-02-02');
    expect(nextPlanDay('2024-02-01', calendar, 1)).toBe('2024-02-02');
    expect(nextPlanDay('2024-02-02', calendar, 1)).toBe('2024-03-04');
  });

  it('when the offset is zero then only the first trading day is a plan day; a weekend never is', () => {
    expect(isPlanDay('2024-06-03', calendar, 0)).toBe(true);
    expect(isPlanDay('2024-06-04', calendar, 0)).toBe(false);
    expect(isPlanDay('2024-06-01', calendar, 0)).toBe(false);
    expect(isPlanDay('2024-06-04', calendar, 1)).toBe(true);
    expect(isPlanDay('2024-06-08', calendar, 5)).toBe(false);
    expect(isPlanDay('2024-06-10', calendar, 5)).toBe(true);
  });

  it('when the offset runs past the month then the month’s last trading day is kept', () => {
    expect(planDayOfMonth('2024-06-15', calendar, 19)).toBe('2024-06-28');
    expect(planDayOfMonth('2024-06-15', calendar, 100)).toBe('2024-06-28');
    expect(planDayOfMonth('2024-06-15', calendar, 1)).toBe('2024-06-04');
  });
});

describe('the price basis at its edges', () => {
  const bar = (date: string, close: number, spread = 0): DailyBar => ({
    date,
    open: close + spread,
    high: close + 2 * spread,
    low: close - 2 * spread,
    close,
    volume: 7,
  });

  it('when the record date is not a trading day then the ex-date is the trading day before the last trading day before it', () => {
    const calendar = new TradingCalendar([], { from: '2024-01-01', to: '2024-12-31' });
    // record date Sunday 2024-05-05 → on or before: Friday 05-03 → ex-date Thursday 05-02
    expect(exDateOf('2024-05-05', calendar)).toBe('2024-05-02');
    expect(exDateOf('2024-05-06', calendar)).toBe('2024-05-03');
  });

  it('when there are no distributions then the bars are copied unchanged', () => {
    const bars = [bar('2024-01-02', 100)];
    const out = toTotalReturnBars(bars, []);
    expect(out).toEqual(bars);
    expect(out).not.toBe(bars);
  });

  it('when a distribution is not positive then it changes nothing', () => {
    const bars = [bar('2024-01-02', 10_000), bar('2024-01-03', 10_000)];
    expect(
      toTotalReturnBars(bars, [
        { exDate: '2024-01-03', amount: 0 },
        { exDate: '2024-01-03', amount: -100 },
      ]),
    ).toEqual(bars);
  });

  it('when a negative amount shares an ex-date with a positive one then only the positive one counts', () => {
    const bars = [bar('2024-01-02', 10_000), bar('2024-01-03', 9_800)];
    const out = toTotalReturnBars(bars, [
      { exDate: '2024-01-03', amount: 200 },
      { exDate: '2024-01-03', amount: -100 },
    ]);
    expect(out.map((b) => b.close)).toEqual([9_800, 9_800]);
  });

  it('when two distributions share an ex-date then they add up, and every price field is scaled and rounded', () => {
    const bars = [bar('2024-01-02', 10_000, 10), bar('2024-01-03', 9_800, 10)];
    const out = toTotalReturnBars(bars, [
      { exDate: '2024-01-03', amount: 150 },
      { exDate: '2024-01-03', amount: 50 },
    ]);
    // factor 1 − 200 / 10,000 = 0.98
    expect(out).toEqual([
      { date: '2024-01-02', open: 9_810, high: 9_820, low: 9_780, close: 9_800, volume: 7 },
      bars[1],
    ]);
    // factor 1 − 1 / 333 on 333.3 → 332 after rounding; the last bar keeps its print
    const odd = toTotalReturnBars(
      [bar('2024-01-02', 333), bar('2024-01-03', 330)],
      [{ exDate: '2024-01-03', amount: 1 }],
    );
    expect(odd[0]!.close).toBe(332);
  });

  it('when the ex-date falls on a day without a bar then the bars before the gap are scaled; a date outside the gap is not', () => {
    const bars = [bar('2024-01-02', 10_000), bar('2024-01-05', 9_900), bar('2024-01-08', 9_950)];
    const out = toTotalReturnBars(bars, [{ exDate: '2024-01-04', amount: 100 }]);
    expect(out.map((b) => b.close)).toEqual([9_900, 9_900, 9_950]);
    // an ex-date on the first bar's own date, or after the last, touches nothing
    expect(toTotalReturnBars(bars, [{ exDate: '2024-01-02', amount: 100 }]).map((b) => b.close)).toEqual([
      10_000, 9_900, 9_950,
    ]);
    expect(toTotalReturnBars(bars, [{ exDate: '2024-01-09', amount: 100 }]).map((b) => b.close)).toEqual([
      10_000, 9_900, 9_950,
    ]);
  });

  it('when two ex-dates are in the series then the earliest bars carry both factors', () => {
    const bars = [bar('2024-01-02', 10_000), bar('2024-01-03', 10_000), bar('2024-01-04', 10_000)];
    const out = toTotalReturnBars(bars, [
      { exDate: '2024-01-03', amount: 1_000 },
      { exDate: '2024-01-04', amount: 2_000 },
    ]);
    // bar 1: × 0.8; bar 0: × 0.8 × 0.9
    expect(out.map((b) => b.close)).toEqual([7_200, 8_000, 10_000]);
  });

  it('when a distribution is as large as the close before it then it is ignored', () => {
    const bars = [bar('2024-01-02', 100), bar('2024-01-03', 100)];
    expect(toTotalReturnBars(bars, [{ exDate: '2024-01-03', amount: 100 }]).map((b) => b.close)).toEqual([
      100, 100,
    ]);
    expect(toTotalReturnBars(bars, [{ exDate: '2024-01-03', amount: 99 }]).map((b) => b.close)).toEqual([
      1, 100,
    ]);
  });
});

describe('the strategy config', () => {
  it('the history a caller must supply is the longer indicator window plus one bar', () => {
    expect(requiredHistoryBars({ lookbackDays: 126, atrDays: 20 })).toBe(127);
    expect(requiredHistoryBars({ lookbackDays: 10, atrDays: 20 })).toBe(21);
  });

  it('the defaults are the walk-forward study’s choice (docs/study/study.md)', () => {
    expect(DEFAULT_STRATEGY_CONFIG).toEqual({
      universe: ['069500', '229200', '133690', '360750', '132030', '148070', '091160'],
      safeAsset: '114260',
      topN: 3,
      lookbackDays: 126,
      skipDays: 0,
      atrDays: 20,
      riskBudgetBp: 10_000,
      atrMultiplier: 2,
      maxPositionWeightBp: 5_000,
      minTradeValue: 30_000,
      limitOffsetTicks: 2,
      limitOffsetBp: 200,
      cashReserveBp: 100,
      maxStaleTradingDays: 5,
      rebalanceOffsetDays: 0,
      cashSweep: false,
    });
  });

  it.each([
    ['topN', 1, 10],
    ['lookbackDays', 2, 1_000],
    ['skipDays', 0, 500],
    ['atrDays', 1, 250],
    ['riskBudgetBp', 1, 10_000],
    ['atrMultiplier', 0.01, 100],
    ['maxPositionWeightBp', 1, 10_000],
    ['limitOffsetTicks', 0, 100],
    ['limitOffsetBp', 0, 2_000],
    ['cashReserveBp', 0, 5_000],
    ['maxStaleTradingDays', 0, 60],
    ['rebalanceOffsetDays', 0, 15],
  ] as const)('%s is accepted from %d to %d and refused one step outside', (field, min, max) => {
    const step = field === 'atrMultiplier' ? 0.01 : 1;
    // lookbackDays must stay above skipDays: give the skip room at both ends
    const base = { ...DEFAULT_STRATEGY_CONFIG, lookbackDays: 1_000, skipDays: 0 };
    const ok = (v: number) => strategyConfigSchema.safeParse({ ...base, [field]: v }).success;
    expect(ok(min)).toBe(true);
    expect(ok(max)).toBe(true);
    expect(ok(min + step)).toBe(true);
    expect(ok(max + step)).toBe(false);
    expect(ok(min - step)).toBe(false);
  });

  it('the minimum trade value may be zero or any whole amount, never negative or fractional', () => {
    const ok = (v: number) =>
      strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, minTradeValue: v }).success;
    expect(ok(0)).toBe(true);
    expect(ok(1)).toBe(true);
    expect(ok(10_000_000)).toBe(true);
    expect(ok(-1)).toBe(false);
    expect(ok(1.5)).toBe(false);
    expect(strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, atrMultiplier: 0 }).success).toBe(
      false,
    );
  });

  it('the defaults are a valid config', () => {
    expect(strategyConfigSchema.parse(DEFAULT_STRATEGY_CONFIG)).toEqual(DEFAULT_STRATEGY_CONFIG);
  });

  it('when the skip is not smaller than the lookback then the schema refuses it with its message; one less passes', () => {
    const result = strategyConfigSchema.safeParse({
      ...DEFAULT_STRATEGY_CONFIG,
      lookbackDays: 21,
      skipDays: 21,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'skipDays must be smaller than lookbackDays',
    ]);
    expect(
      strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, lookbackDays: 22, skipDays: 21 }).success,
    ).toBe(true);
  });

  it.each(['69500', '0695000', '06950a', ' 069500', 'CASH'])(
    'when a universe ticker is %j then it is refused as not 6 digits',
    (t) => {
      const result = strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, universe: [t] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('a ticker is 6 digits');
    },
  );

  it('when the safe asset is CASH or six digits then it is accepted; anything else is not', () => {
    expect(strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, safeAsset: 'CASH' }).success).toBe(
      true,
    );
    expect(strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, safeAsset: '153130' }).success).toBe(
      true,
    );
    expect(strategyConfigSchema.safeParse({ ...DEFAULT_STRATEGY_CONFIG, safeAsset: 'cash' }).success).toBe(
      false,
    );
  });
});
