import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../../../src/domain/market';
import type { DailyBar } from '../../../src/domain/ports';
import { planRebalance, type PlanInput } from '../../../src/domain/strategy/plan';
import {
  isPlanDay,
  nextPlanDay,
  planDayOfMonth,
  planDayOnOrBefore,
} from '../../../src/domain/strategy/schedule';
import { makeBars, testConfig, weekdayCalendar } from './fixtures';

const trend = (daily: number, start = 10_000) =>
  makeBars('2024-01-01', 40, (i) => Math.round(start * (1 + daily) ** i), 50);

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  const barsByTicker: Record<string, DailyBar[]> = {
    '100010': trend(0.01),
    '100020': trend(0.03, 20_000),
    '100030': trend(0.02),
    '100090': trend(0.0005, 50_000),
  };
  return {
    date: '2024-02-01',
    calendar: weekdayCalendar(),
    barsByTicker,
    portfolio: { cash: 1_000_000, positions: [] },
    config: testConfig(),
    nav: 1_000_000,
    ...overrides,
  };
}

describe('the plan day (rebalance-day offset)', () => {
  // 2024-02-01 is a Thursday; 2024-02-02 Friday; 2024-02-05 Monday. Holiday 2024-02-09 in the second calendar.
  const calendar = weekdayCalendar();

  it('when the offset is 0 then the plan day is the first trading day, and N moves it N trading days later', () => {
    expect(planDayOfMonth('2024-02-20', calendar, 0)).toBe('2024-02-01');
    expect(planDayOfMonth('2024-02-20', calendar, 2)).toBe('2024-02-05');
    expect(isPlanDay('2024-02-05', calendar, 2)).toBe(true);
    expect(isPlanDay('2024-02-01', calendar, 2)).toBe(false);
    const withHoliday = new TradingCalendar([{ date: '2024-02-02', reason: 'holiday' }], {
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(planDayOfMonth('2024-02-01', withHoliday, 1)).toBe('2024-02-05');
  });

  it('when a month has fewer trading days than the offset then its last trading day is the plan day', () => {
    expect(planDayOfMonth('2024-02-01', calendar, 40)).toBe('2024-02-29');
  });

  it('when a day comes before this month’s plan day then the carry-over belongs to last month’s plan', () => {
    expect(planDayOnOrBefore('2024-02-02', calendar, 2)).toBe('2024-01-03');
    expect(planDayOnOrBefore('2024-02-05', calendar, 2)).toBe('2024-02-05');
    expect(planDayOnOrBefore('2024-02-28', calendar, 2)).toBe('2024-02-05');
    expect(nextPlanDay('2024-02-05', calendar, 2)).toBe('2024-03-05');
    expect(nextPlanDay('2024-02-02', calendar, 2)).toBe('2024-02-05');
  });

  it('when the strategy has an offset then planRebalance plans on that day and not on the first', () => {
    const config = testConfig({ rebalanceOffsetDays: 2 });
    expect(planRebalance(input({ date: '2024-02-01', config })).isRebalanceDay).toBe(false);
    const plan = planRebalance(input({ date: '2024-02-05', config }));
    expect(plan.isRebalanceDay).toBe(true);
    expect(plan.legs.length).toBeGreaterThan(0);
  });
});

describe('the cash sweep', () => {
  it('when the weight cap leaves cash then without the sweep it stays cash and with it the safe ETF takes it', () => {
    // Two picks capped at 30 % each: 38 % of the investable NAV would stay idle.
    const capped = testConfig({ maxPositionWeightBp: 3_000, riskBudgetBp: 10_000 });
    const without = planRebalance(input({ config: capped }));
    const swept = planRebalance(input({ config: { ...capped, cashSweep: true } }));

    expect(without.targets.map((t) => t.ticker)).toEqual(['100020', '100030']);
    const safe = swept.targets.find((t) => t.ticker === '100090');
    expect(safe).toMatchObject({ role: 'SAFE', limit: 'CASH_SWEEP' });
    const invested = swept.targets.reduce((sum, t) => sum + t.quantity * t.price, 0);
    // Everything but the 1 % reserve and less than one safe share is allocated.
    expect(1_000_000 - 10_000 - invested).toBeGreaterThanOrEqual(0);
    expect(1_000_000 - 10_000 - invested).toBeLessThan(safe!.price);
    expect(swept.legs.find((l) => l.ticker === '100090')?.rationale.en).toContain('cash sweep');
    expect(swept.legs.find((l) => l.ticker === '100090')?.rationale.ko).toContain('현금 스윕');
  });

  it('when the safe asset is CASH then the sweep changes nothing', () => {
    const config = testConfig({ safeAsset: 'CASH', maxPositionWeightBp: 3_000 });
    const a = planRebalance(input({ config }));
    const b = planRebalance(input({ config: { ...config, cashSweep: true } }));
    // Both plans hold the two picks, sized by the ATR budget, and nothing else: no safe ETF target appears.
    for (const plan of [a, b]) {
      expect(plan.targets.map((t) => [t.ticker, t.role, t.limit])).toEqual([
        ['100020', 'MOMENTUM', 'RISK_BUDGET'],
        ['100030', 'MOMENTUM', 'RISK_BUDGET'],
      ]);
    }
    expect(b.targets).toEqual(a.targets);
    expect(b.legs).toEqual(a.legs);
  });
});
