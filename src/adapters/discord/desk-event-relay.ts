import type { TextBasedChannel } from 'discord.js';
import type { Locale } from '../../app/desk-api';
import type { DeskEvent } from '../../app/desk-events';
import type { IntentRecord, OrderRecord } from '../../app/trading-store';
import { sendableChannel } from './channels';
import type { ChannelContext } from './context';
import { clickResponse } from './click-outcome';
import { catalogsFor } from './locale';
import { NO_MENTIONS } from './posting';
import { orderUpdateText } from './render/order-update';
import { statusText, type CardStatus } from './render/proposal-card';
import { editMessageIn, sendIn } from './thread-posting';
import { missingPermissionOf } from './permissions';
import { safeError } from './safe-error';

type OrderUpdated = Extract<DeskEvent, { type: 'order.updated' }>;

/** Order states after the click that change what its card says (and whether it keeps a cancel button). */
const CARD_REFRESH = new Set<OrderRecord['status']>(['PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED']);

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
    const refreshCard = event.intent !== null && CARD_REFRESH.has(event.order.status);
    if (text === null && !refreshCard) return;
    const threadId = location.ref.channelId;
    const work = ctx.threads.run(threadId, async () => {
      const channel = await sendableChannel(ctx.client, threadId);
      if (!channel) return;
      // The card follows its order (partly filled, filled, cancelled — only once KIS confirmed —, lapsed): its
      // cancel button stays only while KIS holds the order open. A failed edit never holds up the follow-up.
      if (refreshCard && event.intent)
        await this.editCard(channel, location.ref.messageId, event.intent, location.locale, {
          kind: 'submitted',
          order: event.order,
          approverId: event.intent.decidedBy ?? '',
        });
      if (text !== null) await sendIn(channel, { content: text, allowedMentions: NO_MENTIONS });
    });
    this.track(this.guard('order follow-up', work));
  }

  /** Edits a card (unarchiving its thread first); a failure is logged and returns false, never thrown. */
  private async editCard(
    channel: TextBasedChannel,
    messageId: string,
    intent: IntentRecord,
    locale: Locale,
    status: CardStatus,
  ): Promise<boolean> {
    try {
      await editMessageIn(channel, messageId, {
        ...this.ctx.posting.cardFor(intent, locale, status),
        allowedMentions: NO_MENTIONS,
      });
      return true;
    } catch (error) {
      this.ctx.logger.warn(
        { err: safeError(error), intentId: intent.id, channelId: channel.id, messageId },
        'card not edited',
      );
      return false;
    }
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
      const channel = await sendableChannel(ctx.client, channelId);
      if (!channel) return;
      // A released outcome always settles the card (a status); only a first of two ✅ leaves it waiting.
      const status = response.card?.status;
      if (response.card && status) {
        const intent = response.card.intent ?? (await ctx.desk.getIntent(response.card.intentId));
        const edited =
          intent !== null && (await this.editCard(channel, messageId, intent, location.locale, status));
        // The outcome reaches the thread even when the card cannot be edited: as a message of its own.
        if (!edited)
          await sendIn(channel, {
            content: statusText(status, catalogsFor(location.locale)),
            allowedMentions: NO_MENTIONS,
          }).catch((error: unknown) =>
            ctx.logger.warn({ err: safeError(error), channelId }, 'released outcome not posted'),
          );
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
      await editMessageIn(channel, messageId, {
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
      const missing = missingPermissionOf(
        error,
        (id) => this.ctx.client.channels.cache.get(id)?.isThread() ?? false,
      );
      this.ctx.logger.warn(
        { err: safeError(error), what, ...(missing ?? {}) },
        missing
          ? `desk event not posted: missing Discord permission ${missing.permission}`
          : 'desk event not posted',
      );
    }
  }
}
