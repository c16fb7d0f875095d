import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FillNotice, TradeTick } from '../../../src/domain/ports';
import { ETF, type SimHarness, startSimHarness, until } from './support/sim-harness';

let h: SimHarness;
beforeEach(async () => {
  h = await startSimHarness({ pingIntervalMs: 100 });
});
afterEach(async () => {
  await h.close();
});

describe.each(['real', 'paper'] as const)('realtime at the simulator (%s)', (environment) => {
  it('when a market order fills then the receipt and the fill arrive decrypted as typed notices', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    const notices: FillNotice[] = [];
    await broker.subscribeFills((n) => notices.push(n));
    // Act
    const placed = await broker.placeOrder({ ticker: ETF, side: 'BUY', quantity: 2, orderType: 'MARKET' });
    h.clock.advance(60_000);
    await until(() => notices.some((n) => n.kind === 'fill'), 'a fill notice');
    // Assert
    if (placed.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(placed)}`);
    const mine = notices.filter((n) => n.brokerOrderId === placed.brokerOrderId);
    expect(mine[0]).toMatchObject({ kind: 'receipt', ticker: ETF, side: 'BUY', quantity: 2 });
    const fills = mine.filter((n) => n.kind === 'fill');
    expect(fills.reduce((sum, f) => sum + f.quantity, 0)).toBe(2);
    expect(fills.every((f) => f.price > 0 && Number.isInteger(f.price))).toBe(true);
  });

  it('when only part of an order fills then the notices carry that part', async () => {
    // Arrange
    const broker = h.brokerFor(environment);
    const notices: FillNotice[] = [];
    await broker.subscribeFills((n) => notices.push(n));
    h.sim.control.injectFault({ kind: 'partialFill', ratio: 0.5 });
    // Act
    await broker.placeOrder({ ticker: ETF, side: 'BUY', quantity: 4, orderType: 'MARKET' });
    h.clock.advance(60_000);
    await until(() => notices.some((n) => n.kind === 'fill'), 'a fill notice');
    await new Promise((r) => setTimeout(r, 300));
    // Assert
    const filled = notices.filter((n) => n.kind === 'fill').reduce((sum, f) => sum + f.quantity, 0);
    expect(filled).toBe(2);
  });
});

describe('realtime session upkeep', () => {
  it('when PINGPONG comes every 100 ms then the one session stays up and keeps delivering', async () => {
    // Arrange
    let sockets = 0;
    const broker = h.brokerFor(
      'real',
      {},
      {
        createSocket: (url) => {
          sockets += 1;
          return new WebSocket(url);
        },
      },
    );
    const notices: FillNotice[] = [];
    await broker.subscribeFills((n) => notices.push(n));
    // Act
    await new Promise((r) => setTimeout(r, 500));
    await broker.placeOrder({ ticker: ETF, side: 'BUY', quantity: 1, orderType: 'MARKET' });
    h.clock.advance(60_000);
    // Assert
    await until(() => notices.some((n) => n.kind === 'fill'), 'a fill after several PINGPONGs');
    expect(sockets).toBe(1);
  });

  it('when trades are subscribed during the session then ticks arrive for that ticker', async () => {
    // Arrange
    const broker = h.brokerFor('real');
    const ticks: TradeTick[] = [];
    await broker.subscribeTrades([ETF], (t) => ticks.push(t));
    // Act
    for (let i = 0; i < 10 && ticks.length === 0; i++) {
      h.clock.advance(30_000);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Assert
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => t.ticker === ETF && t.price > 0)).toBe(true);
  });
});
