import { mulDivFloor } from '../../money';
import { marketNeedsQuote, unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** No single buy spends more than a fixed share of the cash. */
export function checkFatFinger(facts: OrderFacts): RiskCheck {
  if (facts.order.side !== 'BUY') return pass('fatFinger');
  const unmet = unmetNeed('fatFinger', facts, marketNeedsQuote(facts, ['quantity', 'price', 'account']));
  if (unmet || facts.account === null || facts.orderValue === null) return unmet ?? pass('fatFinger');
  const maxBp = facts.limits.fatFingerCashBp;
  const limit = mulDivFloor(facts.account.cash, maxBp, 10_000);
  const detail = { orderValue: facts.orderValue, cash: facts.account.cash, maxBp, limit };
  return facts.orderValue <= limit ? pass('fatFinger', detail) : fail('fatFinger', 'FAT_FINGER', detail);
}
