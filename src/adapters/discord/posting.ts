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
import { splitAnswer } from './text';

/** An answer longer than this many messages goes on as an attached answer.md (the whole text). */
export const MAX_ANSWER_MESSAGES = 5;
export const ANSWER_FILE_NAME = 'answer.md';

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
    await this.postAnswer(channel, reply, locale, null);
  }

  /**
   * The final answer: split into messages of Discord's 2,000 characters with code fences balanced, the first
   * one replacing `live` (the message that showed it growing) when there is one. Past five messages the first
   * four are posted and the fifth attaches the whole answer as answer.md, so nothing is dropped. Then the cards.
   */
  async postAnswer(
    channel: PostTarget,
    reply: AssistantReply,
    locale: Locale,
    live: Message | null,
  ): Promise<void> {
    const catalogs = catalogsFor(locale);
    const text = assistantReplyText(reply, catalogs);
    const parts = splitAnswer(text);
    const overflow = parts.length > MAX_ANSWER_MESSAGES;
    const shown = overflow ? parts.slice(0, MAX_ANSWER_MESSAGES - 1) : parts;
    let replaceable = live;
    for (const part of shown) {
      if (replaceable) await replaceable.edit({ content: part, allowedMentions: NO_MENTIONS });
      else
        await channel.send({
          content: part,
          allowedMentions: NO_MENTIONS,
          flags: MessageFlags.SuppressEmbeds,
        });
      replaceable = null;
    }
    if (overflow) {
      try {
        await channel.send({
          content: catalogs.text.trade.answerAsFile(ANSWER_FILE_NAME),
          files: [{ attachment: Buffer.from(text, 'utf8'), name: ANSWER_FILE_NAME }],
          allowedMentions: NO_MENTIONS,
        });
      } catch {
        // The upload was refused (size limit, permissions): the rest goes on as messages rather than nowhere.
        for (const part of parts.slice(shown.length))
          await channel.send({
            content: part,
            allowedMentions: NO_MENTIONS,
            flags: MessageFlags.SuppressEmbeds,
          });
      }
    } else if (replaceable) {
      await replaceable.delete().catch(() => undefined);
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
