import { ceilToTick, floorToTick, isOnTick, tickSizeForEtf } from '../../money';
import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** A limit price must be a positive integer on the ETF tick grid; a market order carries no price. */
export function checkPriceTick(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('priceTick', facts, ['price']);
  if (unmet) return unmet;
  const { order } = facts;
  if (order.orderType !== 'LIMIT' || order.limitPrice === undefined)
    return pass('priceTick', { orderType: order.orderType });
  const limitPrice = order.limitPrice;
  const detail = {
    limitPrice,
    tick: tickSizeForEtf(limitPrice),
    below: floorToTick(limitPrice, 'ETF'),
    above: ceilToTick(limitPrice, 'ETF'),
  };
  return isOnTick(limitPrice, 'ETF')
    ? pass('priceTick', detail)
    : fail('priceTick', 'PRICE_OFF_TICK', detail);
}
