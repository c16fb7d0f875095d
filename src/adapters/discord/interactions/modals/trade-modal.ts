import {
  ChannelType,
  MessageFlags,
  ThreadAutoArchiveDuration,
  type ModalSubmitInteraction,
  type ThreadChannel,
} from 'discord.js';
import type { Speaker } from '../../../../app/desk-api';
import { answerInThread } from '../../answer-stream';
import { guildTextChannel } from '../../channels';
import type { ChannelContext } from '../../context';
import { QUESTION_FIELD_ID, TICKER_FIELD_ID } from '../../custom-ids';
import { catalogsFor, localeOf } from '../../locale';
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

/**
 * The /trade modal's submit: acknowledged at once (ephemeral "thinking"), then a public thread in the trade
 * channel; the reply links the thread at once, and the answer forms there (typing, growing text), followed by
 * its proposal cards.
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
  // The asker follows the thread (it shows in their list and they hear of the answer); best effort.
  await thread.members
    .add(interaction.user.id)
    .catch((error: unknown) =>
      ctx.logger.warn(
        { err: safeError(error), threadId: thread.id },
        'could not add the asker to the thread',
      ),
    );
  const speaker: Speaker = {
    userId: interaction.user.id,
    displayName: displayNameOf(interaction),
    locale: catalogs.locale,
  };
  const question = composeQuestion(input.data, ctx.desk.universe());
  await interaction.editReply({
    content: catalogs.text.trade.threadOpened(thread.id),
    allowedMentions: NO_MENTIONS,
  });
  await ctx.threads.run(thread.id, () =>
    answerInThread(
      ctx,
      thread,
      catalogs.locale,
      (progress) =>
        ctx.desk.startConversation(
          { channel: 'discord', threadKey: thread.id },
          speaker,
          question,
          title,
          progress,
        ),
      'startConversation failed',
    ),
  );
}
