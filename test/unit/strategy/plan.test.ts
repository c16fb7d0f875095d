import { describe, expect, it } from 'vitest';
import { isOnTick } from '../../../src/domain/money';
import type { DailyBar } from '../../../src/domain/ports';
import { planRebalance, StrategyConfigError, type PlanInput } from '../../../src/domain/strategy/plan';
import { makeBars, testConfig, weekdayCalendar } from './fixtures';

// 30 weekday bars 2024-01-01 … 2024-02-09. 2024-02-01 is the first weekday of February.
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

describe('planRebalance', () => {
  it('when it is not the first trading day of the month then there are signals but no targets or legs', () => {
    const plan = planRebalance(input({ date: '2024-02-02' }));

    expect(plan.isRebalanceDay).toBe(false);
    expect(plan.legs).toEqual([]);
    expect(plan.targets).toEqual([]);
    expect(plan.signals.selected).toEqual(['100020', '100030']);
    expect(plan.dataAsOf).toBe('2024-02-01');
  });

  it('when it is the first trading day of the month then it buys the top two with integer shares on the tick grid', () => {
    // Act
    const plan = planRebalance(input());

    // Assert
    expect(plan.isRebalanceDay).toBe(true);
    expect(plan.targets.map((t) => [t.ticker, t.role])).toEqual([
      ['100020', 'MOMENTUM'],
      ['100030', 'MOMENTUM'],
    ]);
    expect(plan.legs.map((l) => [l.side, l.ticker])).toEqual([
      ['BUY', '100020'],
      ['BUY', '100030'],
    ]);
    for (const leg of plan.legs) {
      expect(Number.isSafeInteger(leg.quantity) && leg.quantity > 0).toBe(true);
      expect(isOnTick(leg.limitPrice, 'ETF')).toBe(true);
      expect(leg.estimatedValue).toBe(leg.quantity * leg.limitPrice);
    }
    const spent = plan.legs.reduce((sum, l) => sum + l.estimatedValue, 0);
    expect(spent).toBeLessThanOrEqual(1_000_000);
  });

  it('when a leg is explained then the rationale carries the ROC, the rank and the hurdle in Korean and English', () => {
    const plan = planRebalance(input());
    const signal = plan.signals.risk[0]!;
    const roc = `+${(signal.roc! * 100).toFixed(1)}%`;

    const leg = plan.legs[0]!;

    expect(leg.rationale.ko).toContain(roc);
    expect(leg.rationale.ko).toContain('순위 1위');
    expect(leg.rationale.ko).toContain('기준(100090');
    expect(leg.rationale.en).toContain(roc);
    expect(leg.rationale.en).toContain('rank 1');
  });

  it('when a held asset drops out of the top N then it is sold before anything is bought', () => {
    // Arrange: holding 100010 (rank 3)
    const plan = planRebalance(
      input({ portfolio: { cash: 600_000, positions: [{ ticker: '100010', quantity: 30 }] } }),
    );

    // Assert
    expect(plan.legs.map((l) => [l.side, l.ticker])).toEqual([
      ['SELL', '100010'],
      ['BUY', '100020'],
      ['BUY', '100030'],
    ]);
    expect(plan.legs[0]!.quantity).toBe(30);
    expect(plan.legs[0]!.rationale.en).toContain('outside the top 2');
  });

  it('when nothing beats the safe asset then all slots go to the safe ETF and the rationale says why', () => {
    const barsByTicker = {
      '100010': trend(-0.01),
      '100020': trend(-0.02),
      '100030': trend(0),
      '100090': trend(0.0005, 50_000),
    };

    const plan = planRebalance(input({ barsByTicker }));

    expect(plan.targets.map((t) => [t.ticker, t.role, t.limit])).toEqual([['100090', 'SAFE', 'SAFE_SLOTS']]);
    expect(plan.legs).toHaveLength(1);
    expect(plan.legs[0]!.rationale.en).toContain('2 of 2 slots go to the safe asset 100090');
  });

  it('when the safe asset has no data then unfilled slots stay cash with a note', () => {
    const barsByTicker = { '100010': trend(-0.01), '100020': trend(0.02) };

    const plan = planRebalance(input({ barsByTicker }));

    expect(plan.targets.map((t) => t.ticker)).toEqual(['100020']);
    expect(plan.notes.map((n) => n.code)).toContain('SAFE_ASSET_UNAVAILABLE');
  });

  it('when bars on or after the decision date change then the plan is identical (no look-ahead)', () => {
    // Arrange
    const base = input();
    const tampered: Record<string, DailyBar[]> = {};
    for (const [ticker, bars] of Object.entries(base.barsByTicker)) {
      tampered[ticker] = bars.map((b) =>
        b.date >= base.date ? { ...b, open: 5, high: 999_995, low: 5, close: 5 } : b,
      );
    }

    // Act
    const original = planRebalance(base);
    const changed = planRebalance({ ...base, barsByTicker: tampered });

    // Assert: the plan is a real one (the top two are bought from closes before the date) and the tampered
    // bars change nothing of it
    expect(original.isRebalanceDay).toBe(true);
    expect(original.dataAsOf).toBe('2024-01-31');
    expect(original.legs.map((l) => [l.side, l.ticker])).toEqual([
      ['BUY', '100020'],
      ['BUY', '100030'],
    ]);
    expect(original.legs.every((l) => l.limitPrice > 5_000)).toBe(true);
    expect(changed).toEqual(original);
  });

  it('when a resize is worth less than the minimum trade value then it is skipped with a note', () => {
    // Arrange: already holding close to the target of 100030
    const first = planRebalance(input());
    const target = first.targets.find((t) => t.ticker === '100030')!;
    const positions = [{ ticker: '100030', quantity: target.quantity - 1 }];

    // Act
    const plan = planRebalance(input({ portfolio: { cash: 700_000, positions } }));

    // Assert
    expect(plan.legs.some((l) => l.ticker === '100030')).toBe(false);
    const note = plan.notes.find((n) => n.code === 'LEG_BELOW_MINIMUM')!;
    expect(note.ticker).toBe('100030');
    expect(note.text.ko).toContain('30,000원');
    expect(note.text.en).toContain('₩30,000');
  });

  it('when a full exit is worth less than the minimum trade value then it is still sold', () => {
    const plan = planRebalance(
      input({ portfolio: { cash: 990_000, positions: [{ ticker: '100010', quantity: 1 }] } }),
    );

    expect(plan.legs[0]).toMatchObject({ side: 'SELL', ticker: '100010', quantity: 1, targetQuantity: 0 });
  });

  it('when cash cannot pay for every buy then the last buy is cut to what is left', () => {
    // Arrange: NAV says 1,000,000 but only 200,000 is cash (the rest is outside the strategy)
    const plan = planRebalance(input({ portfolio: { cash: 200_000, positions: [] } }));

    const spent = plan.legs.reduce((sum, l) => sum + l.estimatedValue, 0);
    expect(spent).toBeLessThanOrEqual(200_000);
    expect(spent).toBeGreaterThan(200_000 - 25_000);
    expect(plan.notes.map((n) => n.code)).toContain('BUY_REDUCED_FOR_CASH');
  });

  it('when the account holds something outside the strategy then it is left alone with a note', () => {
    const plan = planRebalance(
      input({ portfolio: { cash: 1_000_000, positions: [{ ticker: '999990', quantity: 3 }] } }),
    );

    expect(plan.legs.some((l) => l.ticker === '999990')).toBe(false);
    expect(plan.notes).toContainEqual(
      expect.objectContaining({ code: 'UNMANAGED_HOLDING', ticker: '999990' }),
    );
  });

  it('when the config is inconsistent then it throws a StrategyConfigError naming the problem', () => {
    expect(() => planRebalance(input({ config: testConfig({ topN: 0 }) }))).toThrow(StrategyConfigError);
    expect(() => planRebalance(input({ config: testConfig({ skipDays: 10 }) }))).toThrow(/skipDays/);
    expect(() => planRebalance(input({ nav: 1.5 }))).toThrow(/nav/);
  });

  it('when forced then it rebalances on any trading day', () => {
    const plan = planRebalance(input({ date: '2024-02-07', force: true }));

    expect(plan.isRebalanceDay).toBe(true);
    expect(plan.legs.length).toBeGreaterThan(0);
  });
});
