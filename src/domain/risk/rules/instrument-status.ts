import { unmetNeed, type OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** KRX refuses orders for a suspended instrument; asking anyway only earns a rejection. */
export function checkInstrumentStatus(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('instrumentStatus', facts, ['quote']);
  if (unmet || facts.quote === null) return unmet ?? pass('instrumentStatus');
  const detail = { ticker: facts.order.ticker };
  return facts.quote.halted
    ? fail('instrumentStatus', 'INSTRUMENT_HALTED', detail)
    : pass('instrumentStatus', detail);
}
