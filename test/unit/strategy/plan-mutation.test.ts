import { describe, expect, it } from 'vitest';
import { nearestTick } from '../../../src/domain/money';
import type { DailyBar } from '../../../src/domain/ports';
import { planRebalance, StrategyConfigError, type PlanInput } from '../../../src/domain/strategy/plan';
import { sizeMomentumPosition, sizeSafePosition, weightBpOf } from '../../../src/domain/strategy/sizing';
import { makeBars, testConfig, weekdayCalendar } from './fixtures';

/** planRebalance's wiring at its edges (issue 17): input checks, the safe asset, holdings, prices, notes. */

// 40 weekday bars 2024-01-01 … 2024-02-23; the plan day 2024-02-01 sees the first 23 (to 2024-01-31).
const trend = (daily: number, start = 10_000, count = 40) =>
  makeBars('2024-01-01', count, (i) => Math.round(start * (1 + daily) ** i), 50);
const lastCloseBefore = (bars: DailyBar[], date: string) =>
  nearestTick(bars.filter((b) => b.date < date).at(-1)!.close, 'ETF');

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    date: '2024-02-01',
    calendar: weekdayCalendar(),
    barsByTicker: {
      '100010': trend(0.01),
      '100020': trend(0.03, 20_000),
      '100030': trend(0.02),
      '100090': trend(0.0005, 50_000),
    },
    portfolio: { cash: 1_000_000, positions: [] },
    config: testConfig(),
    nav: 1_000_000,
    ...overrides,
  };
}

const errorOf = (f: () => unknown): StrategyConfigError | null => {
  try {
    f();
  } catch (e) {
    return e as StrategyConfigError;
  }
  return null;
};

describe('the plan input checks', () => {
  it('when every number is wrong then each problem is named with its value, in order', () => {
    const config = testConfig({
      topN: 0,
      lookbackDays: 1.5,
      skipDays: -1,
      atrDays: 0,
      riskBudgetBp: 0,
      maxPositionWeightBp: 0,
      minTradeValue: -1,
      limitOffsetTicks: -1,
      limitOffsetBp: 0.5,
      cashReserveBp: -1,
      maxStaleTradingDays: -1,
      rebalanceOffsetDays: -1,
      atrMultiplier: Number.NaN,
    });
    const error = errorOf(() =>
      planRebalance(
        input({
          config,
          nav: 1.5,
          portfolio: { cash: Number.NaN, positions: [{ ticker: '100010', quantity: -1 }] },
        }),
      ),
    );
    expect(error).toBeInstanceOf(StrategyConfigError);
    expect(error!.name).toBe('StrategyConfigError');
    const problems = [
      'topN must be an integer ≥ 1, got 0',
      'lookbackDays must be an integer ≥ 1, got 1.5',
      'skipDays must be an integer ≥ 0, got -1',
      'atrDays must be an integer ≥ 1, got 0',
      'riskBudgetBp must be an integer ≥ 1, got 0',
      'maxPositionWeightBp must be an integer ≥ 1, got 0',
      'minTradeValue must be an integer ≥ 0, got -1',
      'limitOffsetTicks must be an integer ≥ 0, got -1',
      'limitOffsetBp must be an integer ≥ 0, got 0.5',
      'cashReserveBp must be an integer ≥ 0, got -1',
      'maxStaleTradingDays must be an integer ≥ 0, got -1',
      'rebalanceOffsetDays must be an integer ≥ 0, got -1',
      'atrMultiplier must be positive, got NaN',
      'nav must be integer KRW, got 1.5',
      'cash must be integer KRW, got NaN',
      'quantity of 100010 must be an integer ≥ 0, got -1',
    ];
    expect(error!.problems).toEqual(problems);
    expect(error!.message).toBe(`invalid strategy config: ${problems.join('; ')}`);
  });

  it('when every number is at its smallest allowed value then the plan runs', () => {
    const config = testConfig({
      topN: 1,
      lookbackDays: 1,
      skipDays: 0,
      atrDays: 1,
      riskBudgetBp: 1,
      maxPositionWeightBp: 1,
      minTradeValue: 0,
      limitOffsetTicks: 0,
      limitOffsetBp: 0,
      cashReserveBp: 0,
      maxStaleTradingDays: 0,
      rebalanceOffsetDays: 0,
      atrMultiplier: 0.001,
    });
    expect(() =>
      planRebalance(
        input({ config, nav: 0, portfolio: { cash: 0, positions: [{ ticker: '100010', quantity: 0 }] } }),
      ),
    ).not.toThrow();
  });

  it('when the skip equals the lookback then that is the only problem; one less is fine', () => {
    expect(
      errorOf(() => planRebalance(input({ config: testConfig({ lookbackDays: 5, skipDays: 5 }) })))?.problems,
    ).toEqual(['skipDays must be smaller than lookbackDays']);
    expect(
      errorOf(() => planRebalance(input({ config: testConfig({ lookbackDays: 5, skipDays: 4 }) }))),
    ).toBeNull();
  });

  it('when the multiplier is negative or zero then it is refused', () => {
    expect(
      errorOf(() => planRebalance(input({ config: testConfig({ atrMultiplier: 0 }) })))?.problems,
    ).toEqual(['atrMultiplier must be positive, got 0']);
    expect(
      errorOf(() => planRebalance(input({ config: testConfig({ atrMultiplier: -2 }) })))?.problems,
    ).toEqual(['atrMultiplier must be positive, got -2']);
  });

  it('when a number is too large to be exact then it is refused', () => {
    expect(errorOf(() => planRebalance(input({ nav: 2 ** 53 })))?.problems).toEqual([
      `nav must be integer KRW, got ${2 ** 53}`,
    ]);
    expect(errorOf(() => planRebalance(input({ config: testConfig({ topN: 2 ** 53 }) })))?.problems).toEqual([
      `topN must be an integer ≥ 1, got ${2 ** 53}`,
    ]);
  });
});

describe('the plan’s targets', () => {
  it('when two picks are selected then each target is sized, priced at the tick-grid last close and weighted', () => {
    const base = input();
    const plan = planRebalance(base);
    const expected = ['100020', '100030'].map((ticker) => {
      const s = plan.signals.risk.find((r) => r.ticker === ticker)!;
      const price = lastCloseBefore(base.barsByTicker[ticker] as DailyBar[], '2024-02-01');
      const sized = sizeMomentumPosition(1_000_000, price, s.atr!, base.config);
      return {
        ticker,
        role: 'MOMENTUM',
        quantity: sized.quantity,
        price,
        weightBp: weightBpOf(sized.quantity, price, 1_000_000),
        limit: sized.limit,
      };
    });
    expect(plan.targets).toEqual(expected);
    expect(plan.targets.every((t) => t.quantity > 0 && t.weightBp > 0)).toBe(true);
    expect(plan.notes).toEqual([]);
  });

  it('when one pick is selected then the safe asset takes the one empty slot', () => {
    const barsByTicker = {
      '100010': trend(-0.01),
      '100020': trend(0.02),
      '100030': trend(-0.02),
      '100090': trend(0.0005, 50_000),
    };
    const plan = planRebalance(input({ barsByTicker }));
    const price = lastCloseBefore(barsByTicker['100090'], '2024-02-01');
    const quantity = sizeSafePosition(1_000_000, price, 1, testConfig());
    expect(plan.targets.map((t) => t.ticker)).toEqual(['100020', '100090']);
    expect(plan.targets[1]).toEqual({
      ticker: '100090',
      role: 'SAFE',
      quantity,
      price,
      weightBp: weightBpOf(quantity, price, 1_000_000),
      limit: 'SAFE_SLOTS',
    });
    expect(quantity).toBe(Math.floor(495_000 / price));
    expect(plan.legs.find((l) => l.ticker === '100090')!.rationale.en).toContain(
      '1 of 2 slots go to the safe asset 100090',
    );
  });

  it('when the safe asset has too little history then its last close still prices its slots', () => {
    const barsByTicker = {
      '100010': trend(-0.01),
      '100020': trend(-0.02),
      '100030': trend(-0.03),
      '100090': makeBars('2024-01-25', 10, () => 50_000),
    };
    const plan = planRebalance(input({ barsByTicker }));
    expect(plan.signals.safe!.status).toBe('INSUFFICIENT_HISTORY');
    expect(plan.targets).toEqual([
      { ticker: '100090', role: 'SAFE', quantity: 19, price: 50_000, weightBp: 9_500, limit: 'SAFE_SLOTS' },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('when the safe asset’s data is stale then its slots stay cash with a note, with or without the sweep', () => {
    const barsByTicker = {
      '100010': trend(-0.01),
      '100020': trend(0.02),
      '100030': trend(-0.02),
      '100090': trend(0.0005, 50_000, 10),
    };
    for (const cashSweep of [false, true]) {
      const plan = planRebalance(input({ barsByTicker, config: testConfig({ cashSweep }) }));
      expect(plan.signals.safe!.status).toBe('STALE_DATA');
      expect(plan.targets.map((t) => t.ticker)).toEqual(['100020']);
      expect(plan.notes).toEqual([
        {
          code: 'SAFE_ASSET_UNAVAILABLE',
          ticker: '100090',
          text: {
            ko: expect.stringContaining('100090'),
            en: 'the safe asset 100090 has no recent price, so unfilled slots stay in cash',
          },
        },
      ]);
    }
  });

  it('when every slot is filled and there is no sweep then the safe asset gets no target and no note', () => {
    const plan = planRebalance(
      input({
        barsByTicker: { '100010': trend(0.01), '100020': trend(0.03, 20_000), '100030': trend(0.02) },
      }),
    );
    expect(plan.targets.map((t) => t.ticker)).toEqual(['100020', '100030']);
    expect(plan.notes).toEqual([]);
  });

  it('when the safe asset is CASH then empty slots stay cash without a note', () => {
    const barsByTicker = { '100010': trend(-0.01), '100020': trend(0.02), '100030': trend(-0.02) };
    const plan = planRebalance(input({ barsByTicker, config: testConfig({ safeAsset: 'CASH' }) }));
    expect(plan.targets.map((t) => t.ticker)).toEqual(['100020']);
    expect(plan.notes).toEqual([]);
  });

  it('when the sweep has nothing left to invest then the safe asset gets no target', () => {
    // Two picks at 50 % each of a 0 % reserve: the momentum targets use all but less than one safe share.
    const config = testConfig({
      cashSweep: true,
      cashReserveBp: 0,
      maxPositionWeightBp: 10_000,
      riskBudgetBp: 10_000,
    });
    const flat = (price: number) => makeBars('2024-01-01', 40, (i) => (i < 20 ? price : price + 500), 0);
    const barsByTicker = { '100010': flat(10_000), '100020': flat(20_000), '100090': flat(1_000_000) };
    const plan = planRebalance(
      input({ barsByTicker, config: { ...config, universe: ['100010', '100020'] } }),
    );
    expect(plan.targets.map((t) => [t.ticker, t.limit])).toEqual([
      ['100010', 'EQUAL_WEIGHT'],
      ['100020', 'EQUAL_WEIGHT'],
    ]);
  });

  it('when the sweep has something left then the safe asset target is exactly what the picks leave', () => {
    const config = testConfig({
      cashSweep: true,
      cashReserveBp: 0,
      maxPositionWeightBp: 3_000,
      riskBudgetBp: 10_000,
      universe: ['100010'],
    });
    const flat = (price: number) => makeBars('2024-01-01', 40, (i) => (i < 20 ? price : price + 500), 0);
    const barsByTicker = { '100010': flat(10_000), '100090': makeBars('2024-01-01', 40, () => 5_000) };
    const plan = planRebalance(input({ barsByTicker, config }));
    // pick: 30 % of 1,000,000 at 10,500 = 28 shares = 294,000; the rest 706,000 / 5,000 = 141 shares (705,000)
    expect(plan.targets).toEqual([
      {
        ticker: '100010',
        role: 'MOMENTUM',
        quantity: 28,
        price: 10_500,
        weightBp: 2_940,
        limit: 'MAX_WEIGHT',
      },
      { ticker: '100090', role: 'SAFE', quantity: 141, price: 5_000, weightBp: 7_050, limit: 'CASH_SWEEP' },
    ]);
  });
});

describe('the plan’s holdings, prices and notes', () => {
  it('when a ticker is held in two lots then they are added up before the leg is sized', () => {
    const first = planRebalance(input());
    const target = first.targets.find((t) => t.ticker === '100020')!.quantity;
    const plan = planRebalance(
      input({
        portfolio: {
          cash: 1_000_000,
          positions: [
            { ticker: '100020', quantity: 1 },
            { ticker: '100020', quantity: target - 2 },
          ],
        },
      }),
    );
    const leg = plan.legs.find((l) => l.ticker === '100020')!;
    expect(target).toBeGreaterThan(2);
    expect(leg).toMatchObject({ side: 'BUY', heldQuantity: target - 1, quantity: 1, targetQuantity: target });
  });

  it('when a managed safe asset is held but not wanted then it is sold; an empty unmanaged lot gets no note', () => {
    const plan = planRebalance(
      input({
        portfolio: {
          cash: 1_000_000,
          positions: [
            { ticker: '100090', quantity: 4 },
            { ticker: '999990', quantity: 0 },
            { ticker: '999980', quantity: 2 },
          ],
        },
      }),
    );
    expect(plan.legs[0]).toMatchObject({ ticker: '100090', side: 'SELL', quantity: 4, targetQuantity: 0 });
    expect(plan.legs[0]!.rationale.en).toContain('sell all 4 held');
    expect(plan.notes).toEqual([
      {
        code: 'UNMANAGED_HOLDING',
        ticker: '999980',
        text: {
          ko: expect.stringContaining('999980'),
          en: '999980 is not managed by the strategy and is left as it is',
        },
      },
    ]);
  });

  it('when a held ticker’s data is stale or missing then no leg is priced for it and a note says so', () => {
    const base = input();
    const barsByTicker = { ...base.barsByTicker, '100010': trend(0.01, 10_000, 10) };
    delete (barsByTicker as Record<string, unknown>)['100030'];
    const plan = planRebalance(
      input({
        barsByTicker,
        portfolio: {
          cash: 1_000_000,
          positions: [
            { ticker: '100010', quantity: 3 },
            { ticker: '100030', quantity: 3 },
          ],
        },
        config: testConfig({ topN: 1 }),
      }),
    );
    expect(plan.legs.map((l) => l.ticker)).toEqual(['100020']);
    expect(plan.notes.map((n) => [n.code, n.ticker])).toEqual([
      ['MISSING_PRICE', '100010'],
      ['MISSING_PRICE', '100030'],
    ]);
  });

  it('when a held ticker has too little history then it still has a price and is sold', () => {
    const base = input();
    const short = makeBars('2024-01-25', 5, () => 12_345);
    const plan = planRebalance(
      input({
        barsByTicker: { ...base.barsByTicker, '100010': short },
        portfolio: { cash: 1_000_000, positions: [{ ticker: '100010', quantity: 3 }] },
      }),
    );
    expect(plan.legs[0]).toMatchObject({ ticker: '100010', side: 'SELL', quantity: 3 });
    expect(plan.legs[0]!.rationale.en).toContain('not enough history');
  });

  it('when plan notes and leg notes both exist then the plan’s come first', () => {
    const barsByTicker = { '100010': trend(-0.01), '100020': trend(0.02), '100030': trend(-0.02) };
    const plan = planRebalance(
      input({ barsByTicker, portfolio: { cash: 1_000, positions: [{ ticker: '999990', quantity: 1 }] } }),
    );
    expect(plan.notes.map((n) => n.code)).toEqual([
      'SAFE_ASSET_UNAVAILABLE',
      'UNMANAGED_HOLDING',
      'BUY_REDUCED_FOR_CASH',
    ]);
  });

  it('when the safe asset has the latest bar then it is the data date; without any data there is none', () => {
    const base = input();
    const barsByTicker = {
      '100010': trend(0.01, 10_000, 22),
      '100020': trend(0.03, 20_000, 21),
      '100090': trend(0.0005, 50_000),
    };
    expect(planRebalance({ ...base, barsByTicker }).dataAsOf).toBe('2024-01-31');
    expect(
      planRebalance({
        ...base,
        barsByTicker: { '100090': trend(0, 10_000, 20), '100010': trend(0, 10_000, 22) },
      }).dataAsOf,
    ).toBe('2024-01-30');
    const empty = planRebalance({ ...base, barsByTicker: {} });
    expect(empty.dataAsOf).toBeNull();
    expect(empty.targets).toEqual([]);
    expect(empty.legs).toEqual([]);
  });

  it('when it is not a plan day then the plan has signals but no notes, even with unmanaged holdings', () => {
    const plan = planRebalance(
      input({
        date: '2024-02-02',
        force: false,
        portfolio: { cash: 0, positions: [{ ticker: '999990', quantity: 1 }] },
      }),
    );
    expect(plan).toMatchObject({
      date: '2024-02-02',
      isRebalanceDay: false,
      targets: [],
      legs: [],
      notes: [],
    });
    expect(plan.signals.selected.length).toBeGreaterThan(0);
  });
});
