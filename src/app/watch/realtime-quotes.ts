import type { Clock } from '../../domain/clock';
import { kstDate } from '../../domain/market';
import { tickSizeForEtf, type Krw } from '../../domain/money';
import type { Broker, Quote } from '../../domain/ports';

export interface LatestPrices {
  latestPrice(ticker: string, maxAgeMs: number): { price: Krw; at: Date } | null;
}

/**
 * The broker as the quote tool and the guard see it: when the watch holds a realtime price younger than
 * `maxAgeMs` that is newer than today's last REST quote, the quote is that REST quote with the realtime price
 * (band, name and halt flags stay REST's); otherwise REST is asked as before.
 */
export function withRealtimeQuotes<B extends Broker>(
  broker: B,
  latest: () => LatestPrices | null,
  clock: Clock,
  maxAgeMs: number,
): B {
  const lastRest = new Map<string, Quote>();
  const getQuote = async (ticker: string): Promise<Quote> => {
    const realtime = latest()?.latestPrice(ticker, maxAgeMs) ?? null;
    const rest = lastRest.get(ticker);
    const today = kstDate(clock.now());
    if (
      realtime &&
      rest &&
      kstDate(rest.asOf) === today &&
      realtime.at.getTime() > rest.asOf.getTime() &&
      realtime.price >= rest.lowerLimit &&
      realtime.price <= rest.upperLimit
    ) {
      return {
        ...rest,
        price: realtime.price,
        high: Math.max(rest.high, realtime.price),
        low: rest.low > 0 ? Math.min(rest.low, realtime.price) : realtime.price,
        changeFromPrevious: realtime.price - rest.basePrice,
        tickSize: tickSizeForEtf(realtime.price),
        asOf: realtime.at,
      };
    }
    const quote = await broker.getQuote(ticker);
    lastRest.set(ticker, quote);
    return quote;
  };
  return { ...broker, getQuote };
}
