import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import {
  KisGuardError,
  KisThrottledError,
  KisTokenRejectedError,
} from '../../../src/adapters/kis/http/errors';
import { KisTransport } from '../../../src/adapters/kis/http/transport';
import { silentLogger } from '../../../src/adapters/kis/logger';
import { SlidingWindowRateLimiter } from '../../../src/adapters/kis/rate-limit';
import { KIS_PATHS, LIVE_ENDPOINTS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router, TEST_APP_KEY, TEST_APP_SECRET } from './support/broker-harness';
import { fixtureBody } from './support/fixtures';
import { type KisStub, startKisStub, tokenReply } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const quoteBody = () => fixtureBody('inquire_price_005930_real.json');
const throttled = {
  status: 500,
  body: { rt_cd: '1', msg_cd: 'EGW00201', msg1: '초당 거래건수를 초과하였습니다.' },
};
const expired = (status: number) => ({
  status,
  body: { rt_cd: '1', msg_cd: 'EGW00123', msg1: '기간이 만료된 token 입니다.' },
});

describe('reads', () => {
  it('when KIS throttles twice then the read backs off with growing jittered waits and succeeds', async () => {
    // Arrange
    let calls = 0;
    stub = await startKisStub(
      router({ [KIS_PATHS.quote]: () => (++calls <= 2 ? throttled : ok(quoteBody())) }),
    );
    const { broker, sleeps } = buildBroker(stub.url);
    // Act
    const quote = await broker.getQuote('005930');
    // Assert
    expect(quote.price).toBe(65850);
    expect(stub.apiRequests()).toHaveLength(3);
    expect(sleeps).toEqual([188, 375]);
  });

  it('when KIS keeps throttling then the read gives up after the bounded retries with a safe-to-retry error', async () => {
    // Arrange
    stub = await startKisStub(router({ [KIS_PATHS.quote]: () => throttled }));
    const { broker, sleeps } = buildBroker(
      stub.url,
      {},
      { readRetry: { retries: 3, baseDelayMs: 10, maxDelayMs: 20 } },
    );
    // Act
    const error = await broker.getQuote('005930').catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(KisThrottledError);
    expect(error).toMatchObject({ code: 'EGW00201', retry: 'safe' });
    expect(stub.apiRequests()).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it.each([500, 200])(
    'when the token expired (HTTP %s) then it is re-issued once and the read repeated once',
    async (status) => {
      // Arrange
      let issued = 0;
      stub = await startKisStub(
        router({
          '/oauth2/tokenP': () => tokenReply('2099-12-31 23:59:59', `token-${++issued}`),
          [KIS_PATHS.quote]: (req) =>
            req.headers.authorization === 'Bearer token-1' ? expired(status) : ok(quoteBody()),
        }),
      );
      const { broker } = buildBroker(stub.url);
      // Act
      const quote = await broker.getQuote('005930');
      // Assert
      expect(quote.price).toBe(65850);
      expect(issued).toBe(2);
      expect(stub.apiRequests().map((r) => r.headers.authorization)).toEqual([
        'Bearer token-1',
        'Bearer token-2',
      ]);
    },
  );

  it('when the new token is refused as well then the read fails after one re-issue', async () => {
    // Arrange
    let issued = 0;
    stub = await startKisStub(
      router({
        '/oauth2/tokenP': () => tokenReply('2099-12-31 23:59:59', `token-${++issued}`),
        [KIS_PATHS.quote]: () => expired(500),
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const error = await broker.getQuote('005930').catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(KisTokenRejectedError);
    expect(issued).toBe(2);
    expect(stub.apiRequests()).toHaveLength(2);
  });

  it('when errors and logs are produced then neither carries the app key, secret or token', async () => {
    // Arrange
    stub = await startKisStub(
      router({
        '/oauth2/tokenP': () => tokenReply('2099-12-31 23:59:59', 'very-secret-token'),
        [KIS_PATHS.quote]: () => ({
          status: 500,
          body: { rt_cd: '1', msg_cd: 'EGW00103', msg1: `bad appkey ${TEST_APP_KEY}` },
        }),
      }),
    );
    const { broker, logger } = buildBroker(stub.url);
    // Act
    const error = (await broker.getQuote('005930').catch((e: unknown) => e)) as Error;
    // Assert
    expect(error).toMatchObject({ code: 'EGW00103', retry: 'never' });
    const everything = [error.message, ...logger.lines].join('\n');
    for (const secret of [TEST_APP_KEY, TEST_APP_SECRET, 'very-secret-token'])
      expect(everything).not.toContain(secret);
  });
});

describe('paper never touches live', () => {
  it('when paper config points at the real host then the client cannot even be built', () => {
    // Act + Assert
    expect(() =>
      buildBroker(LIVE_ENDPOINTS.real.rest, {
        environment: 'paper',
        urls: { rest: LIVE_ENDPOINTS.real.rest, ws: LIVE_ENDPOINTS.paper.ws },
      }),
    ).toThrow(/paper mode must not point at a real KIS host/);
  });

  it('when the HTTP layer is asked to send paper traffic to the real host then nothing leaves the process', async () => {
    // Arrange
    const calls: string[] = [];
    const transport = new KisTransport(
      'paper',
      async (url) => {
        calls.push(url);
        throw new Error('must not be called');
      },
      new SlidingWindowRateLimiter(1000),
      silentLogger(),
    );
    const send = (url: string, trId: string) =>
      transport.send({ method: 'GET', url, headers: { tr_id: trId }, timeoutMs: 1_000 });
    // Act
    const toRealHost = await send(`${LIVE_ENDPOINTS.real.rest}${KIS_PATHS.quote}`, 'FHKST01010100').catch(
      (e: unknown) => e,
    );
    const realTr = await send(`http://127.0.0.1:9${KIS_PATHS.orderCash}`, 'TTTC0012U').catch(
      (e: unknown) => e,
    );
    // Assert
    expect(toRealHost).toBeInstanceOf(KisGuardError);
    expect(realTr).toBeInstanceOf(KisGuardError);
    expect(calls).toEqual([]);
  });

  it('when a paper client runs every REST method then only paper TR ids leave', async () => {
    // Arrange
    stub = await startKisStub(
      router({
        [KIS_PATHS.quote]: () => ok(quoteBody()),
        [KIS_PATHS.dailyChart]: () =>
          ok({ rt_cd: '0', msg_cd: 'MCA00000', msg1: '', output1: {}, output2: [] }),
        [KIS_PATHS.balance]: () => ok(fixtureBody('inquire_balance_doc.json'), { tr_cont: 'D' }),
        [KIS_PATHS.buyingPower]: () => ok(fixtureBody('inquire_psbl_order_doc.json')),
        [KIS_PATHS.orderCash]: () => ok(fixtureBody('order_rvsecncl_doc.json')),
        [KIS_PATHS.orderModifyCancel]: () => ok(fixtureBody('order_rvsecncl_doc.json')),
        [KIS_PATHS.dailyOrders]: () => ok(fixtureBody('inquire_daily_ccld_doc.json'), { tr_cont: 'D' }),
      }),
    );
    const { broker } = buildBroker(
      stub.url,
      { environment: 'paper' },
      { clock: new FakeClock('2026-01-09T01:00:00Z') },
    );
    // Act
    await broker.getQuote('069500');
    await broker.getDailyBars('069500', '2026-01-05', '2026-01-09');
    await broker.getEtfNav('069500');
    await broker.getBalance();
    await broker.getBuyingPower('069500');
    await broker.placeOrder({ ticker: '069500', side: 'BUY', quantity: 1, orderType: 'MARKET' });
    await broker.placeOrder({ ticker: '069500', side: 'SELL', quantity: 1, orderType: 'MARKET' });
    await broker.cancelOrder({ brokerOrderId: '1', orgNo: '00950' });
    await broker.listOrders('2025-01-02', '2026-01-09');
    // Assert
    const trIds = stub.apiRequests().map((r) => String(r.headers['tr_id']));
    expect(new Set(trIds)).toEqual(
      new Set([
        'FHKST01010100',
        'FHKST03010100',
        'VTTC8434R',
        'VTTC8908R',
        'VTTC0012U',
        'VTTC0011U',
        'VTTC0013U',
        'VTSC9215R',
        'VTTC0081R',
      ]),
    );
    expect(trIds.filter((t) => /^[TJC]/.test(t))).toEqual([]);
  });
});
