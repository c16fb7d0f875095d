import { basisPoints, mulDivFloor } from '../../money';
import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/**
 * After a buy, the whole position — valued at the higher of the order price and the quote, so a limit
 * above the market cannot sneak past — stays within the weight limit of NAV.
 */
export function checkPositionWeight(facts: OrderFacts): RiskCheck {
  if (facts.order.side !== 'BUY') return pass('positionWeight');
  const unmet = unmetNeed('positionWeight', facts, ['quantity', 'price', 'quote', 'account']);
  if (unmet || facts.quote === null || facts.orderPrice === null || facts.equity === null) {
    return unmet ?? pass('positionWeight');
  }
  const price = Math.max(facts.orderPrice, facts.quote.price);
  const postTradeValue = (facts.heldQuantity + facts.order.quantity) * price;
  const maxBp = facts.limits.maxPositionWeightBp;
  const detail = {
    ticker: facts.order.ticker,
    postTradeValue,
    equity: facts.equity,
    weightBp: facts.equity > 0 ? basisPoints(postTradeValue, facts.equity) : 10_000,
    maxBp,
  };
  const allowed = facts.equity > 0 && postTradeValue <= mulDivFloor(facts.equity, maxBp, 10_000);
  return allowed ? pass('positionWeight', detail) : fail('positionWeight', 'MAX_POSITION_WEIGHT', detail);
}
