import type { Message } from 'discord.js';
import { AssistantInputError } from '../../app/assistant';
import type { AssistantReply, Locale, Speaker } from '../../app/desk-api';
import type { ChannelContext } from './context';
import { catalogsFor } from './locale';
import { NO_MENTIONS } from './posting';
import { safeError } from './safe-error';
import { truncate } from './text';
import { escapeUntrusted } from './untrusted';

const MAX_TURN_LENGTH = 4_000;

/**
 * A conversation thread is one the bot opened in the trade channel. Checked on Discord's own data (parent and
 * owner), so it holds after a restart without any bookkeeping.
 */
export function isDeskThread(message: Message, ctx: ChannelContext): boolean {
  const channel = message.channel;
  return (
    message.guildId === ctx.config.guildId &&
    channel.isThread() &&
    channel.parentId === ctx.config.tradeChannelId &&
    channel.ownerId === ctx.client.user?.id
  );
}

/**
 * What the thread is told when a turn fails: an input error's own message (in the speaker's language, e.g. "this
 * conversation was not found"), otherwise the general apology; only the latter is logged as an error.
 */
export function turnFailureText(error: unknown, ctx: ChannelContext, threadId: string, locale: Locale): string {
  if (error instanceof AssistantInputError) {
    ctx.logger.warn({ code: error.code, threadId }, 'the desk refused the message');
    return escapeUntrusted(error.userMessage);
  }
  ctx.logger.error({ err: safeError(error), threadId }, 'conversation turn failed');
  return catalogsFor(locale).text.trade.answerFailed;
}

/** A person's message in a desk thread becomes the next turn; bots (the desk itself included) are ignored. */
export async function relayThreadMessage(message: Message, ctx: ChannelContext): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system) return;
  if (!isDeskThread(message, ctx)) return;
  const text = message.content.trim();
  if (text === '') return;
  const thread = message.channel;
  if (!thread.isThread()) return;
  const locale = ctx.threadLocales.get(thread.id) ?? ctx.defaultLocale;
  const speaker: Speaker = {
    userId: message.author.id,
    displayName: message.member?.displayName ?? message.author.displayName,
    locale,
  };
  await ctx.threads.run(thread.id, async () => {
    await thread.sendTyping().catch(() => undefined);
    let reply: AssistantReply;
    try {
      reply = await ctx.desk.continueConversation(
        { channel: 'discord', threadKey: thread.id },
        speaker,
        truncate(text, MAX_TURN_LENGTH),
      );
    } catch (error) {
      await thread.send({ content: turnFailureText(error, ctx, thread.id, locale), allowedMentions: NO_MENTIONS });
      return;
    }
    await ctx.posting.postReply(thread, reply, locale);
  });
}
