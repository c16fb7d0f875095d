import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIVE_ENDPOINTS } from '../../../src/adapters/kis/urls';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

let h: SimHarness;
beforeEach(async () => {
  h = await startSimHarness();
});
afterEach(async () => {
  await h.close();
});

interface Outgoing {
  url: string;
  trId: string | undefined;
}

describe('paper never touches live', () => {
  it('when a paper client uses every method then no live host and no T/C/J TR id leaves the process', async () => {
    // Arrange
    const outgoing: Outgoing[] = [];
    const broker = h.brokerFor(
      'paper',
      {},
      {
        fetch: (url, init) => {
          outgoing.push({ url, trId: (init.headers as Record<string, string>)['tr_id'] });
          return fetch(url, init);
        },
        createSocket: (url) => {
          outgoing.push({ url, trId: undefined });
          const socket = new WebSocket(url);
          const send = socket.send.bind(socket);
          socket.send = ((data: string) => {
            const trId = (JSON.parse(data) as { body?: { input?: { tr_id?: string } } }).body?.input?.tr_id;
            outgoing.push({ url, trId });
            send(data);
          }) as typeof socket.send;
          return socket;
        },
      },
    );
    // Act
    const quote = await broker.getQuote(ETF);
    await broker.getDailyBars(ETF, '2025-06-02', '2026-03-09');
    await broker.getEtfNav(ETF);
    await broker.getBalance();
    await broker.getBuyingPower(ETF);
    const subscription = await broker.subscribeFills(() => undefined);
    const trades = await broker.subscribeTrades([ETF], () => undefined);
    const placed = await broker.placeOrder({
      ticker: ETF,
      side: 'BUY',
      quantity: 1,
      orderType: 'LIMIT',
      limitPrice: quote.price - 50,
    });
    if (placed.status === 'accepted')
      await broker.cancelOrder({ brokerOrderId: placed.brokerOrderId, orgNo: placed.orgNo });
    await broker.listOrders('2025-10-01', '2026-03-10');
    await trades.close();
    await subscription.close();
    // Assert
    const liveOrigins = [LIVE_ENDPOINTS.real.rest, LIVE_ENDPOINTS.real.ws].map((u) => new URL(u).host);
    const simOrigins = [h.sim.urls.paper.rest, h.sim.urls.paper.ws].map((u) => new URL(u).host);
    expect(outgoing.length).toBeGreaterThan(10);
    expect(outgoing.filter((o) => liveOrigins.includes(new URL(o.url).host))).toEqual([]);
    expect(outgoing.filter((o) => !simOrigins.includes(new URL(o.url).host))).toEqual([]);
    expect(outgoing.filter((o) => o.trId !== undefined && /^[TCJ]/.test(o.trId))).toEqual([]);
    expect(outgoing.map((o) => o.trId)).toEqual(
      expect.arrayContaining(['VTTC0012U', 'VTTC0013U', 'VTTC8434R', 'H0STCNI9', 'VTSC9215R']),
    );
  });
});
