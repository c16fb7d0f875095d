import type { DeskEvent } from '../../app/desk-events';
import type { IntentRecord } from '../../app/trading-store';
import { sendableChannel } from './channels';
import type { ChannelContext } from './context';
import { clickResponse } from './click-outcome';
import { catalogsFor } from './locale';
import { NO_MENTIONS } from './posting';
import { orderUpdateText } from './render/order-update';
import { safeError } from './safe-error';

type OrderUpdated = Extract<DeskEvent, { type: 'order.updated' }>;

export interface AlertPoster {
  postAlertEvent(event: Extract<DeskEvent, { type: 'alert' | 'trading-state.changed' }>): Promise<void>;
}

/**
 * Turns desk events into Discord posts: order acceptance and fills in the intent's thread, an expired card
 * closed, alerts and trading-state changes in the alert channel. The desk awaits its listeners, so this
 * only queues the work (per thread, in event order) and returns: Discord latency never holds up trading.
 */
export class DeskEventRelay {
  constructor(
    private readonly ctx: ChannelContext,
    private readonly alerts: AlertPoster,
    private readonly track: (work: Promise<unknown>) => void,
  ) {}

  listen(): () => void {
    return this.ctx.desk.events.subscribe((event) => this.onEvent(event));
  }

  private onEvent(event: DeskEvent): void {
    switch (event.type) {
      case 'order.updated':
        this.followOrder(event);
        return;
      case 'intent.updated':
        if (event.intent.status === 'EXPIRED') this.closeExpiredCard(event.intent);
        return;
      case 'deferred.released':
        this.settleReleasedCard(event);
        return;
      case 'alert':
      case 'trading-state.changed':
        this.track(this.guard('alert', this.alerts.postAlertEvent(event)));
        return;
    }
  }

  private followOrder(event: OrderUpdated): void {
    const { ctx } = this;
    const location = ctx.cards.find(event.order.intentId, event.intent?.cardRef ?? null, ctx.defaultLocale);
    if (!location) return;
    const text = orderUpdateText(event, catalogsFor(location.locale));
    if (text === null) return;
    const threadId = location.ref.channelId;
    const work = ctx.threads.run(threadId, async () => {
      const channel = await sendableChannel(ctx.client, threadId);
      await channel?.send({ content: text, allowedMentions: NO_MENTIONS });
    });
    this.track(this.guard('order follow-up', work));
  }

  /**
   * A deferred approval was sent (or denied, or needs a new approval) when its session opened, with nobody
   * clicking: the card gets its final state exactly as a click would have given it, and a replacement card is
   * posted in the same thread.
   */
  private settleReleasedCard(event: Extract<DeskEvent, { type: 'deferred.released' }>): void {
    const { ctx } = this;
    const outcome = event.outcome;
    const known = 'intent' in outcome ? outcome.intent : null;
    const location = ctx.cards.find(event.intentId, known?.cardRef ?? null, ctx.defaultLocale);
    if (!location) return;
    const { channelId, messageId } = location.ref;
    const response = clickResponse(outcome, event.approverId ?? '', catalogsFor(location.locale));
    const work = ctx.threads.run(channelId, async () => {
      const channel = await ctx.client.channels.fetch(channelId).catch(() => null);
      if (!channel?.isTextBased() || !channel.isSendable()) return;
      if (response.card) {
        const intent = response.card.intent ?? (await ctx.desk.getIntent(response.card.intentId));
        if (intent)
          await channel.messages.edit(messageId, {
            ...ctx.posting.cardFor(intent, location.locale, response.card.status),
            allowedMentions: NO_MENTIONS,
          });
      }
      if (response.replacement) await ctx.posting.postCard(channel, response.replacement, location.locale);
    });
    this.track(this.guard('released card', work));
  }

  private closeExpiredCard(intent: IntentRecord): void {
    const { ctx } = this;
    const location = ctx.cards.find(intent.id, intent.cardRef, ctx.defaultLocale);
    if (!location) return;
    const { channelId, messageId } = location.ref;
    const work = ctx.threads.run(channelId, async () => {
      const channel = await ctx.client.channels.fetch(channelId).catch(() => null);
      if (!channel?.isTextBased()) return;
      await channel.messages.edit(messageId, {
        ...ctx.posting.cardFor(intent, location.locale, { kind: 'expired' }),
        allowedMentions: NO_MENTIONS,
      });
    });
    this.track(this.guard('expired card', work));
  }

  private async guard(what: string, work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.ctx.logger.warn({ err: safeError(error), what }, 'desk event not posted');
    }
  }
}
