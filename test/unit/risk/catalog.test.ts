import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { describeVerdict, formatBasisPoints, renderRiskText } from '../../../src/domain/risk/describe';
import { riskEn } from '../../../src/i18n/en/risk';
import { riskKo } from '../../../src/i18n/ko/risk';
import { kstInstant } from '../../../src/domain/market';
import { aGuardInput } from './builders';
import { DENIAL_SCENARIOS } from './denial-scenarios';

/** The template with each `{key}` / `{key:format}` turned into "some text without braces". */
function templatePattern(template: string): RegExp {
  const literal = template.split(/\{\w+(?::\w+)?\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^{}]+')}$`);
}

describe('risk message catalogs', () => {
  for (const catalog of [riskKo, riskEn]) {
    it(`when every denial is rendered in ${catalog.locale} then no placeholder is left unfilled`, () => {
      for (const scenario of DENIAL_SCENARIOS) {
        const verdict = checkOrder(scenario.input);
        expect(verdict.outcome).not.toBe('ALLOW');
        if (verdict.outcome === 'ALLOW') continue;
        const template = catalog.codes[verdict.code];

        const text = renderRiskText(template, verdict.detail, catalog);

        // The template's own words stay, and every placeholder becomes a non-empty value without braces.
        expect(text).toMatch(templatePattern(template));
        expect(text).not.toMatch(/[{}]/);
      }
    });
  }

  it('when a max order value denial is rendered then Korean shows 원 and English shows ₩', () => {
    const scenario = DENIAL_SCENARIOS.find((s) => s.code === 'MAX_ORDER_VALUE')!;
    const verdict = checkOrder(scenario.input);

    expect(describeVerdict(verdict, riskKo)).toBe('거부 — 주문 금액 310,000원이(가) 1회 주문 한도 300,000원을(를) 넘습니다.');
    expect(describeVerdict(verdict, riskEn)).toBe(
      'Denied — The order value ₩310,000 exceeds the per-order limit of ₩300,000.',
    );
  });

  it('when a deferral is rendered then the reason and the KST opening time are shown', () => {
    const verdict = checkOrder(aGuardInput({ now: kstInstant('2026-03-10', 7, 0) }));

    expect(describeVerdict(verdict, riskKo)).toBe(
      '보류 — 지금은 이 주문을 접수할 수 없습니다(장 시작 전). 접수 가능 시각: 2026-03-10 08:30',
    );
  });

  it('when a breaker is reported then its text follows the outcome', () => {
    const scenario = DENIAL_SCENARIOS.find((s) => s.code === 'DAILY_LOSS_LIMIT')!;

    const text = describeVerdict(checkOrder(scenario.input), riskEn);

    expect(text).toContain('is 3.85% below the start-of-day ₩1,040,000');
    expect(text.endsWith('Daily loss limit reached: the desk must switch to REDUCING.')).toBe(true);
  });

  it('when a placeholder has no value then it stays visible', () => {
    expect(renderRiskText('{ticker} {missing:krw}', { ticker: '069500' }, riskKo)).toBe('069500 {missing:krw}');
  });

  it('when basis points are formatted then trailing zeros are dropped', () => {
    expect([300, 4_000, 125, 5, -50, 0].map(formatBasisPoints)).toEqual(['3%', '40%', '1.25%', '0.05%', '-0.5%', '0%']);
  });
});
