import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** The channel permissions the desk needs (README, Discord setup step 3), by Discord's own flag names. */
export type DeskPermission =
  | 'SendMessages'
  | 'SendMessagesInThreads'
  | 'CreatePublicThreads'
  | 'ManageThreads'
  | 'EmbedLinks'
  | 'AttachFiles';

export interface MissingPermission {
  permission: DeskPermission;
  channelId: string | null;
}

/**
 * Which permission a 403 50013 "Missing Permissions" was about, read from the request that got it (Discord
 * does not say): creating a thread, posting in a thread or a channel, changing a thread. Null for any other error.
 */
export function missingPermissionOf(
  error: unknown,
  isThread: (channelId: string) => boolean = () => false,
): MissingPermission | null {
  if (!(error instanceof DiscordAPIError) || error.code !== RESTJSONErrorCodes.MissingPermissions)
    return null;
  const path = new URL(error.url, 'http://discord.invalid').pathname.replace(/^.*\/v\d+/, '');
  const channelId = /^\/channels\/(\d+)/.exec(path)?.[1] ?? null;
  const method = error.method.toUpperCase();
  let permission: DeskPermission = 'SendMessages';
  if (/^\/channels\/\d+(\/messages\/\d+)?\/threads$/.test(path)) permission = 'CreatePublicThreads';
  else if (/^\/channels\/\d+$/.test(path) && method === 'PATCH') permission = 'ManageThreads';
  else if (/^\/channels\/\d+\/messages/.test(path))
    permission = channelId !== null && isThread(channelId) ? 'SendMessagesInThreads' : 'SendMessages';
  return { permission, channelId };
}
