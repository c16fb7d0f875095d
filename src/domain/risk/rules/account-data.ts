import { unmetNeed, type OrderFacts } from '../facts';
import { pass, type RiskCheck } from '../verdict';

/** Every order needs a fresh balance; a buy also needs the broker's fresh orderable amount. */
export function checkAccountData(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed(
    'accountData',
    facts,
    facts.order.side === 'BUY' ? ['account', 'buyingPower'] : ['account'],
  );
  if (unmet || facts.account === null) return unmet ?? pass('accountData');
  return pass('accountData', { ageMs: facts.input.now.getTime() - facts.account.asOf.getTime() });
}
