import type { OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** A second open order on the same ticker and side is usually a double submit. */
export function checkDuplicateOpenOrder(facts: OrderFacts): RiskCheck {
  const { ticker, side } = facts.order;
  const open = facts.input.openOrders.find(
    (o) => o.ticker === ticker && o.side === side && o.remainingQuantity > 0,
  );
  return open === undefined
    ? pass('duplicateOpenOrder', { ticker, side })
    : fail('duplicateOpenOrder', 'DUPLICATE_OPEN_ORDER', {
        ticker,
        side,
        remainingQuantity: open.remainingQuantity,
      });
}
