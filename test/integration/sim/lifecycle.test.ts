import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PAPER, RawKis, startSim, WEDNESDAY_10_00, type SimHarness } from './support';

const REVISE = '/uapi/domestic-stock/v1/trading/order-rvsecncl';

describe('KIS simulator: lifecycle and order changes', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.sim.close();
    harness = undefined;
  });

  it('when closed then both hosts refuse HTTP and WebSocket connections and a second close is harmless', async () => {
    const { sim } = await startSim(WEDNESDAY_10_00);
    const socket = new WebSocket(`${sim.urls.paper.ws}/tryitout`);
    await new Promise((resolve) => socket.once('open', resolve));
    const dropped = new Promise((resolve) => socket.once('close', resolve));

    await sim.close();
    await sim.close();

    await dropped;
    const rest = await fetch(`${sim.urls.real.rest}/oauth2/tokenP`, { method: 'POST', body: '{}' }).then(
      () => 'answered',
      () => 'refused',
    );
    const ws = await new Promise((resolve) => {
      const again = new WebSocket(sim.urls.paper.ws);
      again.once('open', () => resolve('open'));
      again.once('error', () => resolve('refused'));
    });
    expect(rest).toBe('refused');
    expect(ws).toBe('refused');
  });

  it('when started in-process then the /__sim control API is not served (only the CLI exposes it)', async () => {
    harness = await startSim(WEDNESDAY_10_00);

    const res = await fetch(`${harness.sim.urls.paper.rest}/__sim/stats`);

    expect(res.status).toBe(404);
  });

  it('when a resting order is modified then a new ODNO carries the new price and the original is replaced', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateLimitPerSecond: { real: 100, paper: 100 } });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    const price = harness.sim.control.currentPrice('069500');
    const placed = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '2',
      ORD_UNPR: String(price - 2_000),
    });
    const original = (placed.body.output as Record<string, string>).ODNO!;

    const modified = await kis.post(REVISE, 'VTTC0013U', {
      CANO: PAPER.cano,
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '00950',
      ORGN_ODNO: original,
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '01',
      ORD_QTY: '2',
      ORD_UNPR: String(price + 100),
      QTY_ALL_ORD_YN: 'Y',
    });
    const again = await kis.post(REVISE, 'VTTC0013U', {
      CANO: PAPER.cano,
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '00950',
      ORGN_ODNO: original,
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '0',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'Y',
    });

    const replacement = (modified.body.output as Record<string, string>).ODNO!;
    expect(modified.body).toMatchObject({ rt_cd: '0', msg_cd: '40600000' });
    expect(replacement).not.toBe(original);
    const orders = Object.fromEntries(
      harness.sim.control.receivedOrders().map((o) => [o.odno || 'rejected', o]),
    );
    expect(orders[original]).toMatchObject({ status: 'replaced', filledQuantity: 0 });
    expect(orders[replacement]).toMatchObject({
      kind: 'modify',
      originalOdno: original,
      price: price + 100,
      status: 'filled',
    });
    expect(again.body).toMatchObject({
      rt_cd: '1',
      msg_cd: 'APBK0918',
      msg1: '정정/취소 가능수량이 없습니다.',
    });
  });
});
