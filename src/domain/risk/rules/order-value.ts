import { marketNeedsQuote, unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** Quantity × limit price, or × the quote price for a market order. Applies to both sides. */
export function checkOrderValue(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('orderValue', facts, marketNeedsQuote(facts, ['quantity', 'price']));
  if (unmet || facts.orderValue === null) return unmet ?? pass('orderValue');
  const detail = { orderValue: facts.orderValue, maxOrderValue: facts.limits.maxOrderValue };
  return facts.orderValue <= facts.limits.maxOrderValue
    ? pass('orderValue', detail)
    : fail('orderValue', 'MAX_ORDER_VALUE', detail);
}
