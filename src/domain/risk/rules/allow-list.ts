import type { OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

export function checkAllowList(facts: OrderFacts): RiskCheck {
  const ticker = String(facts.order.ticker);
  return facts.limits.allowedTickers.includes(ticker)
    ? pass('allowList', { ticker })
    : fail('allowList', 'TICKER_NOT_ALLOWED', { ticker });
}
