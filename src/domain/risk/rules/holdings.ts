import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** No short selling: a sell fits the broker's orderable (sellable) quantity. */
export function checkHoldings(facts: OrderFacts): RiskCheck {
  if (facts.order.side !== 'SELL') return pass('holdings');
  const unmet = unmetNeed('holdings', facts, ['quantity', 'account']);
  if (unmet) return unmet;
  const detail = {
    ticker: facts.order.ticker,
    quantity: facts.order.quantity,
    orderableQuantity: facts.orderableQuantity,
  };
  return facts.order.quantity <= facts.orderableQuantity
    ? pass('holdings', detail)
    : fail('holdings', 'INSUFFICIENT_HOLDINGS', detail);
}
