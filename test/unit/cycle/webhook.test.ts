import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookAlertForwarder, type WebhookProblem } from '../../../src/adapters/alerts/webhook';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { DeskEvent } from '../../../src/app/desk-events';
import type { AlertRecord } from '../../../src/app/trading-store';

const SECRET_PATH = '/services/T000/B000/s3cr3t-t0ken';

interface Receiver {
  url: string;
  bodies: unknown[];
  respond: (res: ServerResponse) => void;
  close(): Promise<void>;
}

let receiver: Receiver | null = null;

async function startReceiver(): Promise<Receiver> {
  const bodies: unknown[] = [];
  const state: Receiver = {
    url: '',
    bodies,
    respond: (res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    close: async () => undefined,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push({
        path: req.url,
        contentType: req.headers['content-type'],
        json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      state.respond(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}${SECRET_PATH}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

let nextId = 1;
const alertEvent = (overrides: Partial<AlertRecord> = {}): DeskEvent => ({
  type: 'alert',
  alert: {
    id: nextId++,
    kind: 'NAV_FLOOR',
    severity: 'critical',
    message: '순자산이 하한보다 낮습니다.',
    data: { en: 'NAV is below the floor.' },
    at: new Date(0),
    ...overrides,
  },
});

describe('alert delivery to a webhook', () => {
  it('when an alert is raised then one POST with {text} JSON reaches the webhook, and other events send nothing', async () => {
    // Arrange
    receiver = await startReceiver();
    const forwarder = createWebhookAlertForwarder({ url: receiver.url, clock: new FakeClock(0) });

    // Act
    await forwarder.listener(alertEvent());
    await forwarder.listener({ type: 'trading-state.changed', change: { state: 'HALTED', previousState: 'ACTIVE', reason: 'stop', actor: 'alice', at: new Date(0) } });
    await forwarder.flush();

    // Assert
    expect(receiver.bodies).toEqual([
      {
        path: SECRET_PATH,
        contentType: 'application/json',
        json: { text: '[CRITICAL] NAV_FLOOR: 순자산이 하한보다 낮습니다.' },
      },
    ]);
    expect(forwarder.stats()).toEqual({ sent: 1, failed: 0, dropped: 0 });
  });

  it('when the desk locale is English then the English text from the alert data is sent', async () => {
    // Arrange
    receiver = await startReceiver();
    const forwarder = createWebhookAlertForwarder({ url: receiver.url, clock: new FakeClock(0), locale: 'en' });

    // Act
    await forwarder.listener(alertEvent());
    await forwarder.flush();

    // Assert
    expect(receiver.bodies.map((b) => (b as { json: unknown }).json)).toEqual([{ text: '[CRITICAL] NAV_FLOOR: NAV is below the floor.' }]);
  });

  it('when the webhook does not answer then the send times out once, without a retry, and the report never names the URL', async () => {
    // Arrange
    receiver = await startReceiver();
    receiver.respond = () => undefined;
    const problems: WebhookProblem[] = [];
    const forwarder = createWebhookAlertForwarder({
      url: receiver.url,
      clock: new FakeClock(0),
      timeoutMs: 200,
      onProblem: (p) => problems.push(p),
    });

    // Act
    await forwarder.listener(alertEvent());
    await forwarder.flush();

    // Assert
    expect(problems.map((p) => p.kind)).toEqual(['timeout']);
    expect(receiver.bodies).toHaveLength(1);
    expect(JSON.stringify(problems)).not.toContain('s3cr3t');
  });

  it('when the webhook keeps failing then deliveries pause instead of piling up, and resume after the pause', async () => {
    // Arrange
    receiver = await startReceiver();
    receiver.respond = (res) => void res.writeHead(500).end('down');
    const clock = new FakeClock(0);
    const problems: WebhookProblem[] = [];
    const forwarder = createWebhookAlertForwarder({
      url: receiver.url,
      clock,
      failuresBeforePause: 3,
      pauseMs: 60_000,
      onProblem: (p) => problems.push(p),
    });

    // Act
    for (let i = 0; i < 5; i++) await forwarder.listener(alertEvent());
    await forwarder.flush();
    const requestsWhileFailing = receiver.bodies.length;
    receiver.respond = (res) => void res.writeHead(204).end();
    clock.advance(60_000);
    await forwarder.listener(alertEvent());
    await forwarder.flush();

    // Assert
    expect(requestsWhileFailing).toBe(3);
    expect(problems.map((p) => (p.kind === 'dropped' ? `dropped:${p.reason}` : p.kind))).toEqual([
      'http',
      'http',
      'http',
      'dropped:paused',
      'dropped:paused',
    ]);
    expect(receiver.bodies).toHaveLength(4);
    expect(forwarder.stats()).toEqual({ sent: 1, failed: 3, dropped: 2 });
  });

  it('when more alerts arrive than the queue holds then the excess is dropped and counted', async () => {
    // Arrange
    receiver = await startReceiver();
    const forwarder = createWebhookAlertForwarder({ url: receiver.url, clock: new FakeClock(0), maxQueue: 2 });

    // Act: the first is taken by the worker at once, two wait, the fourth has no room
    for (let i = 0; i < 4; i++) await forwarder.listener(alertEvent());
    await forwarder.flush();

    // Assert
    expect(forwarder.stats()).toEqual({ sent: 3, failed: 0, dropped: 1 });
  });

  it('when the URL is not http(s) then creation fails without quoting it', () => {
    expect(() =>
      createWebhookAlertForwarder({ url: 'ftp://hooks.example/s3cr3t', clock: new FakeClock(0) }),
    ).toThrow(/^ALERT_WEBHOOK_URL must be an http\(s\) URL$/);
  });

  it('when a Telegram URL names no chat then creation fails, and with chat_id it is accepted', () => {
    const clock = new FakeClock(0);
    expect(() => createWebhookAlertForwarder({ url: 'https://api.telegram.org/bot1:s3cr3t/sendMessage', clock })).toThrow(
      /^ALERT_WEBHOOK_URL: a Telegram sendMessage URL needs \?chat_id=<chat id>$/,
    );
    expect(() =>
      createWebhookAlertForwarder({ url: 'https://api.telegram.org/bot1:s3cr3t/sendMessage?chat_id=42', clock }),
    ).not.toThrow();
  });
});
