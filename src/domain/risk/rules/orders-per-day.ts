import type { OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

export function checkOrdersPerDay(facts: OrderFacts): RiskCheck {
  const ordersToday = facts.input.ordersToday;
  const maxOrdersPerDay = facts.limits.maxOrdersPerDay;
  const detail = { ordersToday: String(ordersToday), maxOrdersPerDay };
  const counted = Number.isSafeInteger(ordersToday) && ordersToday >= 0;
  return counted && ordersToday < maxOrdersPerDay
    ? pass('ordersPerDay', detail)
    : fail('ordersPerDay', 'MAX_ORDERS_PER_DAY', detail);
}
