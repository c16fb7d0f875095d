import { marketNeedsQuote, unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/**
 * A buy must fit the broker's orderable amount (the lower of nrcvb_buy_amt and ord_psbl_cash), not the
 * deposit. Market buys are provisioned at the upper limit price, as KIS does.
 */
export function checkBuyingPower(facts: OrderFacts): RiskCheck {
  if (facts.order.side !== 'BUY') return pass('buyingPower');
  const unmet = unmetNeed(
    'buyingPower',
    facts,
    marketNeedsQuote(facts, ['quantity', 'price', 'buyingPower']),
  );
  if (unmet || facts.buyingPower === null || facts.cashRequired === null) return unmet ?? pass('buyingPower');
  const available = Math.min(facts.buyingPower.maxAmount, facts.buyingPower.orderableCash);
  const detail = { required: facts.cashRequired, available };
  return facts.cashRequired <= available
    ? pass('buyingPower', detail)
    : fail('buyingPower', 'INSUFFICIENT_BUYING_POWER', detail);
}
