import type { Message } from 'discord.js';
import type { Speaker } from '../../app/desk-api';
import { answerInThread } from './answer-stream';
import type { ChannelContext } from './context';
import { truncate } from './text';

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
  await ctx.threads.run(thread.id, () =>
    answerInThread(
      ctx,
      thread,
      locale,
      (progress) =>
        ctx.desk.continueConversation(
          { channel: 'discord', threadKey: thread.id },
          speaker,
          truncate(text, MAX_TURN_LENGTH),
          progress,
        ),
      'continueConversation failed',
    ),
  );
}
