import type { OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** KRX trades whole ETF units, at least one. */
export function checkQuantity(facts: OrderFacts): RiskCheck {
  const detail = { quantity: String(facts.order.quantity) };
  return facts.quantityValid ? pass('quantity', detail) : fail('quantity', 'INVALID_QUANTITY', detail);
}
