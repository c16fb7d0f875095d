import {
  ChannelType,
  MessageFlags,
  ThreadAutoArchiveDuration,
  type ModalSubmitInteraction,
  type ThreadChannel,
} from 'discord.js';
import type { AssistantReply, Speaker } from '../../../../app/desk-api';
import { guildTextChannel } from '../../channels';
import type { ChannelContext } from '../../context';
import { QUESTION_FIELD_ID, TICKER_FIELD_ID } from '../../custom-ids';
import { catalogsFor, localeOf, type Catalogs } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { requireTradeChannel } from '../../preconditions';
import { missingPermissionOf } from '../../permissions';
import { safeError } from '../../safe-error';
import { threadNameFrom } from '../../text';
import { composeQuestion, tradeQuestionSchema } from '../../trade-question';
import { deny, displayNameOf } from '../respond';

function fieldValue(interaction: ModalSubmitInteraction, customId: string): string | undefined {
  try {
    return interaction.fields.getTextInputValue(customId);
  } catch {
    return undefined;
  }
}

async function openThread(ctx: ChannelContext, name: string): Promise<ThreadChannel> {
  const parent = await guildTextChannel(ctx.client, ctx.config.tradeChannelId);
  return parent.threads.create({
    name,
    type: ChannelType.PublicThread,
    autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
  });
}

async function answerInThread(
  ctx: ChannelContext,
  thread: ThreadChannel,
  speaker: Speaker,
  question: string,
  title: string,
  catalogs: Catalogs,
): Promise<void> {
  let reply: AssistantReply;
  try {
    reply = await ctx.desk.startConversation(
      { channel: 'discord', threadKey: thread.id },
      speaker,
      question,
      title,
    );
  } catch (error) {
    ctx.logger.error({ err: safeError(error), threadId: thread.id }, 'startConversation failed');
    await thread.send({ content: catalogs.text.trade.answerFailed, allowedMentions: NO_MENTIONS });
    return;
  }
  await ctx.posting.postReply(thread, reply, catalogs.locale);
}

/**
 * The /trade modal's submit: acknowledged at once (ephemeral "thinking"), then a public thread in the trade
 * channel, the desk's answer and its proposal cards there, and finally the reply edited to link the thread.
 */
export async function tradeModalSubmit(
  interaction: ModalSubmitInteraction,
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const place = requireTradeChannel(interaction.channelId, ctx.config);
  if (!place.ok) return deny(interaction, place.denial, catalogs, ctx.config);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });

  const input = tradeQuestionSchema.safeParse({
    question: fieldValue(interaction, QUESTION_FIELD_ID),
    ticker: fieldValue(interaction, TICKER_FIELD_ID),
  });
  if (!input.success) {
    await interaction.editReply({
      content: catalogs.text.trade.invalidQuestion,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const title = threadNameFrom(input.data.question, catalogs.text.trade.defaultThreadName);
  let thread: ThreadChannel;
  try {
    thread = await openThread(ctx, title);
  } catch (error) {
    const missing = missingPermissionOf(
      error,
      (id) => ctx.client.channels.cache.get(id)?.isThread() ?? false,
    );
    ctx.logger.error(
      {
        err: safeError(error),
        ...(missing ? { permission: missing.permission, channelId: missing.channelId } : {}),
      },
      missing ? `missing Discord permission ${missing.permission}` : 'could not create the trade thread',
    );
    const { text } = catalogs;
    await interaction.editReply({
      content: missing
        ? text.denial.missingPermission(text.permissions[missing.permission], missing.channelId)
        : text.trade.threadFailed,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  ctx.threadLocales.set(thread.id, catalogs.locale);
  const speaker: Speaker = {
    userId: interaction.user.id,
    displayName: displayNameOf(interaction),
    locale: catalogs.locale,
  };
  const question = composeQuestion(input.data, ctx.desk.universe());
  await ctx.threads.run(thread.id, () => answerInThread(ctx, thread, speaker, question, title, catalogs));
  await interaction.editReply({
    content: catalogs.text.trade.threadOpened(thread.id),
    allowedMentions: NO_MENTIONS,
  });
}
