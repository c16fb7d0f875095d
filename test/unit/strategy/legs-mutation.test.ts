import { describe, expect, it } from 'vitest';
import { buildLegs, type LegInput } from '../../../src/domain/strategy/legs';
import type { TargetHolding } from '../../../src/domain/strategy/sizing';

/** buildLegs at its edges (issue 17): which legs exist, their order, sizes, prices, and the notes. */

const target = (ticker: string, quantity: number): TargetHolding => ({
  ticker,
  role: 'MOMENTUM',
  quantity,
  price: 10_000,
  weightBp: 0,
  limit: 'EQUAL_WEIGHT',
});

function legsOf(overrides: Partial<LegInput> & { prices?: Record<string, number | null> }) {
  const prices = overrides.prices ?? {};
  return buildLegs({
    order: [],
    held: new Map(),
    targets: new Map(),
    priceOf: (t) => (t in prices ? prices[t]! : 10_000),
    cash: 10_000_000,
    config: { minTradeValue: 30_000, limitOffsetTicks: 0, limitOffsetBp: 0 },
    rationale: (ticker, held, t) => ({
      ko: `${ticker}:${held}:${t?.quantity ?? '-'}`,
      en: `${ticker} ${held}→${t?.quantity ?? 'none'}`,
    }),
    ...overrides,
  });
}

const brief = (r: ReturnType<typeof buildLegs>) =>
  r.legs.map((l) => [
    l.ticker,
    l.side,
    l.quantity,
    l.limitPrice,
    l.estimatedValue,
    l.heldQuantity,
    l.targetQuantity,
  ]);

describe('buildLegs', () => {
  it('when a target differs from the holding then one leg moves it there, priced at the marketable limit', () => {
    const r = legsOf({
      order: ['100010'],
      held: new Map([['100010', 2]]),
      targets: new Map([['100010', target('100010', 7)]]),
      config: { minTradeValue: 30_000, limitOffsetTicks: 2, limitOffsetBp: 0 },
    });
    expect(brief(r)).toEqual([['100010', 'BUY', 5, 10_010, 50_050, 2, 7]]);
    expect(r.legs[0]!.rationale).toEqual({ ko: '100010:2:7', en: '100010 2→7' });
    expect(r.notes).toEqual([]);
  });

  it('when the limit offset is in basis points then the leg uses it', () => {
    const r = legsOf({
      order: ['100010'],
      targets: new Map([['100010', target('100010', 5)]]),
      config: { minTradeValue: 0, limitOffsetTicks: 0, limitOffsetBp: 100 },
    });
    expect(brief(r)).toEqual([['100010', 'BUY', 5, 10_100, 50_500, 0, 5]]);
  });

  it('when the holding equals the target then there is no leg and no note, even without a price', () => {
    const r = legsOf({
      order: ['100010'],
      held: new Map([['100010', 5]]),
      targets: new Map([['100010', target('100010', 5)]]),
      prices: { '100010': null },
    });
    expect(r).toEqual({ legs: [], notes: [] });
  });

  it('when a ticker with a leg has no price then a MISSING_PRICE note names it and no leg is made', () => {
    const r = legsOf({
      order: ['100010', '100020'],
      targets: new Map([
        ['100010', target('100010', 5)],
        ['100020', target('100020', 5)],
      ]),
      prices: { '100010': null },
    });
    expect(r.legs.map((l) => l.ticker)).toEqual(['100020']);
    expect(r.notes).toEqual([
      {
        code: 'MISSING_PRICE',
        ticker: '100010',
        text: {
          ko: expect.stringContaining('100010'),
          en: '100010 has no price data, so no order can be made',
        },
      },
    ]);
  });

  it('when a held ticker has no target then it is sold in full, even below the minimum trade value', () => {
    const r = legsOf({ held: new Map([['100030', 1]]) });
    expect(brief(r)).toEqual([['100030', 'SELL', 1, 10_000, 10_000, 1, 0]]);
    expect(r.legs[0]!.rationale.en).toBe('100030 1→none');
  });

  it('when a target is zero then the holding is sold in full, even below the minimum', () => {
    const r = legsOf({
      order: ['100030'],
      held: new Map([['100030', 2]]),
      targets: new Map([['100030', target('100030', 0)]]),
    });
    expect(brief(r)).toEqual([['100030', 'SELL', 2, 10_000, 20_000, 2, 0]]);
  });

  it('when a partial sell or a buy is worth less than the minimum then it is skipped with a note; at the minimum it is kept', () => {
    const r = legsOf({
      order: ['100010', '100020', '100040'],
      held: new Map([
        ['100010', 5],
        ['100030', 10],
      ]),
      targets: new Map([
        ['100010', target('100010', 7)], // buy 2 × 10,000 = 20,000 < 30,000
        ['100020', target('100020', 3)], // buy 3 × 10,000 = 30,000: kept
        ['100030', target('100030', 8)], // sell 2: 20,000, not a full exit
        ['100040', target('100040', 0)], // nothing held, nothing to do
      ]),
    });
    expect(brief(r)).toEqual([['100020', 'BUY', 3, 10_000, 30_000, 0, 3]]);
    expect(r.notes.map((n) => [n.code, n.ticker])).toEqual([
      ['LEG_BELOW_MINIMUM', '100010'],
      ['LEG_BELOW_MINIMUM', '100030'],
    ]);
    expect(r.notes[0]!.text).toEqual({
      ko: expect.stringContaining('20,000원'),
      en: '100010 order of ₩20,000 is below the minimum trade value ₩30,000, skipped',
    });
    expect(r.notes[0]!.text.ko).toContain('30,000원');
  });

  it('when several tickers are sold then sells come first sorted by ticker, buys keep the funding order', () => {
    const r = legsOf({
      order: ['100050', '100020'],
      held: new Map([
        ['100090', 5],
        ['100030', 4],
        ['100070', 6],
      ]),
      targets: new Map([
        ['100050', target('100050', 4)],
        ['100020', target('100020', 4)],
      ]),
    });
    expect(r.legs.map((l) => [l.side, l.ticker])).toEqual([
      ['SELL', '100030'],
      ['SELL', '100070'],
      ['SELL', '100090'],
      ['BUY', '100050'],
      ['BUY', '100020'],
    ]);
  });

  it('when the cash plus the sells’ proceeds pay exactly for the buys then nothing is cut', () => {
    const r = legsOf({
      order: ['100010', '100020'],
      held: new Map([['100030', 3]]),
      targets: new Map([
        ['100010', target('100010', 4)],
        ['100020', target('100020', 4)],
      ]),
      cash: 50_000, // + 30,000 proceeds = 80,000 = 2 × 40,000
    });
    expect(brief(r)).toEqual([
      ['100030', 'SELL', 3, 10_000, 30_000, 3, 0],
      ['100010', 'BUY', 4, 10_000, 40_000, 0, 4],
      ['100020', 'BUY', 4, 10_000, 40_000, 0, 4],
    ]);
    expect(r.notes).toEqual([]);
  });

  it('when the money runs short then the first buys are funded in order and the next is cut to what is left', () => {
    const r = legsOf({
      order: ['100010', '100020', '100040'],
      held: new Map([['100030', 3]]),
      targets: new Map([
        ['100010', target('100010', 4)],
        ['100020', target('100020', 6)],
        ['100040', target('100040', 9)],
      ]),
      cash: 69_999, // + 30,000 = 99,999: 40,000 for the first, 59,999 → 5 shares of the second, 9,999 left
    });
    expect(brief(r)).toEqual([
      ['100030', 'SELL', 3, 10_000, 30_000, 3, 0],
      ['100010', 'BUY', 4, 10_000, 40_000, 0, 4],
      ['100020', 'BUY', 5, 10_000, 50_000, 0, 6],
    ]);
    expect(r.notes.map((n) => [n.code, n.ticker, n.text.en])).toEqual([
      ['BUY_REDUCED_FOR_CASH', '100020', '100020 buy reduced from 6 to 5 shares to fit the cash'],
      ['BUY_REDUCED_FOR_CASH', '100040', '100040 buy reduced from 9 to 0 shares to fit the cash'],
    ]);
  });

  it('when a cut buy falls below the minimum then it is dropped with both notes', () => {
    const r = legsOf({
      order: ['100010'],
      targets: new Map([['100010', target('100010', 9)]]),
      cash: 29_999,
    });
    expect(r.legs).toEqual([]);
    expect(r.notes.map((n) => [n.code, n.ticker])).toEqual([
      ['BUY_REDUCED_FOR_CASH', '100010'],
      ['LEG_BELOW_MINIMUM', '100010'],
    ]);
    expect(r.notes[1]!.text.en).toBe(
      '100010 order of ₩20,000 is below the minimum trade value ₩30,000, skipped',
    );
  });

  it('when a cut buy is still worth the minimum then it is kept at the cut size, and the money left funds nothing more', () => {
    const r = legsOf({
      order: ['100010', '100020'],
      targets: new Map([
        ['100010', target('100010', 9)],
        ['100020', target('100020', 1)],
      ]),
      cash: 39_999,
      config: { minTradeValue: 0, limitOffsetTicks: 0, limitOffsetBp: 0 },
    });
    expect(brief(r)).toEqual([['100010', 'BUY', 3, 10_000, 30_000, 0, 9]]);
    expect(r.notes.map((n) => [n.code, n.ticker])).toEqual([
      ['BUY_REDUCED_FOR_CASH', '100010'],
      ['BUY_REDUCED_FOR_CASH', '100020'],
    ]);
  });

  it('when a cut buy is worth exactly the minimum then it is kept', () => {
    const r = legsOf({
      order: ['100010'],
      targets: new Map([['100010', target('100010', 9)]]),
      cash: 39_999, // 3 shares = 30,000 = the minimum
    });
    expect(brief(r)).toEqual([['100010', 'BUY', 3, 10_000, 30_000, 0, 9]]);
    expect(r.notes.map((n) => n.code)).toEqual(['BUY_REDUCED_FOR_CASH']);
  });

  it('when the cash is negative then no buy is made and the cut says zero shares', () => {
    const r = legsOf({
      order: ['100010'],
      targets: new Map([['100010', target('100010', 3)]]),
      cash: -5_000,
    });
    expect(r.legs).toEqual([]);
    expect(r.notes.map((n) => n.text.en)).toEqual(['100010 buy reduced from 3 to 0 shares to fit the cash']);
  });

  it('when a ticker is both in the order and held then it gets one leg only', () => {
    const r = legsOf({
      order: ['100010', '100010'],
      held: new Map([['100010', 1]]),
      targets: new Map([['100010', target('100010', 5)]]),
    });
    expect(brief(r)).toEqual([['100010', 'BUY', 4, 10_000, 40_000, 1, 5]]);
  });
});
