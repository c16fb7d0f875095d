import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router, TEST_APP_KEY, TEST_APP_SECRET } from './support/broker-harness';
import { fixtureBody } from './support/fixtures';
import { type KisStub, startKisStub, tokenReply } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('logging through pino', () => {
  it('when a pino logger at debug level is injected then a full run logs lines and none carries a secret', async () => {
    // Arrange
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    let quotes = 0;
    stub = await startKisStub(
      router({
        '/oauth2/tokenP': () => tokenReply('2099-12-31 23:59:59', 'pino-secret-token'),
        [KIS_PATHS.quote]: () =>
          ++quotes === 1
            ? { status: 500, body: { rt_cd: '1', msg_cd: 'EGW00201', msg1: 'too fast' } }
            : ok(fixtureBody('inquire_price_005930_real.json')),
        [KIS_PATHS.orderCash]: () => ({ status: 500 }),
      }),
    );
    const { broker } = buildBroker(stub.url, {}, { logger });
    // Act
    await broker.getQuote('005930');
    await broker.placeOrder({ ticker: '005930', side: 'BUY', quantity: 1, orderType: 'MARKET' });
    // Assert
    const text = lines.join('');
    expect(text).toContain('kis http exchange');
    expect(text).toContain('kis order sent');
    for (const secret of [TEST_APP_KEY, TEST_APP_SECRET, 'pino-secret-token'])
      expect(text).not.toContain(secret);
  });
});
