import { afterEach, describe, expect, it } from 'vitest';
import {
  allStrings,
  keysOf,
  PAPER,
  RawKis,
  REAL,
  sample,
  startSim,
  WEDNESDAY_10_00,
  type SimHarness,
} from './support';

const fast = { rateLimitPerSecond: { real: 1_000, paper: 1_000 } };
const ORDER = '/uapi/domestic-stock/v1/trading/order-cash';
const REVISE = '/uapi/domestic-stock/v1/trading/order-rvsecncl';
type Rows = {
  output1: Array<Record<string, string>>;
  output2: unknown;
  ctx_area_nk100: string;
  ctx_area_fk100: string;
  msg1: string;
};

async function ready(
  at: string,
  account = PAPER,
  options = fast,
): Promise<{ harness: SimHarness; kis: RawKis }> {
  const harness = await startSim(at, options);
  const kis = RawKis.for(harness.sim, account);
  await kis.issueToken();
  return { harness, kis };
}

describe('KIS simulator: orders and account', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.sim.close();
    harness = undefined;
  });

  it('when a marketable limit buy is sent then it fills at the market and shows in daily-ccld and balance', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    const price = harness.sim.control.currentPrice('069500');

    const placed = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '3',
      ORD_UNPR: String(price + 50),
    });
    const ccld = await kis.dailyCcld('20260715');
    const balance = await kis.balance();

    expect(placed.body).toMatchObject({
      rt_cd: '0',
      msg_cd: '40600000',
      msg1: '모의투자 매수주문이 완료 되었습니다.',
    });
    const output = placed.body.output as Record<string, string>;
    expect(output).toEqual({
      KRX_FWDG_ORD_ORGNO: '00950',
      ODNO: expect.stringMatching(/^\d{10}$/),
      ORD_TMD: '100000',
    });

    const ccldDoc = sample<{ body: Rows }>('inquire_daily_ccld_doc.json').body;
    const ccldBody = ccld.body as unknown as Rows;
    expect(ccld.headers.get('tr_cont')).toBe('D');
    expect(keysOf(ccldBody)).toEqual(keysOf(ccldDoc));
    expect(keysOf(ccldBody.output1[0])).toEqual(keysOf(ccldDoc.output1[0]));
    expect(keysOf(ccldBody.output2)).toEqual(keysOf(ccldDoc.output2));
    expect(Array.isArray(ccldBody.output2)).toBe(false);
    expect(ccldBody.output1[0]).toMatchObject({
      odno: output.ODNO,
      pdno: '069500',
      ord_qty: '3',
      tot_ccld_qty: '3',
      avg_prvs: String(price),
      rmn_qty: '0',
      sll_buy_dvsn_cd: '02',
    });
    expect(ccldBody.ctx_area_nk100).toHaveLength(100);
    expect(ccldBody.msg1).toBe(ccldDoc.msg1);

    const fee = Math.floor((3 * price * 140) / 1_000_000);
    const balanceDoc = sample<{ body: { output1: object[]; output2: object[] } }>(
      'inquire_balance_doc.json',
    ).body;
    const balanceBody = balance.body as unknown as {
      output1: Array<Record<string, string>>;
      output2: Array<Record<string, string>>;
    };
    expect(balance.headers.get('tr_cont')).toBe('D');
    expect(keysOf(balanceBody.output1[0])).toEqual(keysOf(balanceDoc.output1[0]));
    expect(balanceBody.output2).toHaveLength(1);
    expect(keysOf(balanceBody.output2[0])).toEqual(keysOf(balanceDoc.output2[0]));
    expect(balanceBody.output1.every((row) => allStrings(row))).toBe(true);
    expect(balanceBody.output1[0]).toMatchObject({
      pdno: '069500',
      hldg_qty: '3',
      ord_psbl_qty: '3',
      pchs_amt: String(3 * price),
      thdt_buyqty: '3',
    });
    expect(balanceBody.output2[0]).toMatchObject({
      dnca_tot_amt: '1000000',
      prvs_rcdl_excc_amt: String(1_000_000 - 3 * price - fee),
      thdt_buy_amt: String(3 * price),
      thdt_tlex_amt: String(fee),
    });
  });

  it('when more orders exist than a page holds then daily-ccld pages with tr_cont F then E and the cursor', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    harness.sim.control.setCash(PAPER.cano, 100_000_000);
    const lower = Number((await kis.quote('069500')).body.output.stck_llam);
    for (let i = 0; i < 17; i++)
      await kis.order('BUY', { PDNO: '069500', ORD_DVSN: '00', ORD_QTY: '1', ORD_UNPR: String(lower) });

    const first = await kis.dailyCcld('20260715');
    const firstBody = first.body as unknown as Rows;
    const second = await kis.dailyCcld('20260715', 'N', firstBody.ctx_area_nk100, firstBody.ctx_area_fk100);
    const secondBody = second.body as unknown as Rows;

    expect(first.headers.get('tr_cont')).toBe('F');
    expect(firstBody.output1).toHaveLength(15);
    expect(firstBody.ctx_area_nk100.trim()).not.toBe('');
    expect(second.headers.get('tr_cont')).toBe('E');
    expect(secondBody.output1).toHaveLength(2);
    const odnos = [...firstBody.output1, ...secondBody.output1].map((r) => r.odno);
    expect(new Set(odnos).size).toBe(17);
    expect(odnos).toEqual([...odnos].sort().reverse());
  });

  it('when a market buy would exceed cash at the upper limit then it is rejected with APBK0952 although a limit buy fits', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    const price = harness.sim.control.currentPrice('069500');
    const quantity = Math.floor(1_000_000 / (price * 1.01));

    const market = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: String(quantity),
      ORD_UNPR: '0',
    });
    const limit = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: String(quantity),
      ORD_UNPR: String(price),
    });

    expect(quantity * price).toBeLessThan(1_000_000);
    expect(market.status).toBe(200);
    expect(market.body).toEqual(
      sample<{ reject_insufficient_cash: { body: object } }>('order_cash_responses.json')
        .reject_insufficient_cash.body,
    );
    expect(limit.body).toMatchObject({ rt_cd: '0' });
    expect(harness.sim.control.receivedOrders().map((o) => o.status)).toEqual(['rejected', 'filled']);
  });

  it('when a paper order arrives at 16:00 then it is rejected with 40580000', async () => {
    const started = await ready('2026-07-15T16:00:00+09:00');
    harness = started.harness;

    const late = await started.kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });

    expect(late.status).toBe(200);
    expect(late.body).toEqual(
      sample<{ reject_paper_market_closed: { body: object } }>('order_cash_responses.json')
        .reject_paper_market_closed.body,
    );
  });

  it('when a paper order arrives at 08:45 on a trading day then it is rejected with 40570000 (before the open)', async () => {
    const started = await ready('2026-07-15T08:45:00+09:00');
    harness = started.harness;

    const early = await started.kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });

    expect(early.status).toBe(200);
    expect(early.body).toEqual({ rt_cd: '1', msg_cd: '40570000', msg1: '모의투자 장시작전 입니다.' });
    expect(harness.sim.control.receivedOrders().map((o) => o.status)).toEqual(['rejected']);
  });

  it('when an order breaks a KRX rule then KIS-style rejections come back inside HTTP 200', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    const quote = (await kis.quote('069500')).body.output;
    const price = Number(quote.stck_prpr);
    const send = (fields: Partial<{ PDNO: string; ORD_DVSN: string; ORD_QTY: string; ORD_UNPR: string }>) =>
      kis.order('BUY', { PDNO: '069500', ORD_DVSN: '00', ORD_QTY: '1', ORD_UNPR: String(price), ...fields });

    const answers = {
      offTick: await send({ ORD_UNPR: String(price + 1) }),
      aboveBand: await send({ ORD_UNPR: String(Number(quote.stck_mxpr) + 5) }),
      zeroQuantity: await send({ ORD_QTY: '0' }),
      unknownTicker: await send({ PDNO: '999999' }),
      offHoursOnPaper: await send({ ORD_DVSN: '05' }),
    };

    expect(Object.values(answers).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.offTick.body).toMatchObject({
      rt_cd: '1',
      msg_cd: 'APBK0918',
      msg1: '주문단가가 호가단위에 맞지 않습니다.',
    });
    expect(answers.aboveBand.body).toMatchObject({
      rt_cd: '1',
      msg_cd: 'APBK0918',
      msg1: '주문단가가 상하한가를 벗어났습니다.',
    });
    expect(answers.zeroQuantity.body).toMatchObject({ rt_cd: '1', msg1: '주문수량을 확인 하여 주십시요.' });
    expect(answers.unknownTicker.body).toMatchObject({ rt_cd: '1', msg_cd: 'APBK0656' });
    expect(answers.offHoursOnPaper.body).toMatchObject({ rt_cd: '1', msg_cd: '90000000' });
    expect(harness.sim.control.receivedOrders().every((o) => o.status === 'rejected' && o.odno === '')).toBe(
      true,
    );
  });

  it('when the body is malformed then the gateway answers like KIS (IGW00007, OPSQ2001, OPSQ2000) and nothing reaches the engine', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    const good = {
      CANO: PAPER.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    };

    const lowercase = await kis.post(ORDER, 'VTTC0012U', { ...good, ORD_QTY: undefined, ord_qty: '1' });
    const number = await kis.post(ORDER, 'VTTC0012U', { ...good, ORD_QTY: 1 });
    const missing = await kis.post(ORDER, 'VTTC0012U', { ...good, ORD_QTY: undefined });
    const otherAccount = await kis.post(ORDER, 'VTTC0012U', { ...good, CANO: '12345678' });

    expect(lowercase.status).toBe(500);
    expect(lowercase.body).toEqual(
      sample<{ error_malformed_body: { body: object } }>('order_cash_responses.json').error_malformed_body
        .body,
    );
    expect(number.body).toMatchObject({ msg_cd: 'IGW00007' });
    expect(missing.status).toBe(200);
    expect(missing.body).toEqual({
      rt_cd: '2',
      msg_cd: 'OPSQ2001',
      msg1: 'ERROR : INPUT_FIELD_NAME ORD_QTY',
    });
    expect(otherAccount.body).toMatchObject({ msg_cd: 'OPSQ2000' });
    expect(harness.sim.control.receivedOrders()).toEqual([]);
  });

  it('when a resting limit is crossed by the price then it fills at its limit, and a cancel removes the rest of another', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    const price = harness.sim.control.currentPrice('069500');
    const resting = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '2',
      ORD_UNPR: String(price - 500),
    });
    const other = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '2',
      ORD_UNPR: String(price - 5_000),
    });
    const restingOdno = (resting.body.output as Record<string, string>).ODNO!;
    const otherOdno = (other.body.output as Record<string, string>).ODNO!;

    harness.sim.control.setPrice('069500', price - 1_000);
    harness.clock.advance(60_000);
    const cancel = await kis.post(REVISE, 'VTTC0013U', {
      CANO: PAPER.cano,
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '00950',
      ORGN_ODNO: otherOdno,
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '0',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'Y',
    });
    const ccld = (await kis.dailyCcld('20260715')).body as unknown as Rows;

    const byOdno = Object.fromEntries(harness.sim.control.receivedOrders().map((o) => [o.odno, o]));
    expect(byOdno[restingOdno]).toMatchObject({ status: 'filled', filledQuantity: 2 });
    expect(cancel.body).toMatchObject({ rt_cd: '0', msg_cd: '40600000' });
    expect(byOdno[otherOdno]).toMatchObject({ status: 'cancelled', filledQuantity: 0 });
    const rows = Object.fromEntries(ccld.output1.map((r) => [r.odno, r]));
    expect(rows[restingOdno]).toMatchObject({ tot_ccld_qty: '2', avg_prvs: String(price - 500) });
    expect(rows[otherOdno]).toMatchObject({ rmn_qty: '0', cncl_cfrm_qty: '2' });
    const cancelRow = ccld.output1.find((r) => r.orgn_odno === otherOdno)!;
    expect(cancelRow).toMatchObject({ cncl_yn: 'Y', ord_qty: '2' });
  });

  it('when acceptThenDrop is injected then the socket closes without an answer but the order exists and shows in daily-ccld', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;
    harness.sim.control.injectFault({ kind: 'acceptThenDrop' });

    const lost = await kis.order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '1', ORD_UNPR: '0' }).then(
      () => 'answered',
      () => 'socket closed',
    );
    const ccld = (await kis.dailyCcld('20260715')).body as unknown as Rows;

    const received = harness.sim.control.receivedOrders();
    expect(lost).toBe('socket closed');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      status: 'filled',
      responseDropped: true,
      ticker: '069500',
      quantity: 1,
    });
    expect(ccld.output1.map((r) => r.odno)).toEqual([received[0]!.odno]);
  });

  it('when dropBeforeReceive is injected then the socket closes and no order reaches the engine', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    harness.sim.control.injectFault({ kind: 'dropBeforeReceive' });

    const lost = await started.kis
      .order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '1', ORD_UNPR: '0' })
      .then(
        () => 'answered',
        () => 'socket closed',
      );

    expect(lost).toBe('socket closed');
    expect(harness.sim.control.receivedOrders()).toEqual([]);
  });

  it('when partialFill is injected then the order fills only that share and the rest stays open', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    harness.sim.control.injectFault({ kind: 'partialFill', ratio: 0.5 });

    await started.kis.order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '4', ORD_UNPR: '0' });
    harness.clock.advance(10 * 60_000);
    const ccld = (await started.kis.dailyCcld('20260715')).body as unknown as Rows;

    expect(harness.sim.control.receivedOrders()[0]).toMatchObject({
      status: 'partiallyFilled',
      filledQuantity: 2,
    });
    expect(ccld.output1[0]).toMatchObject({ tot_ccld_qty: '2', rmn_qty: '2' });
  });

  it('when a real market order arrives in the opening auction then it is accepted with APBK0013 and fills at the open', async () => {
    const started = await ready('2026-07-15T08:45:00+09:00', REAL);
    harness = started.harness;
    const { kis } = started;

    const placed = await kis.order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '1', ORD_UNPR: '0' });
    const before = harness.sim.control.receivedOrders()[0];
    harness.clock.set('2026-07-15T09:00:05+09:00');
    const after = harness.sim.control.receivedOrders()[0];
    const ccld = (await kis.dailyCcld('20260715')).body as unknown as Rows;

    expect(placed.body).toMatchObject({
      rt_cd: '0',
      msg_cd: 'APBK0013',
      msg1: '주문 전송 완료 되었습니다.',
      output: { KRX_FWDG_ORD_ORGNO: '06010' },
    });
    expect(before).toMatchObject({ status: 'open', filledQuantity: 0 });
    expect(after).toMatchObject({ status: 'filled', filledQuantity: 1 });
    expect(ccld.output1[0]).toMatchObject({ avg_prvs: '116350' });
  });

  it('when a sell exceeds the holding then it is refused, and an unfilled limit expires at the close', async () => {
    const started = await ready('2026-07-15T15:00:00+09:00');
    harness = started.harness;
    const { kis } = started;
    harness.sim.control.setPosition(PAPER.cano, '069500', 3, 100_000);
    const upper = Number((await kis.quote('069500')).body.output.stck_mxpr);

    const tooMany = await kis.order('SELL', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '4',
      ORD_UNPR: String(upper),
    });
    const resting = await kis.order('SELL', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '3',
      ORD_UNPR: String(upper),
    });
    harness.clock.set('2026-07-15T15:31:00+09:00');
    const balance = (await kis.balance()).body as unknown as { output1: Array<Record<string, string>> };

    expect(tooMany.body).toMatchObject({ rt_cd: '7', msg_cd: 'APBK0400' });
    expect(resting.body).toMatchObject({ rt_cd: '0', msg1: '모의투자 매도주문이 완료 되었습니다.' });
    expect(harness.sim.control.receivedOrders().map((o) => o.status)).toEqual(['rejected', 'expired']);
    expect(balance.output1[0]).toMatchObject({
      hldg_qty: '3',
      ord_psbl_qty: '3',
      pchs_avg_pric: '100000.0000',
    });
  });

  it('when buying power is asked for a market buy then the quantity is sized at the upper limit', async () => {
    const started = await ready(WEDNESDAY_10_00);
    harness = started.harness;
    const { kis } = started;

    const { body } = await kis.get<{ output: Record<string, string> }>(
      '/uapi/domestic-stock/v1/trading/inquire-psbl-order',
      'VTTC8908R',
      {
        CANO: PAPER.cano,
        ACNT_PRDT_CD: '01',
        PDNO: '069500',
        ORD_UNPR: '',
        ORD_DVSN: '01',
        CMA_EVLU_AMT_ICLD_YN: 'N',
        OVRS_ICLD_YN: 'N',
      },
    );
    const upper = Number((await kis.quote('069500')).body.output.stck_mxpr);
    const quantity = Number(body.output.nrcvb_buy_qty);
    const atMost = await kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: String(quantity),
      ORD_UNPR: '0',
    });

    expect(keysOf(body.output)).toEqual(
      keysOf(sample<{ body: { output: object } }>('inquire_psbl_order_doc.json').body.output),
    );
    expect(body.output.psbl_qty_calc_unpr).toBe(String(upper));
    expect(body.output.ord_psbl_cash).toBe('1000000');
    expect(quantity).toBe(Math.floor(1_000_000 / (upper * 1.00014)));
    expect(atMost.body).toMatchObject({ rt_cd: '0' });
  });
});
