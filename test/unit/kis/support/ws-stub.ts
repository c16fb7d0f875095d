import { createCipheriv } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export const NOTICE_KEY = 'abcdefghijklmnopabcdefghijklmnop';
export const NOTICE_IV = '0123456789abcdef';

export interface WsStub {
  url: string;
  /** Every text message received, per connection, in order. */
  received: string[][];
  paths: string[];
  connections(): WebSocket[];
  broadcast(text: string): void;
  dropAll(): void;
  close(): Promise<void>;
}

export interface WsStubOptions {
  /** Registrations accepted per connection before OPSP0008. */
  cap?: number;
}

/** A KIS-like realtime endpoint on 127.0.0.1:0: acks registrations with key/iv and records everything. */
export async function startWsStub(options: WsStubOptions = {}): Promise<WsStub> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const received: string[][] = [];
  const paths: string[] = [];
  const sockets: WebSocket[] = [];
  server.on('connection', (socket, request) => {
    const log: string[] = [];
    received.push(log);
    paths.push(request.url ?? '');
    sockets.push(socket);
    const registered = new Set<string>();
    socket.on('message', (data) => {
      const text = data.toString();
      log.push(text);
      const message = JSON.parse(text) as {
        header: { tr_type?: string };
        body?: { input: { tr_id: string; tr_key: string } };
      };
      if (!message.body) return;
      const { tr_id, tr_key } = message.body.input;
      const id = `${tr_id}|${tr_key}`;
      const reply = (rt_cd: string, msg_cd: string, msg1: string, output?: object) =>
        socket.send(
          JSON.stringify({ header: { tr_id, tr_key, encrypt: 'N' }, body: { rt_cd, msg_cd, msg1, output } }),
        );
      if (message.header.tr_type === '2') {
        registered.delete(id);
        reply('0', 'OPSP0001', 'UNSUBSCRIBE SUCCESS');
      } else if (registered.size >= (options.cap ?? 41)) {
        reply('1', 'OPSP0008', 'MAX SUBSCRIBE OVER');
      } else {
        registered.add(id);
        reply('0', 'OPSP0000', 'SUBSCRIBE SUCCESS', { iv: NOTICE_IV, key: NOTICE_KEY });
      }
    });
  });
  const { port } = server.address() as AddressInfo;
  const open = () => sockets.filter((s) => s.readyState === WebSocket.OPEN);
  return {
    url: `ws://127.0.0.1:${port}`,
    received,
    paths,
    connections: open,
    broadcast: (text) => open().forEach((s) => s.send(text)),
    dropAll: () => open().forEach((s) => s.terminate()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        server.close(() => resolve());
      }),
  };
}

/** An H0STCNI0/9 data frame encrypted the way KIS does it. */
export function encryptedNoticeFrame(trId: string, fields: string[]): string {
  const cipher = createCipheriv(
    'aes-256-cbc',
    Buffer.from(NOTICE_KEY, 'utf8'),
    Buffer.from(NOTICE_IV, 'utf8'),
  );
  const payload = Buffer.concat([cipher.update(fields.join('^'), 'utf8'), cipher.final()]).toString('base64');
  return `1|${trId}|001|${payload}`;
}

/** The 26 notice fields with sensible defaults. */
export function noticeFields(
  overrides: Partial<
    Record<
      | 'account'
      | 'orderNo'
      | 'side'
      | 'rctf'
      | 'ticker'
      | 'qty'
      | 'price'
      | 'time'
      | 'refused'
      | 'fill'
      | 'orderQty'
      | 'orderPrice',
      string
    >
  >,
): string[] {
  const v = {
    account: '1234567801',
    orderNo: '0000008637',
    side: '02',
    rctf: '0',
    ticker: '069500',
    qty: '3',
    price: '36090',
    time: '093015',
    refused: '0',
    fill: '2',
    orderQty: '3',
    orderPrice: '36090',
    ...overrides,
  };
  return [
    'unittester',
    v.account,
    v.orderNo,
    '',
    v.side,
    v.rctf,
    '00',
    '0',
    v.ticker,
    v.qty,
    v.price,
    v.time,
    v.refused,
    v.fill,
    '2',
    '00950',
    v.orderQty,
    '홍길동',
    '0',
    '1',
    'N',
    '',
    '10',
    '',
    'KODEX 200',
    v.orderPrice,
  ];
}
