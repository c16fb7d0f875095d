import { afterEach, describe, expect, it } from 'vitest';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router } from './support/broker-harness';
import { loadFixture } from './support/fixtures';
import { type KisStub, type StubReply, startKisStub } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const samples =
  loadFixture<Record<string, { http_status: number; body: unknown }>>('order_cash_responses.json');
const posts = (s: KisStub) => s.requests.filter((r) => r.path === KIS_PATHS.orderCash);
const limitBuy = {
  ticker: '069500',
  side: 'BUY',
  quantity: 3,
  orderType: 'LIMIT',
  limitPrice: 36090,
} as const;

async function orderAgainst(reply: StubReply, environment: 'real' | 'paper' = 'real') {
  stub = await startKisStub(router({ [KIS_PATHS.orderCash]: () => reply }));
  const { broker } = buildBroker(stub.url, { environment });
  return broker.placeOrder(limitBuy);
}

describe('placeOrder', () => {
  it('when KIS accepts then the result carries ODNO, org no and time, after one POST with the KIS body', async () => {
    // Act
    const result = await orderAgainst(ok(samples['real_success']!.body));
    // Assert
    expect(result).toEqual({
      status: 'accepted',
      brokerOrderId: '0001569157',
      orgNo: '06010',
      orderTime: '155211',
      message: '주문 전송 완료 되었습니다.',
    });
    const sent = posts(stub!);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers['tr_id']).toBe('TTTC0012U');
    expect(sent[0]!.body).toEqual({
      CANO: '12345678',
      ACNT_PRDT_CD: '01',
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '3',
      ORD_UNPR: '36090',
      SLL_TYPE: '',
      CNDT_PRIC: '',
      EXCG_ID_DVSN_CD: 'KRX',
    });
  });

  it('when a paper market sell is accepted then the paper TR and a zero price are sent', async () => {
    // Arrange
    stub = await startKisStub(router({ [KIS_PATHS.orderCash]: () => ok(samples['paper_success']!.body) }));
    const { broker } = buildBroker(stub.url, { environment: 'paper' });
    // Act
    const result = await broker.placeOrder({
      ticker: '069500',
      side: 'SELL',
      quantity: 1,
      orderType: 'MARKET',
    });
    // Assert
    expect(result).toMatchObject({ status: 'accepted', brokerOrderId: '0000008637', orgNo: '00950' });
    expect(posts(stub)[0]!.headers['tr_id']).toBe('VTTC0011U');
    expect(posts(stub)[0]!.body).toMatchObject({
      ORD_DVSN: '01',
      ORD_UNPR: '0',
      SLL_TYPE: '',
      CNDT_PRIC: '',
    });
  });

  it.each([
    ['APBK0952 insufficient cash', samples['reject_insufficient_cash']!, 'APBK0952'],
    ['40580000 paper market closed', samples['reject_paper_market_closed']!, '40580000'],
    ['IGW00007 malformed body (HTTP 500)', samples['error_malformed_body']!, 'IGW00007'],
    [
      'EGW00201 throttled',
      { http_status: 500, body: { rt_cd: '1', msg_cd: 'EGW00201', msg1: '초당 거래건수를 초과하였습니다.' } },
      'EGW00201',
    ],
    [
      'EGW00123 expired token',
      { http_status: 500, body: { rt_cd: '1', msg_cd: 'EGW00123', msg1: '기간이 만료된 token 입니다.' } },
      'EGW00123',
    ],
  ])(
    'when KIS answers %s then the order is rejected with that code after exactly one POST',
    async (_name, sample, code) => {
      // Act
      const result = await orderAgainst({ status: sample.http_status, body: sample.body });
      // Assert
      expect(result).toMatchObject({ status: 'rejected', code });
      expect(posts(stub!)).toHaveLength(1);
    },
  );

  it.each([
    ['the answer times out', { delayMs: 1_000, body: samples['real_success']!.body }, 'TIMEOUT'],
    ['the connection resets after the request arrived', { destroy: true }, 'CONNECTION_LOST'],
    ['HTTP 500 has no body', { status: 500 }, 'HTTP_500'],
    ['HTTP 502 is an HTML page', { status: 502, raw: '<html>bad gateway</html>' }, 'HTTP_502'],
    ['HTTP 200 is not JSON', { status: 200, raw: '<html>' }, 'UNPARSEABLE'],
    [
      'HTTP 200 says success without an order number',
      { status: 200, body: { rt_cd: '0', msg_cd: 'APBK0013', msg1: 'ok', output: {} } },
      'UNPARSEABLE',
    ],
  ] as Array<[string, StubReply, string]>)(
    'when %s then the order is unknown after exactly one POST',
    async (_name, reply, reason) => {
      // Act
      const result = await orderAgainst(reply);
      // Assert
      expect(result).toMatchObject({ status: 'unknown', reason });
      expect(posts(stub!)).toHaveLength(1);
    },
  );

  it.each([
    ['a limit order has no price', { ticker: '069500', side: 'BUY', quantity: 1, orderType: 'LIMIT' }],
    ['the quantity is fractional', { ticker: '069500', side: 'BUY', quantity: 1.5, orderType: 'MARKET' }],
    ['the ticker is malformed', { ticker: 'ABC', side: 'BUY', quantity: 1, orderType: 'MARKET' }],
  ] as const)('when %s then it is rejected without any request', async (_name, request) => {
    // Arrange
    stub = await startKisStub(router({}));
    const { broker } = buildBroker(stub.url);
    // Act
    const result = await broker.placeOrder(request);
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: 'INVALID_ORDER' });
    expect(stub.requests).toHaveLength(0);
  });
});

describe('cancelOrder', () => {
  it('when the whole order is cancelled then one POST asks for RVSE_CNCL_DVSN_CD 02 and every remaining share', async () => {
    // Arrange
    stub = await startKisStub(
      router({
        [KIS_PATHS.orderModifyCancel]: () =>
          ok(loadFixture<{ body: unknown }>('order_rvsecncl_doc.json').body),
      }),
    );
    const { broker } = buildBroker(stub.url, { environment: 'paper' });
    // Act
    const result = await broker.cancelOrder({ brokerOrderId: '0000008637', orgNo: '00950' });
    // Assert
    expect(result).toMatchObject({ status: 'accepted', brokerOrderId: '0001569139' });
    const sent = stub.apiRequests();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers['tr_id']).toBe('VTTC0013U');
    expect(sent[0]!.body).toEqual({
      CANO: '12345678',
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '00950',
      ORGN_ODNO: '0000008637',
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '0',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'Y',
      CNDT_PRIC: '',
      EXCG_ID_DVSN_CD: 'KRX',
    });
  });

  it('when part of an order is cancelled then only that quantity is asked for', async () => {
    // Arrange
    stub = await startKisStub(
      router({
        [KIS_PATHS.orderModifyCancel]: () =>
          ok(loadFixture<{ body: unknown }>('order_rvsecncl_doc.json').body),
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    await broker.cancelOrder({ brokerOrderId: '0001569157', orgNo: '06010', quantity: 2 });
    // Assert
    expect(stub.apiRequests()[0]!.body).toMatchObject({ ORD_QTY: '2', QTY_ALL_ORD_YN: 'N' });
    expect(stub.apiRequests()[0]!.headers['tr_id']).toBe('TTTC0013U');
  });
});
