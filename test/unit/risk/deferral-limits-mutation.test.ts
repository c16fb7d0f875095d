import { describe, expect, it } from 'vitest';
import type { ActiveBlackout } from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';
import { DEFAULT_ETF_UNIVERSE } from '../../../src/domain/universe';
import { blackoutDeferral } from '../../../src/domain/risk/blackout-deferral';
import { DEFAULT_RISK_LIMITS, riskLimitsSchema } from '../../../src/domain/risk/limits';
import { fail, pass, warn, type RiskCheck } from '../../../src/domain/risk/verdict';

/** Issue 17, mutation testing of blackout-deferral.ts, limits.ts and verdict.ts. */
const blackout: ActiveBlackout = {
  from: kstInstant('2026-03-10', 10, 0),
  until: kstInstant('2026-03-10', 10, 40),
  windows: [
    {
      from: kstInstant('2026-03-10', 10, 0),
      to: kstInstant('2026-03-10', 10, 40),
      kind: 'adhoc',
      label: '#9',
      reason: '점검',
    },
  ],
};
const windowLine: RiskCheck = {
  rule: 'blackout',
  ok: false,
  code: 'ORDER_BLACKOUT',
  detail: { windows: '#9', until: '2026-03-10 10:40', note: '점검' },
};
/** The checks an approved card carried when it was proposed (in trading hours: session passed, no window). */
const earlier: RiskCheck[] = [
  pass('tradingState', { state: 'ACTIVE' }),
  warn('navPremium', 'NAV_UNAVAILABLE', { ticker: '069500', problem: 'UNSUPPORTED' }),
  pass('session', { orderType: 'LIMIT' }),
  pass('blackout'),
  pass('deferQueue'),
];

describe('blackout deferral of an approved order', () => {
  it('when the queue has room then the order waits for the window with its text, keeping the earlier checks', () => {
    expect(blackoutDeferral(blackout, earlier, { size: 2, max: 3 })).toEqual({
      outcome: 'DEFER',
      code: 'ORDER_BLACKOUT',
      reason: 'BLACKOUT',
      waitingFor: ['BLACKOUT'],
      deferUntil: kstInstant('2026-03-10', 10, 40),
      detail: { windows: '#9', until: '2026-03-10 10:40', note: '점검' },
      checks: [
        earlier[0],
        earlier[1],
        windowLine,
        { rule: 'deferQueue', ok: true, detail: { waiting: 2, max: 3 } },
      ],
    });
  });

  it('when the queue is exactly full then the order is refused with both numbers', () => {
    expect(blackoutDeferral(blackout, earlier, { size: 3, max: 3 })).toEqual({
      outcome: 'DENY',
      code: 'DEFER_QUEUE_FULL',
      detail: { waiting: 3, max: 3 },
      checks: [
        earlier[0],
        earlier[1],
        windowLine,
        { rule: 'deferQueue', ok: false, code: 'DEFER_QUEUE_FULL', detail: { waiting: 3, max: 3 } },
      ],
    });
  });

  it('when the queue is over full then the order is refused', () => {
    expect(blackoutDeferral(blackout, [], { size: 5, max: 3 })).toMatchObject({
      outcome: 'DENY',
      code: 'DEFER_QUEUE_FULL',
    });
  });

  it('when the earlier checks already had a session refusal then it is replaced by the window line', () => {
    const deferred = [
      pass('quantity'),
      fail('session', 'MARKET_CLOSED', { reason: 'BEFORE_OPEN', opensAt: '2026-03-10 08:30' }),
    ];

    const verdict = blackoutDeferral(blackout, deferred, { size: 0, max: 3 });

    expect(verdict.checks.map((c) => c.rule)).toEqual(['quantity', 'blackout', 'deferQueue']);
  });
});

describe('verdict lines', () => {
  it('when a line is made then it carries the rule, the outcome, the code and the detail (empty by default)', () => {
    expect(pass('quantity')).toEqual({ rule: 'quantity', ok: true, detail: {} });
    expect(pass('quantity', { quantity: 5 })).toEqual({
      rule: 'quantity',
      ok: true,
      detail: { quantity: 5 },
    });
    expect(warn('navPremium', 'NAV_UNAVAILABLE')).toEqual({
      rule: 'navPremium',
      ok: true,
      detail: {},
      warning: 'NAV_UNAVAILABLE',
    });
    expect(fail('holdings', 'INSUFFICIENT_HOLDINGS')).toEqual({
      rule: 'holdings',
      ok: false,
      code: 'INSUFFICIENT_HOLDINGS',
      detail: {},
    });
  });
});

describe('risk limits', () => {
  const issues = (patch: Record<string, unknown>) => {
    const result = riskLimitsSchema.safeParse({ ...DEFAULT_RISK_LIMITS, ...patch });
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('when the defaults are read then they are the desk’s documented limits over the whole ETF universe', () => {
    expect(DEFAULT_RISK_LIMITS).toEqual({
      allowedTickers: [...DEFAULT_ETF_UNIVERSE],
      maxOrderValue: 300_000,
      maxPositionWeightBp: 4_000,
      maxQuoteDistanceBp: 300,
      maxNavPremiumBp: 50,
      fatFingerCashBp: 3_000,
      maxOrdersPerDay: 10,
      dailyLossLimitBp: 300,
      navFloor: 800_000,
      maxQuoteAgeMs: 10_000,
      maxAccountAgeMs: 30_000,
    });
    expect(DEFAULT_RISK_LIMITS.allowedTickers.length).toBeGreaterThan(10);
    expect(Object.isFrozen(DEFAULT_RISK_LIMITS)).toBe(true);
  });

  it.each([['069500'], ['0000A0'], ['Q500001'], ['ABCDEF']])(
    'when the ticker %s is allowed then it is accepted',
    (ticker) => {
      expect(issues({ allowedTickers: [ticker] })).toEqual([]);
    },
  );

  it.each([
    ['69500'],
    ['0695000'],
    ['06950a'],
    [' 069500'],
    ['069500 '],
    ['Q5000011'],
    ['QQ50000'],
    ['Q50000A'],
    ['X0695001'],
    ['XQ500001'],
    ['Q5'],
    ['QABCDEF'],
    [''],
  ])('when the ticker %j is allowed then it is refused as not a KRX code', (ticker) => {
    expect(issues({ allowedTickers: [ticker] })).toEqual([
      'allowedTickers.0: ticker must be a 6-character KRX code',
    ]);
  });

  it('when no ticker is allowed then the limits are refused with their own message', () => {
    expect(issues({ allowedTickers: [] })).toEqual(['allowedTickers: allowedTickers must not be empty']);
  });

  it.each<[string, unknown, boolean]>([
    ['maxPositionWeightBp', 1, true],
    ['maxPositionWeightBp', 10_000, true],
    ['maxPositionWeightBp', 0, false],
    ['maxPositionWeightBp', 10_001, false],
    ['maxPositionWeightBp', 12.5, false],
    ['maxQuoteDistanceBp', 0, false],
    ['maxNavPremiumBp', 0, false],
    ['fatFingerCashBp', 0, false],
    ['dailyLossLimitBp', 0, false],
    ['dailyLossLimitBp', 10_001, false],
    ['maxOrderValue', 1, true],
    ['maxOrderValue', 0, false],
    ['maxOrdersPerDay', 0, true],
    ['maxOrdersPerDay', -1, false],
    ['navFloor', 0, true],
    ['navFloor', -1, false],
    ['maxQuoteAgeMs', 0, false],
    ['maxAccountAgeMs', 0, false],
    ['maxAccountAgeMs', 1.5, false],
    ['maxQuoteAgeMs', '10000', false],
  ])('when %s is %j then the limits are accepted: %s', (field, value, accepted) => {
    const found = issues({ [field]: value });

    expect(found.length === 0).toBe(accepted);
    if (!accepted) expect(found.every((i) => i.startsWith(`${field}:`))).toBe(true);
  });
});
