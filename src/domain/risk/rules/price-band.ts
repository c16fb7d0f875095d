import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** KRX rejects a limit outside today's ±30 % band; the quote carries the band's limits. */
export function checkPriceBand(facts: OrderFacts): RiskCheck {
  if (facts.order.orderType !== 'LIMIT') return pass('priceBand');
  const unmet = unmetNeed('priceBand', facts, ['price', 'quote']);
  if (unmet || facts.quote === null || facts.orderPrice === null) return unmet ?? pass('priceBand');
  const detail = {
    limitPrice: facts.orderPrice,
    lower: facts.quote.lowerLimit,
    upper: facts.quote.upperLimit,
  };
  return facts.orderPrice >= detail.lower && facts.orderPrice <= detail.upper
    ? pass('priceBand', detail)
    : fail('priceBand', 'PRICE_OUTSIDE_BAND', detail);
}
