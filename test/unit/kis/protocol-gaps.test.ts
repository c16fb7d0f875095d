import { afterEach, describe, expect, it } from 'vitest';
import { KisConfigurationError } from '../../../src/adapters/kis/http/errors';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router } from './support/broker-harness';
import { loadFixture } from './support/fixtures';
import { type KisStub, startKisStub, tokenReply } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const quoteBody = loadFixture<{ body: unknown }>('inquire_price_005930_real.json').body;
const gateway = (code: string, msg1: string) => ({
  status: 500,
  body: { rt_cd: '1', msg_cd: code, msg1 },
});
const limitBuy = {
  ticker: '069500',
  side: 'BUY',
  quantity: 1,
  orderType: 'LIMIT',
  limitPrice: 10_000,
} as const;

describe('configuration errors (EGW02006 / EGW02007 / EGW02004)', () => {
  it.each([
    ['EGW02007', '해당 앱키는 모의투자용 앱키가 아닙니다.', 'KIS_ENV / KIS_APP_KEY'],
    ['EGW02004', '실전투자 TR 이 아닙니다.', 'KIS_ENV / KIS_APP_KEY'],
    ['EGW02006', '모의투자 TR 이 아닙니다.', 'KIS_ENV'],
  ])(
    'when a read is answered %s then it fails once as a configuration error naming the setting, and is alerted',
    async (code, msg1, setting) => {
      // Arrange
      stub = await startKisStub(router({ [KIS_PATHS.quote]: () => gateway(code, msg1) }));
      const alerts: KisConfigurationError[] = [];
      const { broker, sleeps } = buildBroker(stub.url, {}, { onConfigurationError: (e) => alerts.push(e) });
      // Act
      const error = await broker.getQuote('069500').catch((e: unknown) => e);
      // Assert
      expect(error).toBeInstanceOf(KisConfigurationError);
      expect(error).toMatchObject({ code, retry: 'never', setting });
      expect((error as Error).message).toContain(setting);
      expect(stub.apiRequests()).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(alerts.map((a) => a.code)).toEqual([code]);
    },
  );

  it('when an order is answered EGW02007 then it is rejected after one POST with the setting named, and alerted', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.orderCash]: () => gateway('EGW02007', '해당 앱키는 모의투자용 앱키가 아닙니다.') }),
    );
    const alerts: string[] = [];
    const { broker } = buildBroker(stub.url, {}, { onConfigurationError: (e) => alerts.push(e.code) });
    // Act
    const result = await broker.placeOrder(limitBuy);
    // Assert
    expect(result).toMatchObject({ status: 'rejected', code: 'EGW02007' });
    expect(result.status === 'rejected' && result.message).toContain('KIS_APP_KEY');
    expect(stub.apiRequests()).toHaveLength(1);
    expect(alerts).toEqual(['EGW02007']);
  });
});

describe('a token refused on any request is dropped', () => {
  it.each(['EGW00121', 'EGW00123'])(
    'when an order is refused with %s then the next request carries a new token',
    async (code) => {
      // Arrange
      let issued = 0;
      stub = await startKisStub(
        router({
          '/oauth2/tokenP': () => tokenReply('2099-12-31 23:59:59', `token-${++issued}`),
          [KIS_PATHS.orderCash]: () => gateway(code, 'token'),
          [KIS_PATHS.quote]: () => ok(quoteBody),
        }),
      );
      const { broker } = buildBroker(stub.url);
      // Act
      const order = await broker.placeOrder(limitBuy);
      await broker.getQuote('005930');
      // Assert
      expect(order).toMatchObject({ status: 'rejected', code });
      const api = stub.apiRequests();
      expect(api.map((r) => r.path)).toEqual([KIS_PATHS.orderCash, KIS_PATHS.quote]);
      expect(api.map((r) => r.headers['authorization'])).toEqual(['Bearer token-1', 'Bearer token-2']);
    },
  );
});

describe('an answer that is HTML or cut off', () => {
  it('when a read comes back truncated JSON every time then it fails with a typed error after bounded retries', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.quote]: () => ({ status: 200, raw: '{"rt_cd":"0","msg_cd":"MCA0' }) }),
    );
    const { broker, sleeps } = buildBroker(stub.url);
    // Act
    const error = await broker.getQuote('069500').catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ name: 'KisTransportError', code: 'UNPARSEABLE', retry: 'safe' });
    expect(stub.apiRequests()).toHaveLength(sleeps.length + 1);
  });

  it.each([
    ['truncated JSON', { status: 200, raw: '{"rt_cd":"0","msg_cd":"APBK0013","output":{"ODNO":"00' }],
    ['an HTML page', { status: 502, raw: '<html><body>502 Bad Gateway</body></html>' }],
  ])('when an order is answered with %s then it is unknown after exactly one POST', async (_name, reply) => {
    // Arrange
    stub = await startKisStub(router({ [KIS_PATHS.orderCash]: () => reply }));
    const { broker } = buildBroker(stub.url);
    // Act
    const result = await broker.placeOrder(limitBuy);
    // Assert
    expect(result).toMatchObject({ status: 'unknown' });
    expect(stub.apiRequests()).toHaveLength(1);
  });
});
