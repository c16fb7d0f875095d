import { unmetNeed, type OrderFacts } from '../facts';
import { pass, type RiskCheck } from '../verdict';

/** No quote, a quote of another ticker, an old quote or a zero price: nothing priced from it can be trusted. */
export function checkPriceData(facts: OrderFacts): RiskCheck {
  const unmet = unmetNeed('priceData', facts, ['quote']);
  if (unmet || facts.quote === null) return unmet ?? pass('priceData');
  return pass('priceData', {
    ticker: facts.order.ticker,
    quotePrice: facts.quote.price,
    ageMs: facts.input.now.getTime() - facts.quote.asOf.getTime(),
  });
}
