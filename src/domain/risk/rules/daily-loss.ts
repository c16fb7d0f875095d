import { basisPoints, mulDivFloor } from '../../money';
import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** True when equity (open P&L included) has fallen to start-of-day NAV × (1 − limit). */
export function dailyLossBreached(facts: OrderFacts): boolean {
  const start = facts.account?.startOfDayNav;
  if (facts.equity === null || start === undefined || !Number.isSafeInteger(start) || start <= 0)
    return false;
  return facts.equity <= mulDivFloor(start, 10_000 - facts.limits.dailyLossLimitBp, 10_000);
}

/** Past the daily loss limit only risk-reducing orders go through; the caller trips the breaker. */
export function checkDailyLoss(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('dailyLoss', facts, ['account']);
  if (unmet || facts.account === null || facts.equity === null) return unmet ?? pass('dailyLoss');
  const start = facts.account.startOfDayNav;
  const isBuy = facts.order.side === 'BUY';
  if (!Number.isSafeInteger(start) || start <= 0) {
    return isBuy
      ? fail('dailyLoss', 'ACCOUNT_STATE_UNKNOWN', { problem: 'NO_START_OF_DAY_NAV' })
      : pass('dailyLoss');
  }
  const detail = {
    equity: facts.equity,
    startOfDayNav: start,
    lossBp: basisPoints(start - facts.equity, start),
    maxLossBp: facts.limits.dailyLossLimitBp,
  };
  return isBuy && dailyLossBreached(facts)
    ? fail('dailyLoss', 'DAILY_LOSS_LIMIT', detail)
    : pass('dailyLoss', detail);
}
