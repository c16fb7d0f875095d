import type { KstDate } from '../../domain/market';
import type { Broker } from '../../domain/ports';
import type { ClosePrices } from './scorecard';

/** Daily closes from the broker's daily chart (KIS inquire-daily-itemchartprice, or the simulator's). */
export function brokerClosePrices(broker: Pick<Broker, 'getDailyBars'>): ClosePrices {
  return {
    async closes(ticker: string, from: KstDate, to: KstDate) {
      const bars = await broker.getDailyBars(ticker, from, to);
      return new Map(bars.filter((b) => b.date >= from && b.date <= to).map((b) => [b.date, b.close]));
    },
  };
}
