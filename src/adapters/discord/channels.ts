import { ChannelType, type Client, type SendableChannels, type TextChannel } from 'discord.js';

/** A configured text channel (trade, briefing, alert); from the cache when the guild is loaded. */
export async function guildTextChannel(client: Client, channelId: string): Promise<TextChannel> {
  const channel = await client.channels.fetch(channelId);
  if (channel?.type !== ChannelType.GuildText)
    throw new Error(`channel ${channelId} is not a text channel the bot can see`);
  return channel;
}

/** A channel or thread to post into, or null when it is gone or not postable. */
export async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels | null> {
  const channel = await client.channels.fetch(channelId).catch(() => null);
  return channel?.isSendable() ? channel : null;
}
