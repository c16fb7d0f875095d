import { describe, expect, it } from 'vitest';
import type { RiskCatalog } from '../../../src/domain/risk/catalog';
import { DATA_PROBLEMS, RISK_CODES, RISK_RULES } from '../../../src/domain/risk/codes';
import {
  checkMark,
  describeCheck,
  describeVerdict,
  formatBasisPoints,
  renderRiskText,
  WAITING_CODES,
} from '../../../src/domain/risk/describe';
import { fail, pass, warn, type GuardVerdict } from '../../../src/domain/risk/verdict';
import { riskEn } from '../../../src/i18n/en/risk';
import { riskKo } from '../../../src/i18n/ko/risk';

/** How a verdict reads to a person (issue 17, mutation testing of describe.ts and codes.ts). */
const en: RiskCatalog = {
  ...riskEn,
  passes: {
    ...riskEn.passes,
    quantity: '{quantity} shares',
    holdings: '',
    orderValue: '{orderValue:krw} of {missing:krw}',
  },
};

describe('risk texts: placeholders', () => {
  it.each<[string, Record<string, string | number>, string]>([
    ['{n}', { n: 1_234_567 }, '1,234,567'],
    ['{s}', { s: '069500' }, '069500'],
    ['{a_1} and {B2}', { a_1: 'x', B2: 7 }, 'x and 7'],
    ['{v:krw}', { v: 1_234_500 }, '1,234,500원'],
    ['{v:krw}', { v: -5_000 }, '-5,000원'],
    ['{v:krw}', { v: '1000' }, '{v:krw}'],
    ['{v:pct}', { v: 125 }, '1.25%'],
    ['{v:pct}', { v: '125' }, '{v:pct}'],
    ['{v:side}', { v: 'SELL' }, '매도'],
    ['{v:state}', { v: 'REDUCING' }, '축소'],
    ['{v:reason}', { v: 'CLOSED_DAY' }, '휴장일'],
    ['{v:problem}', { v: 'STALE' }, '오래됨'],
    ['{v:side}', { v: 'toString' }, '{v:side}'],
    ['{v:side}', { v: 'HOLD' }, '{v:side}'],
    ['{v:colour}', { v: 'red' }, '{v:colour}'],
    ['{missing} stays', {}, '{missing} stays'],
    ['{not a key} and {} stay', { not: 1 }, '{not a key} and {} stay'],
    ['{x}{x}', { x: 'ab' }, 'abab'],
  ])('when %j is filled from %j then it reads %j', (template, detail, text) => {
    expect(renderRiskText(template, detail, riskKo)).toBe(text);
  });

  it('when a template is filled for each locale then KRW follows the locale', () => {
    expect(renderRiskText('{v:krw}', { v: 300_000 }, riskKo)).toBe('300,000원');
    expect(renderRiskText('{v:krw}', { v: 300_000 }, riskEn)).toBe('₩300,000');
  });

  it.each<[number, string]>([
    [0, '0%'],
    [1, '0.01%'],
    [10, '0.1%'],
    [100, '1%'],
    [101, '1.01%'],
    [110, '1.1%'],
    [1_234.9, '12.34%'],
    [-1, '-0.01%'],
    [-250, '-2.5%'],
    [10_000, '100%'],
  ])('when %j basis points are shown then they read %s', (bp, text) => {
    expect(formatBasisPoints(bp)).toBe(text);
  });
});

describe('risk texts: one check', () => {
  it('when a check failed then its code’s text is shown with its values', () => {
    expect(
      describeCheck(
        fail('holdings', 'INSUFFICIENT_HOLDINGS', { quantity: 5, ticker: '069500', orderableQuantity: 2 }),
        en,
      ),
    ).toBe('Selling 5 shares of 069500 but only 2 are sellable.');
  });

  it('when a check passed with a warning then the warning’s text is shown', () => {
    expect(
      describeCheck(warn('navPremium', 'NAV_UNAVAILABLE', { ticker: '069500', problem: 'UNSUPPORTED' }), en),
    ).toBe(
      'The NAV (iNAV) of 069500 is unavailable (not offered by this server). Live accounts refuse the order; paper only warns.',
    );
  });

  it('when a passing rule has a text for what it measured then the name is followed by it', () => {
    expect(describeCheck(pass('quantity', { quantity: 5 }), en)).toBe('Quantity 5 shares');
  });

  it('when a passing rule has no text, an empty one, or one left with a placeholder then only its name is shown', () => {
    expect(describeCheck(pass('allowList', { ticker: '069500' }), en)).toBe('Allowed tickers');
    expect(describeCheck(pass('holdings', { quantity: 5 }), en)).toBe('Sellable quantity');
    expect(describeCheck(pass('orderValue', { orderValue: 50_000 }), en)).toBe('Per-order limit');
    expect(describeCheck(pass('quantity'), en)).toBe('Quantity');
  });

  it('when a check is marked then pass, warning, deferred wait and failure each get their own mark', () => {
    const closed = fail('session', 'MARKET_CLOSED', { reason: 'BEFORE_OPEN', opensAt: '2026-03-10 08:30' });
    const window = fail('blackout', 'ORDER_BLACKOUT');
    const refused = fail('holdings', 'INSUFFICIENT_HOLDINGS');

    expect(checkMark(pass('quantity'), false)).toBe('✅');
    expect(checkMark(warn('navPremium', 'NAV_UNAVAILABLE'), true)).toBe('⚠️');
    expect([checkMark(closed, true), checkMark(window, true), checkMark(refused, true)]).toEqual([
      '⏸',
      '⏸',
      '❌',
    ]);
    expect([checkMark(closed, false), checkMark(window, false)]).toEqual(['❌', '❌']);
    expect(WAITING_CODES).toEqual(['MARKET_CLOSED', 'ORDER_BLACKOUT']);
  });
});

describe('risk texts: the verdict line', () => {
  it('when an order is allowed then only the outcome is shown', () => {
    expect(describeVerdict({ outcome: 'ALLOW', checks: [] }, en)).toBe('Allowed');
  });

  it('when an allowed order trips a breaker then the breaker follows the outcome', () => {
    expect(describeVerdict({ outcome: 'ALLOW', checks: [], breaker: 'NAV_FLOOR' }, en)).toBe(
      'Allowed — NAV below the floor: the desk must switch to REDUCING.',
    );
  });

  it('when an order is denied then the outcome and the reason are joined by a dash', () => {
    const verdict: GuardVerdict = {
      outcome: 'DENY',
      code: 'TICKER_NOT_ALLOWED',
      detail: { ticker: '005930' },
      checks: [],
    };

    expect(describeVerdict(verdict, riskKo)).toBe(
      `거부 — ${renderRiskText(riskKo.codes.TICKER_NOT_ALLOWED, { ticker: '005930' }, riskKo)}`,
    );
    expect(describeVerdict(verdict, en)).toBe('Denied — 005930 is not on the allowed ETF list.');
  });
});

describe('risk codes', () => {
  it.each([riskKo, riskEn])(
    'when the $locale catalog is read then it has a text for exactly every code, rule and data problem',
    (catalog) => {
      expect(Object.keys(catalog.codes).sort()).toEqual([...RISK_CODES].sort());
      expect(Object.keys(catalog.rules)).toEqual([...RISK_RULES]);
      expect(Object.keys(catalog.dataProblems).sort()).toEqual([...DATA_PROBLEMS].sort());
    },
  );

  it('when the lists are read then none has a blank or repeated entry', () => {
    for (const list of [RISK_CODES, RISK_RULES, DATA_PROBLEMS]) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list).size).toBe(list.length);
      expect(list.every((entry) => /^[A-Za-z_]+$/.test(entry))).toBe(true);
    }
  });
});
