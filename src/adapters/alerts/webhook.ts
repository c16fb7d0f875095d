/**
 * Forwards desk alerts to a webhook (ALERT_WEBHOOK_URL) as `{"text": "..."}` JSON. That body is what a Slack
 * incoming webhook takes, and what Telegram's sendMessage takes when the chat is named in the URL
 * (`https://api.telegram.org/bot<token>/sendMessage?chat_id=<id>`, checked at start-up); any other receiver
 * must accept it too.
 *
 * The URL is a secret (the path or query carries the token): it is never logged, put in an error, or stored.
 * Delivery is best effort and never slows the desk: the listener only queues; one request at a time, each
 * with a timeout and no retry; after a run of failures deliveries pause instead of piling up.
 */
import { z } from 'zod';
import type { DeskEvent, DeskEventListener } from '../../app/desk-events';
import type { AlertRecord } from '../../app/trading-store';
import type { Clock } from '../../domain/clock';

export type WebhookProblem =
  | { kind: 'timeout' | 'network'; alertId: number }
  | { kind: 'http'; status: number; alertId: number }
  /** Not sent: the queue was full or deliveries are paused after repeated failures. */
  | { kind: 'dropped'; reason: 'queue-full' | 'paused'; alertId: number };

export interface WebhookAlertOptions {
  url: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** Default 5 000. */
  timeoutMs?: number;
  /** Which text to send; the alert's English text lives in `data.en`. Default Korean. */
  locale?: 'ko' | 'en';
  /** Consecutive failures that pause deliveries (default 3) and for how long (default 5 min). */
  failuresBeforePause?: number;
  pauseMs?: number;
  /** Alerts waiting to be sent; more are dropped. Default 20. */
  maxQueue?: number;
  onProblem?: (problem: WebhookProblem) => void;
}

export interface WebhookAlertForwarder {
  /** Subscribe this to DeskEvents. */
  listener: DeskEventListener;
  /** Resolves once every queued alert has been tried. */
  flush(): Promise<void>;
  stats(): { sent: number; failed: number; dropped: number };
}

const webhookUrlSchema = z.url({ protocol: /^https?$/ });

function isTelegramWebhook(url: URL): boolean {
  return url.hostname === 'api.telegram.org';
}

export function webhookText(alert: AlertRecord, locale: 'ko' | 'en'): string {
  const english = alert.data?.['en'];
  const message = locale === 'en' && typeof english === 'string' ? english : alert.message;
  return `[${alert.severity.toUpperCase()}] ${alert.kind}: ${message}`;
}

export function createWebhookAlertForwarder(options: WebhookAlertOptions): WebhookAlertForwarder {
  // The parse error would quote the input, so it is replaced by one that does not.
  if (!webhookUrlSchema.safeParse(options.url).success)
    throw new Error('ALERT_WEBHOOK_URL must be an http(s) URL');
  const parsed = new URL(options.url);
  if (isTelegramWebhook(parsed) && !parsed.searchParams.has('chat_id'))
    throw new Error('ALERT_WEBHOOK_URL: a Telegram sendMessage URL needs ?chat_id=<chat id>');
  const url = options.url;
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const locale = options.locale ?? 'ko';
  const failuresBeforePause = options.failuresBeforePause ?? 3;
  const pauseMs = options.pauseMs ?? 5 * 60_000;
  const maxQueue = options.maxQueue ?? 20;
  const queue: AlertRecord[] = [];
  const counts = { sent: 0, failed: 0, dropped: 0 };
  let consecutiveFailures = 0;
  let pausedUntil = 0;
  let worker: Promise<void> | null = null;

  const report = (problem: WebhookProblem): void => {
    try {
      options.onProblem?.(problem);
    } catch {
      // a reporting hook must not stop deliveries
    }
  };

  async function deliver(alert: AlertRecord): Promise<void> {
    if (options.clock.now().getTime() < pausedUntil) {
      counts.dropped++;
      report({ kind: 'dropped', reason: 'paused', alertId: alert.id });
      return;
    }
    let problem: WebhookProblem | null = null;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: webhookText(alert, locale) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) problem = { kind: 'http', status: response.status, alertId: alert.id };
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      problem = { kind: timedOut ? 'timeout' : 'network', alertId: alert.id };
    }
    if (!problem) {
      counts.sent++;
      consecutiveFailures = 0;
      return;
    }
    counts.failed++;
    consecutiveFailures++;
    if (consecutiveFailures >= failuresBeforePause) {
      pausedUntil = options.clock.now().getTime() + pauseMs;
      consecutiveFailures = 0;
    }
    report(problem);
  }

  function drain(): Promise<void> {
    worker ??= (async () => {
      try {
        for (let next = queue.shift(); next; next = queue.shift()) await deliver(next);
      } finally {
        worker = null;
      }
    })();
    return worker;
  }

  return {
    listener(event: DeskEvent) {
      if (event.type !== 'alert') return;
      if (queue.length >= maxQueue) {
        counts.dropped++;
        report({ kind: 'dropped', reason: 'queue-full', alertId: event.alert.id });
        return;
      }
      queue.push(event.alert);
      void drain();
    },
    async flush() {
      while (worker || queue.length > 0) await drain();
    },
    stats: () => ({ ...counts }),
  };
}
