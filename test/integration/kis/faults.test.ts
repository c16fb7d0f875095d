import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KisFatalError, KisRejectedError } from '../../../src/adapters/kis/http/errors';
import type { PlaceOrderRequest } from '../../../src/domain/ports';
import { kisKeyId, TokenCipher } from '../../../src/adapters/kis/token-cipher';
import { InMemoryTokenStore } from '../../../src/adapters/kis/token-store';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

let h: SimHarness;
beforeEach(async () => {
  h = await startSimHarness();
});
afterEach(async () => {
  await h.close();
});

const marketBuy = { ticker: ETF, side: 'BUY', quantity: 1, orderType: 'MARKET' } as const;

describe('reads under faults', () => {
  it('when every token expires mid-run then exactly one token is re-issued and every read succeeds', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    const first = await Promise.all(Array.from({ length: 10 }, () => broker.getQuote(ETF)));
    const issuedBefore = h.sim.control.stats().tokensIssued;
    // Act
    h.sim.control.expireTokens();
    const second = await Promise.all(Array.from({ length: 10 }, () => broker.getQuote(ETF)));
    // Assert
    expect(issuedBefore).toBe(1);
    expect(h.sim.control.stats().tokensIssued).toBe(2);
    expect([...first, ...second].every((q) => q.price > 0)).toBe(true);
  });

  it('when the simulator answers a burst of EGW00201 then reads succeed after backing off', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    await broker.getQuote(ETF);
    h.sim.control.injectFault({ kind: 'rateLimitBurst', count: 4 });
    // Act
    const quotes = await Promise.all([broker.getQuote(ETF), broker.getQuote(ETF)]);
    // Assert
    expect(quotes.every((q) => q.price > 0)).toBe(true);
    expect(h.sim.control.stats().rateLimited).toBe(4);
  });

  it('when the gateway answers an HTML 500 or is slow then the read is repeated and succeeds', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    h.sim.control.injectFault({ kind: 'http5xx', path: KIS_PATHS.balance, count: 2 });
    h.sim.control.injectFault({ kind: 'latency', ms: 2_500, path: KIS_PATHS.quote });
    // Act
    const balance = await broker.getBalance();
    const quote = await h.brokerFor('real', { requestTimeoutMs: 1_000 }).getQuote(ETF);
    // Assert
    expect(balance.cash).toBe(1_000_000);
    expect(h.sim.control.stats().byPath[KIS_PATHS.balance]).toBe(3);
    expect(quote.price).toBeGreaterThan(0);
  });

  it('when the app key is wrong then the first call fails as fatal and the secret is not in the message', async () => {
    // Arrange
    const broker = h.brokerFor('paper', { appKey: 'PSWRONGKEY-000000000000000000000000' });
    // Act
    const error = (await broker.getQuote(ETF).catch((e: unknown) => e)) as Error;
    // Assert
    expect(error).toBeInstanceOf(KisFatalError);
    expect(error).toMatchObject({ code: 'EGW00103' });
    expect(error.message).not.toContain(h.account('paper').appSecret);
  });

  it("when the account number is not the key's own then the inquiry is rejected with OPSQ2000", async () => {
    // Arrange
    const broker = h.brokerFor('paper', { account: '99999999-01' });
    // Act
    const error = await broker.getBalance().catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(KisRejectedError);
    expect(error).toMatchObject({ code: 'OPSQ2000' });
  });

  it('when the simulator refuses a second issuance within the interval then the other client waits and gets the token', async () => {
    // Arrange: two clients that do not share a token store
    const one = h.brokerFor('real');
    const two = h.brokerFor('real');
    await one.getQuote(ETF);
    // Act
    const quote = await two.getQuote(ETF);
    // Assert
    expect(quote.price).toBeGreaterThan(0);
    expect(h.sim.control.stats().byPath['/oauth2/tokenP']).toBe(3);
    expect(h.sim.control.stats().tokensIssued).toBe(1);
  });
});

describe('orders under faults', () => {
  it('when the simulator accepts the order and drops the answer then the result is unknown after exactly one POST', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    h.sim.control.injectFault({ kind: 'acceptThenDrop' });
    // Act
    const result = await broker.placeOrder(marketBuy);
    // Assert
    expect(result).toMatchObject({ status: 'unknown', reason: 'CONNECTION_LOST' });
    const received = h.sim.control.receivedOrders();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ responseDropped: true, kind: 'order' });
    expect(h.sim.control.stats().byPath[KIS_PATHS.orderCash]).toBe(1);
    const found = await broker.findOrder('2026-03-10', received[0]!.odno);
    expect(found?.brokerOrderId).toBe(received[0]!.odno);
  });

  it('when the connection drops before the order reaches the engine then the result is still unknown and nothing was booked', async () => {
    // Arrange
    const broker = h.brokerFor('paper');
    h.sim.control.injectFault({ kind: 'dropBeforeReceive' });
    // Act
    const result = await broker.placeOrder(marketBuy);
    // Assert
    expect(result.status).toBe('unknown');
    expect(h.sim.control.receivedOrders()).toHaveLength(0);
    expect(h.sim.control.stats().byPath[KIS_PATHS.orderCash]).toBe(1);
  });

  it('when order-cash answers an HTML 500 then the result is unknown and the POST is not repeated', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    h.sim.control.injectFault({ kind: 'http5xx', path: KIS_PATHS.orderCash });
    // Act
    const result = await broker.placeOrder(marketBuy);
    // Assert
    expect(result).toMatchObject({ status: 'unknown', reason: 'HTTP_500' });
    expect(h.sim.control.stats().byPath[KIS_PATHS.orderCash]).toBe(1);
  });

  it('when the answer is slower than the order timeout then the result is unknown and the engine got it once', async () => {
    // Arrange
    const broker = h.brokerFor('real', { orderTimeoutMs: 300 });
    h.sim.control.injectFault({ kind: 'latency', ms: 800, path: KIS_PATHS.orderCash });
    // Act
    const result = await broker.placeOrder(marketBuy);
    await new Promise((r) => setTimeout(r, 900));
    // Assert
    expect(result).toMatchObject({ status: 'unknown', reason: 'TIMEOUT' });
    expect(h.sim.control.receivedOrders()).toHaveLength(1);
  });

  it('when EGW00201 hits an order then it is rejected with that code and never repeated', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    await broker.getQuote(ETF);
    h.sim.control.injectFault({ kind: 'rateLimitBurst', count: 1 });
    // Act
    const result = await broker.placeOrder(marketBuy);
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: 'EGW00201' });
    expect(h.sim.control.receivedOrders()).toHaveLength(0);
    expect(h.sim.control.stats().byPath[KIS_PATHS.orderCash]).toBe(1);
  });

  it('when the cash does not cover the order then it is rejected with APBK0952', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    const quote = await broker.getQuote(ETF);
    // Act
    const result = await broker.placeOrder({
      ticker: ETF,
      side: 'BUY',
      quantity: 1_000,
      orderType: 'LIMIT',
      limitPrice: quote.price,
    });
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: 'APBK0952' });
  });

  it('when a paper order comes after the close then it is rejected with 40580000', async () => {
    // Arrange
    const broker = h.brokerFor('paper');
    h.clock.advance(8 * 60 * 60_000);
    // Act
    const result = await broker.placeOrder(marketBuy);
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: '40580000' });
  });

  it.each([
    [
      'a sell of shares not held',
      (price: number): Omit<PlaceOrderRequest, 'ticker'> => ({
        side: 'SELL',
        orderType: 'LIMIT',
        limitPrice: price,
        quantity: 1,
      }),
      'APBK0400',
    ],
    [
      'a limit off the tick grid',
      (price: number): Omit<PlaceOrderRequest, 'ticker'> => ({
        side: 'BUY',
        orderType: 'LIMIT',
        limitPrice: price + 1,
        quantity: 1,
      }),
      'APBK0918',
    ],
    [
      'a limit above the band',
      (price: number): Omit<PlaceOrderRequest, 'ticker'> => ({
        side: 'BUY',
        orderType: 'LIMIT',
        limitPrice: price * 2,
        quantity: 1,
      }),
      'APBK0918',
    ],
  ] as const)('when the order is %s then KIS rejects it with %s', async (_name, make, code) => {
    // Arrange
    const broker = h.brokerFor('real');
    const quote = await broker.getQuote(ETF);
    // Act
    const result = await broker.placeOrder({ ticker: ETF, ...make(quote.price) });
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code });
  });

  it('when the ticker is unknown then the quote says so and an order is rejected with APBK0656', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    // Act
    const quote = await broker.getQuote('999999').catch((e: unknown) => e);
    const order = await broker.placeOrder({
      ticker: '999999',
      side: 'BUY',
      quantity: 1,
      orderType: 'MARKET',
    });
    // Assert
    expect(quote).toMatchObject({ code: 'UNKNOWN_TICKER' });
    expect(order).toMatchObject({ status: 'rejected', code: 'APBK0656' });
  });

  it('when a real order comes outside the session then it is rejected with APBK0918', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    h.clock.advance(10 * 60 * 60_000);
    // Act
    const result = await broker.placeOrder(marketBuy);
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: 'APBK0918' });
  });

  it('when an unknown order is cancelled then it is rejected with APBK1663', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    // Act
    const result = await broker.cancelOrder({ brokerOrderId: '0000099999', orgNo: '06010' });
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: 'APBK1663' });
  });
});

describe('tokens and sessions refused by the simulator', () => {
  it('when the cached token was revoked then EGW00121 makes the client re-issue once and the read succeeds', async () => {
    // Arrange
    const a = h.account('real');
    const tokenStore = new InMemoryTokenStore();
    const broker = h.brokerFor('real', {}, { tokenStore });
    await broker.getQuote(ETF);
    const stored = await tokenStore.get(kisKeyId('real', a.appKey));
    const token = new TokenCipher(a.appSecret, kisKeyId('real', a.appKey)).decrypt(stored!.ciphertext)!;
    const revoked = await fetch(`${h.sim.urls.real.rest}/oauth2/revokeP`, {
      method: 'POST',
      body: JSON.stringify({ appkey: a.appKey, appsecret: a.appSecret, token }),
    });
    // Act
    const quote = await broker.getQuote(ETF);
    // Assert
    expect(revoked.status).toBe(200);
    expect(quote.price).toBeGreaterThan(0);
    expect(h.sim.control.stats().tokensIssued).toBe(2);
  });

  it('when a second session of the same app key subscribes then it is refused with OPSP8996', async () => {
    // Arrange
    const tokenStore = new InMemoryTokenStore();
    await h.brokerFor('paper', {}, { tokenStore }).subscribeFills(() => undefined);
    // Act
    const error = await h
      .brokerFor('paper', {}, { tokenStore })
      .subscribeFills(() => undefined)
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'OPSP8996', retry: 'safe' });
  });
});
