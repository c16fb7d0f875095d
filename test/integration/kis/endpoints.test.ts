import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

let h: SimHarness;
beforeEach(async () => {
  h = await startSimHarness();
});
afterEach(async () => {
  await h.close();
});

const calls = (path: string) => h.sim.control.stats().byPath[path] ?? 0;

describe.each(['real', 'paper'] as const)('the KIS client against the simulator (%s)', (environment) => {
  it('when a quote is asked then it is the price the simulator is showing, with a band around the base', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    // Act
    const quote = await broker.getQuote(ETF);
    // Assert
    expect(quote.ticker).toBe(ETF);
    expect(quote.price).toBe(h.sim.control.currentPrice(ETF));
    expect(quote.lowerLimit).toBeLessThan(quote.basePrice);
    expect(quote.upperLimit).toBeGreaterThan(quote.basePrice);
    expect(quote.tickSize).toBe(5);
  });

  it('when two years of bars are asked then the chart is paged back by date and comes ascending without repeats', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    // Act
    const bars = await broker.getDailyBars(ETF, '2024-01-02', '2026-03-09');
    // Assert
    expect(calls(KIS_PATHS.dailyChart)).toBeGreaterThanOrEqual(6);
    expect(bars.length).toBeGreaterThan(500);
    expect(bars[0]!.date >= '2024-01-02').toBe(true);
    expect(bars.at(-1)!.date).toBe('2026-03-09');
    expect(bars.every((b, i) => i === 0 || b.date > bars[i - 1]!.date)).toBe(true);
    expect(bars.every((b) => b.low <= b.close && b.close <= b.high && Number.isInteger(b.close))).toBe(true);
  });

  it('when the balance and buying power are asked then the starting cash shows in both', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    // Act
    const balance = await broker.getBalance();
    const power = await broker.getBuyingPower(ETF);
    // Assert
    expect(balance.cash).toBe(1_000_000);
    expect(balance.positions).toEqual([]);
    expect(power.orderableCash).toBe(1_000_000);
    expect(power.maxQuantity).toBeGreaterThan(0);
    expect(power.maxQuantity * power.price).toBeLessThanOrEqual(1_000_000);
  });

  it('when a limit buy below the market is placed and cancelled then both are accepted and the inquiry shows it', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    const quote = await broker.getQuote(ETF);
    const limitPrice = quote.price - 20 * quote.tickSize;
    // Act
    const placed = await broker.placeOrder({
      ticker: ETF,
      side: 'BUY',
      quantity: 2,
      orderType: 'LIMIT',
      limitPrice,
    });
    if (placed.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(placed)}`);
    const cancelled = await broker.cancelOrder({ brokerOrderId: placed.brokerOrderId, orgNo: placed.orgNo });
    const orders = await broker.listOrders('2026-03-10', '2026-03-10');
    // Assert
    expect(cancelled.status).toBe('accepted');
    const original = orders.find((o) => o.brokerOrderId === placed.brokerOrderId);
    expect(original).toMatchObject({
      ticker: ETF,
      side: 'BUY',
      quantity: 2,
      price: limitPrice,
      filledQuantity: 0,
    });
    expect(h.sim.control.receivedOrders().map((o) => o.kind)).toEqual(['order', 'cancel']);
  });

  it('when a market buy fills then the balance holds the position and the inquiry the fill', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    // Act
    const placed = await broker.placeOrder({ ticker: ETF, side: 'BUY', quantity: 3, orderType: 'MARKET' });
    h.clock.advance(60_000);
    const balance = await broker.getBalance();
    const orders = await broker.listOrders('2026-03-10', '2026-03-10');
    // Assert
    expect(placed.status).toBe('accepted');
    expect(balance.positions).toMatchObject([{ ticker: ETF, quantity: 3 }]);
    expect(balance.cashD2).toBeLessThan(1_000_000);
    expect(orders).toMatchObject([{ ticker: ETF, filledQuantity: 3, remainingQuantity: 0 }]);
  });

  it('when more orders exist than fit a page then listOrders reads every page', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    h.sim.control.setCash(h.account(environment).cano, 10_000_000);
    const quote = await broker.getQuote(ETF);
    const count = environment === 'paper' ? 17 : 3;
    for (let i = 0; i < count; i++) {
      await broker.placeOrder({
        ticker: ETF,
        side: 'BUY',
        quantity: 1,
        orderType: 'LIMIT',
        limitPrice: quote.price - (10 + i) * 5,
      });
    }
    // Act
    const orders = await broker.listOrders('2026-03-10', '2026-03-10');
    // Assert
    expect(orders).toHaveLength(count);
    expect(new Set(orders.map((o) => o.brokerOrderId)).size).toBe(count);
    if (environment === 'paper') expect(calls(KIS_PATHS.dailyOrders)).toBeGreaterThanOrEqual(2);
  });
});

describe('ETF NAV', () => {
  it('when real then the NAV comes from the ETF price TR', async () => {
    // Act
    const nav = await h.brokerFor('real').getEtfNav(ETF);
    // Assert
    expect(nav.supported).toBe(true);
    if (nav.supported) expect(nav.nav).toBeGreaterThan(0);
  });

  it('when paper then it is unsupported and the simulator never saw the call', async () => {
    // Act
    const nav = await h.brokerFor('paper').getEtfNav(ETF);
    // Assert
    expect(nav.supported).toBe(false);
    expect(calls(KIS_PATHS.etfPrice)).toBe(0);
  });
});
