import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { withRealtimeQuotes, type LatestPrices } from '../../../src/app/watch/realtime-quotes';
import { kstInstant } from '../../../src/domain/market';
import { FakeBroker } from '../../support/fake-broker';

const TICKER = '069500';
const NOW = kstInstant('2026-11-23', 10, 0);

function world(realtime: { price: number; at: Date } | null) {
  const clock = new FakeClock(NOW);
  const broker = new FakeBroker(clock);
  broker.prices.set(TICKER, 35_980);
  const asked: { ticker: string; maxAgeMs: number }[] = [];
  const latest: LatestPrices = {
    latestPrice: (ticker, maxAgeMs) => {
      asked.push({ ticker, maxAgeMs });
      return realtime;
    },
  };
  const quoting = withRealtimeQuotes(broker, () => latest, clock, 5_000);
  return { clock, broker, quoting, asked };
}

describe('withRealtimeQuotes (the quote tool and the guard)', () => {
  it('when the watch holds a realtime price newer than today’s REST quote then the quote carries it, with REST’s band and name', async () => {
    // Arrange: a REST quote at 10:00:00, a realtime print at 10:00:03
    const w = world({ price: 36_100, at: new Date(NOW.getTime() + 3_000) });
    const rest = await w.quoting.getQuote(TICKER);
    w.clock.advance(4_000);

    // Act
    const quote = await w.quoting.getQuote(TICKER);

    // Assert: one REST call only; the second quote is the realtime price, as of its print
    expect(w.broker.callsOf('getQuote')).toHaveLength(1);
    expect(quote).toEqual({
      ...rest,
      price: 36_100,
      high: 36_100,
      low: 35_980,
      changeFromPrevious: 120,
      tickSize: 5,
      asOf: new Date(NOW.getTime() + 3_000),
    });
    expect(w.asked.at(-1)).toEqual({ ticker: TICKER, maxAgeMs: 5_000 });
  });

  it('when there is no REST quote of today yet, or the realtime price is older than it, or outside its band, then REST is asked', async () => {
    // Arrange + Act: nothing from REST yet
    const first = world({ price: 36_100, at: NOW });
    await first.quoting.getQuote(TICKER);
    // realtime older than the REST quote
    const older = world({ price: 36_100, at: new Date(NOW.getTime() - 1) });
    await older.quoting.getQuote(TICKER);
    await older.quoting.getQuote(TICKER);
    // realtime beyond the upper limit of the REST quote's band
    const beyond = world({ price: 99_999, at: new Date(NOW.getTime() + 1_000) });
    await beyond.quoting.getQuote(TICKER);
    beyond.clock.advance(2_000);
    const quote = await beyond.quoting.getQuote(TICKER);

    // Assert
    expect(first.broker.callsOf('getQuote')).toHaveLength(1);
    expect(older.broker.callsOf('getQuote')).toHaveLength(2);
    expect(beyond.broker.callsOf('getQuote')).toHaveLength(2);
    expect(quote.price).toBe(35_980);
  });

  it('when the watch has no fresh price (closed market, stale, none) then every quote is REST', async () => {
    // Arrange
    const w = world(null);

    // Act
    await w.quoting.getQuote(TICKER);
    await w.quoting.getQuote(TICKER);

    // Assert
    expect(w.broker.callsOf('getQuote')).toHaveLength(2);
  });
});
