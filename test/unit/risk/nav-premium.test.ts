import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { describeCheck, describeVerdict } from '../../../src/domain/risk/describe';
import { riskEn } from '../../../src/i18n/en/risk';
import { riskKo } from '../../../src/i18n/ko/risk';
import { aBuy, aGuardInput, aNav, aQuote, aSell, TRADING_MORNING } from './builders';

const navCheck = (input: Parameters<typeof checkOrder>[0]) =>
  checkOrder(input).checks.find((c) => c.rule === 'navPremium')!;

describe('risk guard: NAV premium', () => {
  it('when a buy pays exactly the 0.5 % limit over NAV then it is allowed', () => {
    const verdict = checkOrder(
      aGuardInput({
        order: aBuy({ limitPrice: 10_050 }),
        quote: aQuote({ price: 10_050 }),
        nav: aNav({ nav: 10_000 }),
      }),
    );

    expect(verdict.outcome).toBe('ALLOW');
  });

  it('when a buy pays one tick more than the limit over NAV then it is denied with NAV_PREMIUM and the numbers', () => {
    const verdict = checkOrder(
      aGuardInput({
        order: aBuy({ limitPrice: 10_055 }),
        quote: aQuote({ price: 10_055 }),
        nav: aNav({ nav: 10_000 }),
      }),
    );

    expect(verdict).toMatchObject({
      outcome: 'DENY',
      code: 'NAV_PREMIUM',
      detail: { ticker: '069500', side: 'BUY', price: 10_055, nav: '10,000.00', premiumBp: 55, maxBp: 50 },
    });
  });

  it('when a sell receives more than the limit under NAV then it is denied with NAV_PREMIUM', () => {
    const verdict = checkOrder(
      aGuardInput({
        order: aSell({ limitPrice: 9_945 }),
        quote: aQuote({ price: 9_945 }),
        nav: aNav({ nav: 10_000 }),
      }),
    );

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'NAV_PREMIUM', detail: { premiumBp: -55 } });
  });

  it('when a buy is below NAV or a sell above it then the gap favours the desk and both are allowed', () => {
    const cheapBuy = checkOrder(
      aGuardInput({ order: aBuy({ limitPrice: 9_800 }), nav: aNav({ nav: 10_000 }) }),
    );
    const richSell = checkOrder(
      aGuardInput({ order: aSell({ limitPrice: 10_200 }), nav: aNav({ nav: 10_000 }) }),
    );

    expect(cheapBuy.outcome).toBe('ALLOW');
    expect(richSell.outcome).toBe('ALLOW');
  });

  it('when a market buy is checked then the quote price is compared with NAV', () => {
    const order = aBuy({ orderType: 'MARKET', limitPrice: undefined });

    const verdict = checkOrder(
      aGuardInput({ order, quote: aQuote({ price: 10_100 }), nav: aNav({ nav: 10_000 }) }),
    );

    expect(verdict).toMatchObject({
      outcome: 'DENY',
      code: 'NAV_PREMIUM',
      detail: { price: 10_100, premiumBp: 100 },
    });
  });

  it('when a marketable limit buy is set 2 % through the last price then the quote, not the cap, is compared with NAV', () => {
    const order = aBuy({ limitPrice: 10_200 });

    const nearNav = checkOrder(
      aGuardInput({ order, quote: aQuote({ price: 10_000 }), nav: aNav({ nav: 10_000 }) }),
    );
    const richQuote = checkOrder(
      aGuardInput({ order, quote: aQuote({ price: 10_100 }), nav: aNav({ nav: 10_000 }) }),
    );

    expect(nearNav.outcome).toBe('ALLOW');
    expect(richQuote).toMatchObject({ outcome: 'DENY', code: 'NAV_PREMIUM', detail: { price: 10_100 } });
  });

  it('when a passive limit buy sits below the quote then its own limit is compared with NAV', () => {
    const order = aBuy({ limitPrice: 10_040 });

    const verdict = checkOrder(
      aGuardInput({ order, quote: aQuote({ price: 10_100 }), nav: aNav({ nav: 10_000 }) }),
    );

    expect(verdict.outcome).toBe('ALLOW');
    expect(verdict.checks.find((c) => c.rule === 'navPremium')).toMatchObject({
      detail: { price: 10_040, premiumBp: 40 },
    });
  });

  it('when the limit is configured at 1 % then a 0.6 % premium passes', () => {
    const input = aGuardInput({
      order: aBuy({ limitPrice: 10_060 }),
      quote: aQuote({ price: 10_060 }),
      nav: aNav({ nav: 10_000 }),
    });

    const verdict = checkOrder({ ...input, limits: { ...input.limits, maxNavPremiumBp: 100 } });

    expect(verdict.outcome).toBe('ALLOW');
  });
});

describe('risk guard: missing NAV policy', () => {
  const paperMorning = kstInstant('2026-03-10', 10, 30);

  it('when a real account has no NAV then the buy is denied with NAV_UNAVAILABLE', () => {
    const verdict = checkOrder(aGuardInput({ nav: null, environment: 'real' }));

    expect(verdict).toMatchObject({
      outcome: 'DENY',
      code: 'NAV_UNAVAILABLE',
      detail: { problem: 'MISSING' },
    });
  });

  it('when a real account has no NAV then a sell is denied too (the guard fails closed)', () => {
    const verdict = checkOrder(aGuardInput({ nav: null, environment: 'real', order: aSell() }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'NAV_UNAVAILABLE' });
  });

  it('when a paper account cannot get NAV from the server then the order passes with a NAV_UNAVAILABLE warning', () => {
    const input = aGuardInput({
      now: paperMorning,
      environment: 'paper',
      nav: { supported: false, ticker: '069500', reason: 'real server only' },
    });

    const verdict = checkOrder(input);

    expect(verdict.outcome).toBe('ALLOW');
    expect(navCheck(input)).toMatchObject({
      ok: true,
      warning: 'NAV_UNAVAILABLE',
      detail: { problem: 'UNSUPPORTED' },
    });
  });

  it('when the NAV is older than the quote age limit then a real account denies with problem STALE', () => {
    const nav = aNav({ asOf: new Date(TRADING_MORNING.getTime() - 10_001) });

    const verdict = checkOrder(aGuardInput({ nav }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'NAV_UNAVAILABLE', detail: { problem: 'STALE' } });
  });

  it("when the NAV is another ticker's then a real account denies with problem WRONG_TICKER", () => {
    const verdict = checkOrder(aGuardInput({ nav: aNav({ ticker: '102110' }) }));

    expect(verdict).toMatchObject({
      outcome: 'DENY',
      code: 'NAV_UNAVAILABLE',
      detail: { problem: 'WRONG_TICKER' },
    });
  });
});

describe('risk guard: NAV premium on the card', () => {
  it('when a buy is denied for its premium then Korean and English texts show price, NAV, premium and limit', () => {
    const verdict = checkOrder(
      aGuardInput({
        order: aBuy({ limitPrice: 10_100 }),
        quote: aQuote({ price: 10_100 }),
        nav: aNav({ nav: 10_039.76 }),
      }),
    );

    expect(describeVerdict(verdict, riskKo)).toBe(
      '거부 — 069500 매수 가격 10,100원이(가) NAV 10,039.76원 대비 괴리율 0.6%로 한도 ±0.5%를 벗어납니다.',
    );
    expect(describeVerdict(verdict, riskEn)).toBe(
      'Denied — The 069500 buy price ₩10,100 is 0.6% from the NAV of ₩10,039.76, outside ±0.5%.',
    );
  });

  it('when the NAV rule passes then its line names the measured premium and the limit', () => {
    const check = navCheck(
      aGuardInput({ order: aBuy({ limitPrice: 10_000 }), nav: aNav({ nav: 10_012.34 }) }),
    );

    expect(describeCheck(check, riskKo)).toBe('NAV 괴리율 -0.12% (NAV 10,012.34원, 한도 ±0.5%)');
    expect(describeCheck(check, riskEn)).toBe('Premium to NAV -0.12% vs NAV ₩10,012.34 (limit ±0.5%)');
  });
});
