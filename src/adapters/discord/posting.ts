import {
  MessageFlags,
  type Message,
  type MessageCreateOptions,
  type MessageMentionOptions,
} from 'discord.js';
import type { AssistantReply, Desk, Locale } from '../../app/desk-api';
import type { IntentRecord } from '../../app/trading-store';
import type { ApproverPing } from './approver-ping';
import type { CardRegistry } from './card-registry';
import { catalogsFor } from './locale';
import { assistantReplyText } from './render/assistant-reply';
import type { EnvironmentBadge } from './render/badge';
import { renderProposalCard, type CardStatus } from './render/proposal-card';
import { splitMessage } from './text';

/** Model and planner text is untrusted: nothing it contains may ping anyone. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

/** A thread or text channel: all posting needs. */
export interface PostTarget {
  send(options: MessageCreateOptions): Promise<Message>;
}

/** Posts the desk's answers and proposal cards into a thread. */
export class DeskPosting {
  constructor(
    private readonly desk: Desk,
    private readonly cards: CardRegistry,
    private readonly badge: EnvironmentBadge,
    /** Who a card awaiting approval calls; null pings nobody. */
    private readonly ping: ApproverPing | null = null,
  ) {}

  instrumentName(ticker: string): string {
    return this.desk.universe().find((item) => item.ticker === ticker)?.name ?? '';
  }

  cardFor(intent: IntentRecord, locale: Locale, status?: CardStatus) {
    return renderProposalCard(intent, {
      catalogs: catalogsFor(locale),
      badge: this.badge,
      instrumentName: this.instrumentName(intent.ticker),
      ...(status ? { status } : {}),
    });
  }

  /** The answer text (split to Discord's 2,000 characters), then one card per proposal. */
  async postReply(channel: PostTarget, reply: AssistantReply, locale: Locale): Promise<void> {
    for (const part of splitMessage(assistantReplyText(reply, catalogsFor(locale)))) {
      await channel.send({ content: part, allowedMentions: NO_MENTIONS, flags: MessageFlags.SuppressEmbeds });
    }
    for (const intent of reply.proposals) await this.postCard(channel, intent, locale);
  }

  /**
   * A card awaiting approval calls the approvers (only them: the allowed mentions name exactly their ids);
   * `ping: false` for cards whose post already called them (the daily plan's summary).
   */
  async postCard(
    channel: PostTarget,
    intent: IntentRecord,
    locale: Locale,
    options: { ping?: boolean } = {},
  ): Promise<Message> {
    const ping = options.ping !== false && intent.status === 'AWAITING_APPROVAL' ? this.ping : null;
    const message = await channel.send({
      ...this.cardFor(intent, locale),
      ...(ping
        ? {
            content: catalogsFor(locale).text.card.approversCalled(ping.mentions),
            allowedMentions: ping.allowedMentions,
          }
        : { allowedMentions: NO_MENTIONS }),
    });
    await this.cards.record(
      intent.id,
      { channel: 'discord', channelId: message.channelId, messageId: message.id },
      locale,
    );
    return message;
  }
}
