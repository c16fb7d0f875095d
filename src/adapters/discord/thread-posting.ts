import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type MessageCreateOptions,
  type MessageEditOptions,
  type SendableChannels,
  type TextBasedChannel,
} from 'discord.js';

/** Whether Discord answered with this JSON error code (e.g. 50083 Thread is archived, 50013 Missing Permissions). */
export function isDiscordError(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

async function unarchive(channel: TextBasedChannel): Promise<void> {
  if (channel.isThread() && (channel.archived ?? false)) await channel.setArchived(false);
}

/**
 * Edits one of the desk's messages. Discord refuses edits in an archived thread (50083), so an archived thread
 * is unarchived first — and again on a 50083 when the cache had not heard of the archiving yet.
 */
export async function editMessageIn(
  channel: TextBasedChannel,
  messageId: string,
  options: MessageEditOptions,
): Promise<void> {
  await unarchive(channel);
  try {
    await channel.messages.edit(messageId, options);
  } catch (error) {
    if (!channel.isThread() || !isDiscordError(error, RESTJSONErrorCodes.InvalidActionOnArchivedThread))
      throw error;
    await channel.setArchived(false);
    await channel.messages.edit(messageId, options);
  }
}

/** Posts into a channel or thread; an archived thread is unarchived first (and on a 50083). */
export async function sendIn(channel: SendableChannels, options: MessageCreateOptions) {
  await unarchive(channel);
  try {
    return await channel.send(options);
  } catch (error) {
    if (!channel.isThread() || !isDiscordError(error, RESTJSONErrorCodes.InvalidActionOnArchivedThread))
      throw error;
    await channel.setArchived(false);
    return channel.send(options);
  }
}
