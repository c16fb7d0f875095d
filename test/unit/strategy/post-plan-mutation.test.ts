import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk';
import type { MomentumSignal, MomentumSignals } from '../../../src/domain/strategy/signals';
import {
  carryOverLegs,
  fitLegsToLimits,
  freshPricesOf,
  guardLegsOffline,
  limitOrderFill,
  planTargetsOf,
  sentLimitPrice,
  undoneTargets,
} from '../../../src/domain/strategy/post-plan';
import type { RebalanceLeg } from '../../../src/domain/strategy/legs';
import { testConfig, weekdayCalendar } from './fixtures';

/** What happens to a plan after planRebalance, at its edges (issue 17). */

const LIMITS = { maxOrderValue: 300_000, fatFingerCashBp: 3_000, maxPositionWeightBp: 4_000 };

describe('fitting legs: each cap at its value', () => {
  it('when a leg is exactly at the per-order value then it is not clipped; one share more is, and the limit is reported', () => {
    const result = fitLegsToLimits({
      legs: [
        { ticker: 'A', side: 'SELL', quantity: 3, limitPrice: 100_000 },
        { ticker: 'B', side: 'SELL', quantity: 4, limitPrice: 100_000 },
      ],
      cash: 0,
      positions: [],
      marks: new Map(),
      limits: LIMITS,
    });
    expect(result.map((r) => [r.leg.ticker, r.quantity, r.clippedBy, r.limitValue])).toEqual([
      ['A', 3, null, null],
      ['B', 3, 'MAX_ORDER_VALUE', 300_000],
    ]);
  });

  it('when the fat-finger cap binds then its value is the cash share in KRW; a buy exactly at it is not clipped', () => {
    const limits = { ...LIMITS, maxOrderValue: 10_000_000, maxPositionWeightBp: 10_000 };
    const at = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 30, limitPrice: 10_000 }],
      cash: 1_000_000,
      positions: [],
      marks: new Map(),
      limits,
    });
    expect(at.map((r) => [r.quantity, r.clippedBy, r.limitValue])).toEqual([[30, null, null]]);
    const over = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 31, limitPrice: 10_000 }],
      cash: 1_000_000,
      positions: [],
      marks: new Map(),
      limits,
    });
    expect(over.map((r) => [r.quantity, r.clippedBy, r.limitValue])).toEqual([[30, 'FAT_FINGER', 300_000]]);
  });

  it('when the cash is negative then a buy gets nothing, clipped by the fat-finger cap at 0 KRW', () => {
    const result = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
      cash: -50_000,
      positions: [{ ticker: 'B', quantity: 100, price: 10_000 }],
      marks: new Map(),
      limits: LIMITS,
    });
    expect(result.map((r) => [r.quantity, r.clippedBy, r.limitValue])).toEqual([[0, 'FAT_FINGER', 0]]);
  });

  it('when the weight cap binds then its value is reported in basis points and the fresh mark prices it', () => {
    // NAV = 1,000,000 cash + 10 × 12,000 (the mark, not the 10,000 balance price) = 1,120,000
    // 40 % = 448,000 / max(10,000 limit, 12,000 mark) = 37 − 10 held = 27
    const limits = { ...LIMITS, maxOrderValue: 10_000_000, fatFingerCashBp: 10_000 };
    const result = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 50, limitPrice: 10_000 }],
      cash: 1_000_000,
      positions: [{ ticker: 'A', quantity: 10, price: 10_000 }],
      marks: new Map([['A', 12_000]]),
      limits,
    });
    expect(result.map((r) => [r.quantity, r.clippedBy, r.limitValue])).toEqual([
      [27, 'MAX_POSITION_WEIGHT', 4_000],
    ]);
  });

  it('when the limit is above the mark then the weight is measured at the limit', () => {
    // NAV 1,000,000; 40 % = 400,000 / max(12,500 limit, 10,000 mark) = 32
    const limits = { ...LIMITS, maxOrderValue: 10_000_000, fatFingerCashBp: 10_000 };
    const result = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 50, limitPrice: 12_500 }],
      cash: 1_000_000,
      positions: [],
      marks: new Map([['A', 10_000]]),
      limits,
    });
    expect(result.map((r) => [r.quantity, r.clippedBy])).toEqual([[32, 'MAX_POSITION_WEIGHT']]);
  });

  it('when a holding is already over its weight then a buy of it is cut to zero, not below', () => {
    const limits = { ...LIMITS, maxOrderValue: 10_000_000, fatFingerCashBp: 10_000 };
    const result = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 5, limitPrice: 10_000 }],
      cash: 100_000,
      positions: [{ ticker: 'A', quantity: 90, price: 10_000 }],
      marks: new Map(),
      limits,
    });
    expect(result.map((r) => [r.quantity, r.clippedBy])).toEqual([[0, 'MAX_POSITION_WEIGHT']]);
  });

  it('when other holdings have marks then the NAV the weight cap uses counts them at their marks', () => {
    // NAV = 200,000 + 100 × 8,000 (mark) = 1,000,000 → 40 % = 400,000 / 10,000 = 40
    const limits = { ...LIMITS, maxOrderValue: 10_000_000, fatFingerCashBp: 10_000 };
    const result = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 50, limitPrice: 10_000 }],
      cash: 200_000,
      positions: [{ ticker: 'B', quantity: 100, price: 9_000 }],
      marks: new Map([['B', 8_000]]),
      limits,
    });
    expect(result.map((r) => [r.quantity, r.clippedBy])).toEqual([[20, 'FAT_FINGER']]);
    const wide = fitLegsToLimits({
      legs: [{ ticker: 'A', side: 'BUY', quantity: 50, limitPrice: 10_000 }],
      cash: 200_000,
      positions: [{ ticker: 'B', quantity: 100, price: 9_000 }],
      marks: new Map([['B', 8_000]]),
      limits: { ...limits, maxPositionWeightBp: 1_000 },
    });
    // 10 % of 1,000,000 = 100,000 → 10 shares (at the 9,000 balance price it would be 110,000 → 11)
    expect(wide.map((r) => [r.quantity, r.clippedBy])).toEqual([[10, 'MAX_POSITION_WEIGHT']]);
  });

  it('when a sell runs first then its proceeds and its lower holding carry into the next buy of the same ticker', () => {
    const limits = { ...LIMITS, maxOrderValue: 10_000_000, fatFingerCashBp: 10_000 };
    const result = fitLegsToLimits({
      legs: [
        { ticker: 'A', side: 'BUY', quantity: 100, limitPrice: 10_000 },
        { ticker: 'A', side: 'SELL', quantity: 40, limitPrice: 10_000 },
      ],
      cash: 0,
      positions: [{ ticker: 'A', quantity: 50, price: 10_000 }],
      marks: new Map(),
      limits,
    });
    // after the sell: cash 400,000, 10 held, NAV 500,000 → weight cap 200,000 / 10,000 = 20 − 10 held = 10
    expect(result.map((r) => [r.leg.side, r.quantity, r.clippedBy])).toEqual([
      ['SELL', 40, null],
      ['BUY', 10, 'MAX_POSITION_WEIGHT'],
    ]);
  });

  it('when a buy is filled into the walk then the next buy sees less cash and the bought shares', () => {
    const limits = {
      ...LIMITS,
      maxOrderValue: 10_000_000,
      fatFingerCashBp: 5_000,
      maxPositionWeightBp: 10_000,
    };
    const result = fitLegsToLimits({
      legs: [
        { ticker: 'A', side: 'BUY', quantity: 10, limitPrice: 10_000 },
        { ticker: 'B', side: 'BUY', quantity: 100, limitPrice: 10_000 },
      ],
      cash: 1_000_000,
      positions: [],
      marks: new Map([['A', 10_000]]),
      limits,
    });
    // after A: cash 900,000 → 50 % = 450,000 → 45 B
    expect(result.map((r) => [r.leg.ticker, r.quantity, r.clippedBy, r.limitValue])).toEqual([
      ['A', 10, null, null],
      ['B', 45, 'FAT_FINGER', 450_000],
    ]);
    // with a 40 % weight cap: NAV after A is 900,000 cash + 10 A at 10,000 = 1,000,000 → 40 B
    const capped = fitLegsToLimits({
      legs: [
        { ticker: 'A', side: 'BUY', quantity: 10, limitPrice: 10_000 },
        { ticker: 'B', side: 'BUY', quantity: 100, limitPrice: 10_000 },
      ],
      cash: 1_000_000,
      positions: [],
      marks: new Map([['A', 10_000]]),
      limits: { ...limits, maxPositionWeightBp: 4_000 },
    });
    expect(capped.map((r) => [r.leg.ticker, r.quantity, r.clippedBy])).toEqual([
      ['A', 10, null],
      ['B', 40, 'MAX_POSITION_WEIGHT'],
    ]);
  });

  it('when a leg is cut to zero then it changes nothing for the legs after it', () => {
    const limits = { ...LIMITS, maxOrderValue: 5_000, fatFingerCashBp: 10_000, maxPositionWeightBp: 10_000 };
    const result = fitLegsToLimits({
      legs: [
        { ticker: 'A', side: 'BUY', quantity: 10, limitPrice: 10_000 },
        { ticker: 'B', side: 'BUY', quantity: 10, limitPrice: 1_000 },
      ],
      cash: 10_000,
      positions: [],
      marks: new Map(),
      limits,
    });
    expect(result.map((r) => [r.leg.ticker, r.quantity, r.clippedBy])).toEqual([
      ['A', 0, 'MAX_ORDER_VALUE'],
      ['B', 5, 'MAX_ORDER_VALUE'],
    ]);
  });
});

describe('the offline guard: the moment and the inputs it builds', () => {
  const limits = { ...DEFAULT_RISK_LIMITS, allowedTickers: ['100010', '100020'] };
  const base = {
    calendar: weekdayCalendar(),
    cash: 1_000_000,
    positions: [] as { ticker: string; quantity: number }[],
    closes: new Map([
      ['100010', 10_000],
      ['100020', 50_000],
    ]),
    ordersToday: 0,
    limits,
  };

  it('when the day is the first trading day of the year then the check runs at the 10:00 paper open', () => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-01-01',
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(leg).toEqual({ ticker: '100010', side: 'BUY', deniedBy: null, breaker: null });
  });

  it('when the day is not a trading day then every leg is refused as the market being closed', () => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-02',
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(leg!.deniedBy).toBe('MARKET_CLOSED');
  });

  it('when a leg’s ticker has no close then no offline rule can decide it and it passes (the live guard needs a quote)', () => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      closes: new Map(),
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(leg).toEqual({ ticker: '100010', side: 'BUY', deniedBy: null, breaker: null });
  });

  it('when a leg fails only a rule the backtest cannot decide then the offline guard lets it through', () => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      closes: new Map([['999990', 10_000]]),
      legs: [{ ticker: '999990', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(leg).toEqual({ ticker: '999990', side: 'BUY', deniedBy: null, breaker: null });
  });

  it('when a held position is sold then it is priced at its close, and a lot of zero does not count as held', () => {
    const sell = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      positions: [
        { ticker: '100010', quantity: 0 },
        { ticker: '100020', quantity: 2 },
      ],
      legs: [
        { ticker: '100010', side: 'SELL', quantity: 1, limitPrice: 10_000 },
        { ticker: '100020', side: 'SELL', quantity: 2, limitPrice: 50_000 },
      ],
    });
    expect(sell.map((l) => [l.ticker, l.deniedBy])).toEqual([
      ['100010', 'INSUFFICIENT_HOLDINGS'],
      ['100020', null],
    ]);
  });

  it('when no start-of-day NAV is given then the equity at the closes is the base: no breaker, even after a loss in the closes', () => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      cash: 1_000_000,
      positions: [{ ticker: '100020', quantity: 20 }],
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(leg).toEqual({ ticker: '100010', side: 'BUY', deniedBy: null, breaker: null });
  });

  it('when the positions’ value at the closes is below the first NAV then the loss counts them', () => {
    // 10,000 cash + 20 × 50,000 = 1,010,000 against 1,050,000: −3.8 % → breaker
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      cash: 10_000,
      positions: [{ ticker: '100020', quantity: 20 }],
      startOfDayNav: 1_050_000,
      legs: [{ ticker: '100020', side: 'SELL', quantity: 1, limitPrice: 50_000 }],
    });
    expect(leg).toEqual({ ticker: '100020', side: 'SELL', deniedBy: null, breaker: 'DAILY_LOSS' });
    // 1,010,000 against 1,020,000: −1 % → no breaker
    const [calm] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      cash: 10_000,
      positions: [{ ticker: '100020', quantity: 20 }],
      startOfDayNav: 1_020_000,
      legs: [{ ticker: '100020', side: 'SELL', quantity: 1, limitPrice: 50_000 }],
    });
    expect(calm!.breaker).toBeNull();
  });

  it('when the buying power is short then a buy is refused by the cash it has', () => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      cash: 9_999,
      positions: [{ ticker: '100020', quantity: 20 }],
      // the fat-finger share above 100 % so that only the cash itself can refuse the buy
      limits: { ...limits, fatFingerCashBp: 20_000 },
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(leg!.deniedBy).toBe('INSUFFICIENT_BUYING_POWER');
  });

  it.each([
    ['FAT_FINGER', { cash: 1_000_000, limits: { ...limits, maxOrderValue: 10_000_000 } }, 31, 10_000],
    ['MAX_POSITION_WEIGHT', { positions: [{ ticker: '100010', quantity: 35 }] }, 20, 10_000],
    ['INVALID_QUANTITY', {}, 0, 10_000],
    ['INVALID_PRICE', {}, 1, 0],
    ['NAV_FLOOR', { cash: 700_000 }, 1, 10_000],
  ] as const)('when a buy breaks %s then the offline guard names it', (code, over, quantity, limitPrice) => {
    const [leg] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      ...over,
      legs: [{ ticker: '100010', side: 'BUY', quantity, limitPrice }],
    });
    expect(leg!.deniedBy).toBe(code);
  });

  it('when a limit lies between the ETF band edge and the stock band edge then the ETF band decides', () => {
    // base 10,005: the ETF band is 7,005 … 13,005 (the stock grid would give 7,010 … 13,000)
    const closes = new Map([['100010', 10_005]]);
    const [low] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      closes,
      positions: [{ ticker: '100010', quantity: 10 }],
      legs: [{ ticker: '100010', side: 'SELL', quantity: 1, limitPrice: 7_005 }],
    });
    expect(low!.deniedBy).toBe('PRICE_TOO_FAR_FROM_QUOTE');
    const [high] = guardLegsOffline({
      ...base,
      date: '2024-03-04',
      closes,
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 13_005 }],
    });
    expect(high!.deniedBy).toBe('PRICE_TOO_FAR_FROM_QUOTE');
  });

  it('when no legs are given then there is nothing to report', () => {
    expect(guardLegsOffline({ ...base, date: '2024-03-04', legs: [] })).toEqual([]);
  });
});

describe('plan targets and the carry-over', () => {
  const leg = (ticker: string, targetQuantity: number): RebalanceLeg => ({
    ticker,
    side: 'BUY',
    quantity: 1,
    limitPrice: 10_000,
    estimatedValue: 10_000,
    heldQuantity: 0,
    targetQuantity,
    rationale: { ko: '', en: '' },
  });

  it('a plan’s targets are each leg’s target quantity under the plan date', () => {
    expect(planTargetsOf('2024-03-04', [leg('A', 5), leg('B', 0)])).toEqual({
      date: '2024-03-04',
      targets: [
        { ticker: 'A', quantity: 5 },
        { ticker: 'B', quantity: 0 },
      ],
    });
  });

  it('what is undone carries the holding and the target; a ticker not held counts as zero', () => {
    const plan = {
      date: '2024-03-04',
      targets: [
        { ticker: 'A', quantity: 5 },
        { ticker: 'B', quantity: 0 },
        { ticker: 'C', quantity: 2 },
      ],
    };
    expect(
      undoneTargets(
        plan,
        new Map([
          ['B', 3],
          ['C', 2],
        ]),
      ),
    ).toEqual([
      { ticker: 'A', held: 0, target: 5 },
      { ticker: 'B', held: 3, target: 0 },
    ]);
  });

  it('when the carry-over is explained then the rationale gets the holding and the plan’s target, 0 for an exit', () => {
    const calls: Array<[string, number, number]> = [];
    const { legs } = carryOverLegs({
      plan: {
        date: '2024-03-04',
        targets: [
          { ticker: 'A', quantity: 5 },
          { ticker: 'B', quantity: 0 },
        ],
      },
      held: new Map([
        ['A', 1],
        ['B', 3],
      ]),
      priceOf: () => 10_000,
      cash: 1_000_000,
      config: testConfig({ minTradeValue: 0, limitOffsetTicks: 1 }),
      rationale: (ticker, held, target) => {
        calls.push([ticker, held, target]);
        return { ko: ticker, en: `${held}→${target}` };
      },
    });
    expect(calls.sort()).toEqual([
      ['A', 1, 5],
      ['B', 3, 0],
    ]);
    expect(legs.map((l) => [l.ticker, l.side, l.quantity, l.limitPrice, l.rationale.en])).toEqual([
      ['B', 'SELL', 3, 9_995, '3→0'],
      ['A', 'BUY', 4, 10_005, '1→5'],
    ]);
  });

  it('when a carried ticker has no price then a MISSING_PRICE note is made', () => {
    const { legs, notes } = carryOverLegs({
      plan: { date: '2024-03-04', targets: [{ ticker: 'A', quantity: 5 }] },
      held: new Map(),
      priceOf: () => null,
      cash: 1_000_000,
      config: testConfig(),
      rationale: () => ({ ko: '', en: '' }),
    });
    expect(legs).toEqual([]);
    expect(notes.map((n) => [n.code, n.ticker])).toEqual([['MISSING_PRICE', 'A']]);
  });
});

describe('the fill model and the prices at their edges', () => {
  it('when a sell opens exactly at its limit then it fills at the open; a high exactly at it fills at the limit', () => {
    expect(limitOrderFill('SELL', 10_000, { open: 10_000, high: 10_000, low: 9_000 })).toEqual({
      price: 10_000,
      at: 'OPEN',
    });
    expect(limitOrderFill('SELL', 10_000, { open: 9_990, high: 10_000, low: 9_000 })).toEqual({
      price: 10_000,
      at: 'LIMIT',
    });
  });

  it('when slippage improves an open fill then the better price is kept', () => {
    expect(limitOrderFill('BUY', 10_000, { open: 9_900, high: 10_100, low: 9_800 }, (o) => o - 10)).toEqual({
      price: 9_890,
      at: 'OPEN',
    });
    expect(limitOrderFill('SELL', 10_000, { open: 10_100, high: 10_200, low: 9_900 }, (o) => o + 10)).toEqual(
      { price: 10_110, at: 'OPEN' },
    );
    expect(limitOrderFill('SELL', 10_000, { open: 10_100, high: 10_200, low: 9_900 }, (o) => o - 10)).toEqual(
      { price: 10_090, at: 'OPEN' },
    );
  });

  it('when a sell opens below the limit then slippage is not applied to the limit fill', () => {
    expect(limitOrderFill('SELL', 10_000, { open: 9_990, high: 10_050, low: 9_000 }, () => 1)).toEqual({
      price: 10_000,
      at: 'LIMIT',
    });
    expect(limitOrderFill('BUY', 10_000, { open: 10_010, high: 10_050, low: 9_000 }, () => 1)).toEqual({
      price: 10_000,
      at: 'LIMIT',
    });
  });

  it('fresh prices are the last closes of RANKED and short-history signals, never of stale or missing ones', () => {
    const signal = (
      ticker: string,
      status: MomentumSignal['status'],
      lastClose: number | null,
    ): MomentumSignal => ({
      ticker,
      status,
      lastBarDate: null,
      lastClose,
      roc: null,
      atr: null,
      rank: null,
      aboveHurdle: false,
      selected: false,
    });
    const signals: MomentumSignals = {
      hurdle: { ticker: 'S', roc: 0 },
      safe: signal('S', 'INSUFFICIENT_HISTORY', 5_000),
      risk: [
        signal('A', 'RANKED', 10_000),
        signal('B', 'STALE_DATA', 20_000),
        signal('C', 'NO_DATA', 30_000),
        signal('D', 'RANKED', null),
      ],
      selected: [],
    };
    expect([...freshPricesOf(signals)]).toEqual([
      ['S', 5_000],
      ['A', 10_000],
    ]);
    expect([...freshPricesOf({ ...signals, safe: null })]).toEqual([['A', 10_000]]);
  });

  it('when the sent limit is within the distance of the quote then it is unchanged; a sell limit beyond is raised', () => {
    expect(sentLimitPrice('SELL', 9_800, 10_000, 300)).toBe(9_800);
    expect(sentLimitPrice('SELL', 9_000, 10_000, 300)).toBe(9_700);
  });
});
