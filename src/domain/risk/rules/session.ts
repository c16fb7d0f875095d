import type { OrderFacts } from '../facts';
import { formatKstMinute } from './blackout';
import { fail, pass, type RiskCheck } from '../verdict';

/** Would KRX accept this order type now? The guard turns a refusal with a known opening into DEFER. */
export function checkSession(facts: OrderFacts): RiskCheck {
  const { session } = facts;
  if (session.accepted) return pass('session', { orderType: facts.order.orderType });
  return fail('session', 'MARKET_CLOSED', {
    reason: session.reason,
    opensAt: session.opensAt === null ? '-' : formatKstMinute(session.opensAt),
  });
}
