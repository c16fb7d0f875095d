import { basisPoints, mulDivFloor } from '../../money';
import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** A limit far from the market is almost always a typo (an extra digit, the wrong ticker's price). */
export function checkQuoteDistance(facts: OrderFacts): RiskCheck {
  if (facts.order.orderType !== 'LIMIT') return pass('quoteDistance');
  const unmet = unmetNeed('quoteDistance', facts, ['price', 'quote']);
  if (unmet || facts.quote === null || facts.orderPrice === null) return unmet ?? pass('quoteDistance');
  const quotePrice = facts.quote.price;
  const distance = Math.abs(facts.orderPrice - quotePrice);
  const maxBp = facts.limits.maxQuoteDistanceBp;
  const detail = {
    limitPrice: facts.orderPrice,
    quotePrice,
    distanceBp: basisPoints(distance, quotePrice),
    maxBp,
  };
  return distance <= mulDivFloor(quotePrice, maxBp, 10_000)
    ? pass('quoteDistance', detail)
    : fail('quoteDistance', 'PRICE_TOO_FAR_FROM_QUOTE', detail);
}
