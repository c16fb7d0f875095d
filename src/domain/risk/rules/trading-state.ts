import type { OrderFacts } from '../facts';
import { unmetNeed } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** HALTED allows nothing new; REDUCING allows only sells of something we hold. Unknown states count as HALTED. */
export function checkTradingState(facts: OrderFacts): RiskCheck {
  const state = facts.input.tradingState;
  const detail = { state, side: facts.order.side, ticker: facts.order.ticker };
  if (state === 'ACTIVE') return pass('tradingState', detail);
  if (state !== 'REDUCING') return fail('tradingState', 'TRADING_HALTED', detail);
  if (facts.order.side !== 'SELL') return fail('tradingState', 'TRADING_REDUCING', detail);
  const unmet = unmetNeed('tradingState', facts, ['account']);
  if (unmet) return unmet;
  if (facts.heldQuantity <= 0) return fail('tradingState', 'TRADING_REDUCING', detail);
  return pass('tradingState', detail);
}
