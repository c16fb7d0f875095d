import { afterEach, describe, expect, it } from 'vitest';
import type { FillNotice, TradeTick } from '../../../src/domain/ports';
import type { KisBroker } from '../../../src/adapters/kis/broker';
import { buildBroker, router } from './support/broker-harness';
import { loadFixture } from './support/fixtures';
import { type KisStub, startKisStub } from './support/kis-stub';
import { encryptedNoticeFrame, noticeFields, startWsStub, type WsStub } from './support/ws-stub';

let rest: KisStub | undefined;
let ws: WsStub | undefined;
let broker: KisBroker | undefined;
afterEach(async () => {
  await broker?.close();
  await ws?.close();
  await rest?.close();
  broker = rest = ws = undefined;
});

const frames = loadFixture<Record<string, { text: string }>>('ws_frames.json');

async function setUp(environment: 'real' | 'paper' = 'real', cap?: number): Promise<KisBroker> {
  rest = await startKisStub(router({}));
  ws = await startWsStub({ cap });
  broker = buildBroker(
    rest.url,
    { environment, urls: { rest: rest.url, ws: ws.url } },
    { wsReconnect: { retries: Infinity, baseDelayMs: 10, maxDelayMs: 20 } },
  ).broker;
  return broker;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const sent = (s: WsStub) =>
  s.received
    .flat()
    .map(
      (t) => JSON.parse(t) as { header: Record<string, string>; body?: { input: Record<string, string> } },
    );

describe('realtime trades', () => {
  it('when trades are subscribed then KIS gets one registration per ticker and ticks arrive for those tickers', async () => {
    // Arrange
    const b = await setUp();
    const ticks: TradeTick[] = [];
    // Act
    await b.subscribeTrades(['005930', '069500', '005930'], (t) => ticks.push(t));
    ws!.broadcast(frames['H0STCNT0_official_example']!.text);
    ws!.broadcast(frames['H0STCNT0_official_example']!.text.replace('005930^093354', '000660^093354'));
    ws!.broadcast(frames['H0STCNT0_real_2023_03_24']!.text);
    await until(() => ticks.length >= 2, 'two ticks');
    // Assert
    const registrations = sent(ws!).filter((m) => m.header['tr_type'] === '1');
    expect(registrations.map((m) => m.body!.input)).toEqual([
      { tr_id: 'H0STCNT0', tr_key: '005930' },
      { tr_id: 'H0STCNT0', tr_key: '069500' },
    ]);
    expect(registrations[0]!.header).toEqual({
      approval_key: 'approval-key-for-tests',
      custtype: 'P',
      tr_type: '1',
      'content-type': 'utf-8',
    });
    expect(ws!.paths).toEqual(['/tryitout']);
    expect(ticks).toEqual([
      { ticker: '005930', price: 71900, volume: 1, time: '093354', dayOpen: 72100, dayVolume: 3052507 },
      { ticker: '005930', price: 62700, volume: 125, time: '112616', dayOpen: 62700, dayVolume: 9694968 },
    ]);
  });

  it('when a subscription is closed then KIS gets an unregistration and no more ticks are delivered', async () => {
    // Arrange
    const b = await setUp();
    const ticks: TradeTick[] = [];
    const subscription = await b.subscribeTrades(['005930'], (t) => ticks.push(t));
    // Act
    await subscription.close();
    ws!.broadcast(frames['H0STCNT0_official_example']!.text);
    await new Promise((r) => setTimeout(r, 50));
    // Assert
    expect(
      sent(ws!)
        .filter((m) => m.header['tr_type'] === '2')
        .map((m) => m.body!.input),
    ).toEqual([{ tr_id: 'H0STCNT0', tr_key: '005930' }]);
    expect(ticks).toEqual([]);
  });

  it('when malformed trade frames arrive then each is counted and dropped, a frame for a ticker nobody holds is ignored, and good ticks still arrive', async () => {
    // Arrange
    const b = await setUp();
    const ticks: TradeTick[] = [];
    const malformed: string[][] = [];
    await b.subscribeTrades(
      ['005930'],
      (t) => ticks.push(t),
      (fields) => malformed.push([...fields]),
    );
    const good = frames['H0STCNT0_official_example']!.text;
    const [enc, trId, count, payload] = good.split('|') as [string, string, string, string];
    const fields = payload.split('^');

    // Act: a record cut to 45 fields, a broken count, a record whose first field is no ticker, a frame cut
    // after its TR id, a price that is not a number, a ticker we do not hold, then the good frame
    ws!.broadcast([enc, trId, count, fields.slice(0, 45).join('^')].join('|'));
    ws!.broadcast([enc, trId, 'x', payload].join('|'));
    ws!.broadcast([enc, trId, count, ['??', ...fields.slice(1)].join('^')].join('|'));
    ws!.broadcast(`${enc}|${trId}`);
    ws!.broadcast([enc, trId, count, [fields[0], fields[1], 'abc', ...fields.slice(3)].join('^')].join('|'));
    ws!.broadcast(good.replace('005930^093354', '000660^093354'));
    ws!.broadcast(good);
    await until(() => ticks.length >= 1, 'the good tick');

    // Assert
    expect(malformed.map((f) => f.length)).toEqual([45, 46, 46, 0, 46]);
    expect(ticks).toEqual([
      { ticker: '005930', price: 71900, volume: 1, time: '093354', dayOpen: 72100, dayVolume: 3052507 },
    ]);
  });

  it('when more than 41 registrations are asked for then the client refuses before sending any', async () => {
    // Arrange
    const b = await setUp();
    const tickers = Array.from({ length: 42 }, (_, i) => String(100000 + i));
    // Act
    const error = await b.subscribeTrades(tickers, () => undefined).catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'WS_MAX_REGISTRATIONS', retry: 'never' });
    expect(ws!.received.flat()).toEqual([]);
  });

  it('when 41 tickers are held and the same ones are asked for again then they join without counting twice', async () => {
    // Arrange
    const b = await setUp();
    const tickers = Array.from({ length: 41 }, (_, i) => String(100000 + i));
    await b.subscribeTrades(tickers, () => undefined);
    // Act
    const again = await b.subscribeTrades(tickers.slice(0, 5), () => undefined).catch((e: unknown) => e);
    const oneMore = await b
      .subscribeTrades([...tickers.slice(0, 2), '200000'], () => undefined)
      .catch((e: unknown) => e);
    // Assert
    expect(again).toMatchObject({ close: expect.any(Function) });
    expect(oneMore).toMatchObject({
      code: 'WS_MAX_REGISTRATIONS',
      message: expect.stringContaining('1 more'),
    });
    expect(sent(ws!).filter((m) => m.header['tr_type'] === '1')).toHaveLength(41);
  });

  it('when KIS answers OPSP0008 then the subscription fails with that code and leaves nothing registered', async () => {
    // Arrange
    const b = await setUp('real', 1);
    await b.subscribeTrades(['005930'], () => undefined);
    // Act
    const error = await b.subscribeTrades(['069500', '000660'], () => undefined).catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'OPSP0008' });
    expect(sent(ws!).filter((m) => m.header['tr_type'] === '1')).toHaveLength(2);
  });
});

describe('execution notices', () => {
  it('when an encrypted fill, receipt and rejection arrive then they are decrypted into typed notices for our account', async () => {
    // Arrange
    const b = await setUp('paper');
    const notices: FillNotice[] = [];
    await b.subscribeFills((n) => notices.push(n));
    // Act
    ws!.broadcast(encryptedNoticeFrame('H0STCNI9', noticeFields({ fill: '1', qty: '0', price: '0' })));
    ws!.broadcast(encryptedNoticeFrame('H0STCNI9', noticeFields({ fill: '2', qty: '2', price: '36085' })));
    ws!.broadcast(encryptedNoticeFrame('H0STCNI9', noticeFields({ account: '9999999901', fill: '2' })));
    ws!.broadcast(
      encryptedNoticeFrame(
        'H0STCNI9',
        noticeFields({ orderNo: '0000008638', side: '01', refused: '1', fill: '1' }),
      ),
    );
    ws!.broadcast(
      encryptedNoticeFrame(
        'H0STCNI9',
        noticeFields({ orderNo: '0000008639', rctf: '2', fill: '1', orderQty: '1', orderPrice: '0' }),
      ),
    );
    await until(() => notices.length >= 4, 'four notices');
    // Assert
    expect(sent(ws!)[0]!.body!.input).toEqual({ tr_id: 'H0STCNI9', tr_key: 'unittester' });
    expect(notices).toEqual([
      {
        kind: 'receipt',
        brokerOrderId: '0000008637',
        originalOrderId: '',
        ticker: '069500',
        side: 'BUY',
        quantity: 3,
        price: 36090,
        time: '093015',
      },
      {
        kind: 'fill',
        brokerOrderId: '0000008637',
        originalOrderId: '',
        ticker: '069500',
        side: 'BUY',
        quantity: 2,
        price: 36085,
        time: '093015',
      },
      {
        kind: 'rejected',
        brokerOrderId: '0000008638',
        originalOrderId: '',
        ticker: '069500',
        side: 'SELL',
        quantity: 3,
        price: 36090,
        time: '093015',
      },
      {
        kind: 'cancelled',
        brokerOrderId: '0000008639',
        originalOrderId: '',
        ticker: '069500',
        side: 'BUY',
        quantity: 1,
        price: 36090,
        time: '093015',
      },
    ]);
  });
});

describe('session upkeep', () => {
  it('when KIS sends PINGPONG then the identical text goes back', async () => {
    // Arrange
    const b = await setUp();
    await b.subscribeTrades(['005930'], () => undefined);
    const ping = frames['pingpong']!.text;
    // Act
    ws!.broadcast(ping);
    await until(() => ws!.received.flat().includes(ping), 'the pong');
    // Assert
    expect(ws!.received[0]!.filter((t) => t === ping)).toHaveLength(1);
  });

  it('when the session drops then the client reconnects and registers everything again', async () => {
    // Arrange
    const b = await setUp('real');
    const ticks: TradeTick[] = [];
    const notices: FillNotice[] = [];
    await b.subscribeTrades(['005930'], (t) => ticks.push(t));
    await b.subscribeFills((n) => notices.push(n));
    // Act
    ws!.dropAll();
    await until(() => ws!.received.length === 2 && ws!.received[1]!.length === 2, 'two re-registrations');
    await until(() => ws!.connections().length === 1, 'an open session');
    ws!.broadcast(frames['H0STCNT0_official_example']!.text);
    ws!.broadcast(encryptedNoticeFrame('H0STCNI0', noticeFields({})));
    await until(() => ticks.length === 1 && notices.length === 1, 'data after the reconnect');
    // Assert
    const again = ws!.received[1]!.map((t) => (JSON.parse(t) as { body: { input: unknown } }).body.input);
    expect(again).toEqual([
      { tr_id: 'H0STCNT0', tr_key: '005930' },
      { tr_id: 'H0STCNI0', tr_key: 'unittester' },
    ]);
    expect(notices[0]!.kind).toBe('fill');
  });

  it('when the broker is closed then the session does not come back', async () => {
    // Arrange
    const b = await setUp();
    await b.subscribeTrades(['005930'], () => undefined);
    // Act
    await b.close();
    await new Promise((r) => setTimeout(r, 100));
    // Assert
    expect(ws!.received).toHaveLength(1);
    expect(ws!.connections()).toHaveLength(0);
  });
});
