import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

export function navFloorBreached(facts: OrderFacts): boolean {
  return facts.equity !== null && facts.equity < facts.limits.navFloor;
}

/** Below the NAV floor the account only shrinks its exposure; the caller trips the breaker. */
export function checkNavFloor(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('navFloor', facts, ['account']);
  if (unmet || facts.equity === null) return unmet ?? pass('navFloor');
  const detail = { equity: facts.equity, navFloor: facts.limits.navFloor };
  return facts.order.side === 'BUY' && navFloorBreached(facts)
    ? fail('navFloor', 'NAV_FLOOR', detail)
    : pass('navFloor', detail);
}
