import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, warn, type RiskCheck } from '../verdict';

/** 1023456 → "10,234.56": NAV is shown as KIS reports it, to the hundredth of a won. */
export function formatNavHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 100).toLocaleString('en-US');
  return `${whole}.${String(hundredths % 100).padStart(2, '0')}`;
}

function roundedBp(part: bigint, whole: bigint): number {
  const doubled = (part < 0n ? -part : part) * 20_000n;
  const rounded = (doubled + whole) / (2n * whole);
  return Number(part < 0n ? -rounded : rounded);
}

/**
 * An ETF bought above its NAV (or sold below it) loses the gap at once: thin market makers at the open or a
 * stressed bond ETF can quote 1–2 % away from what the basket is worth. A buy may pay at most
 * `maxNavPremiumBp` over NAV, a sell may receive at most that much under it, measured at the price the order
 * is expected to trade at (a marketable limit, like the cycle's limits set through the last close, trades at
 * the market; the limit only caps it).
 *
 * Missing NAV (KIS offers it on the real server only; a failed or stale read) is refused in the real
 * environment and only warned about in paper, where the paper server cannot tell.
 */
export function checkNavPremium(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('navPremium', facts, ['price', 'quote']);
  if (unmet || facts.orderPrice === null || facts.quote === null) return unmet ?? pass('navPremium');
  const { order, limits } = facts;
  if (facts.navHundredths === null) {
    const detail = { ticker: order.ticker, problem: facts.navProblem ?? 'MISSING' };
    return facts.input.environment === 'real'
      ? fail('navPremium', 'NAV_UNAVAILABLE', detail)
      : warn('navPremium', 'NAV_UNAVAILABLE', detail);
  }
  const price = expectedPrice(order.side, facts.orderPrice, facts.quote.price);
  const nav = facts.navHundredths;
  const gap = BigInt(price) * 100n - BigInt(nav);
  const maxBp = limits.maxNavPremiumBp;
  const limit = BigInt(maxBp) * BigInt(nav);
  const detail = {
    ticker: order.ticker,
    side: order.side,
    price,
    nav: formatNavHundredths(nav),
    // Shown rounded; the decision below is exact.
    premiumBp: roundedBp(gap, BigInt(nav)),
    maxBp,
  };
  // Exact integer comparison: |gap| / nav > maxBp / 10,000 on the side that loses.
  const tooRich = order.side === 'BUY' && gap * 10_000n > limit;
  const tooCheap = order.side === 'SELL' && -gap * 10_000n > limit;
  return tooRich || tooCheap ? fail('navPremium', 'NAV_PREMIUM', detail) : pass('navPremium', detail);
}

/**
 * What the order is expected to trade at: a marketable limit (a buy above the market, a sell below it) trades at
 * the market, so the quote; a passive one at most at its limit. A market order's price is the quote.
 */
function expectedPrice(side: 'BUY' | 'SELL', orderPrice: number, quotePrice: number): number {
  return side === 'BUY' ? Math.min(orderPrice, quotePrice) : Math.max(orderPrice, quotePrice);
}
