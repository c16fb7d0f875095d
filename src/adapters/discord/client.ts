import { Client, GatewayIntentBits } from 'discord.js';

/**
 * The smallest set of gateway intents the desk needs:
 * - Guilds: the guild's channels and threads in the cache (the trade channel, threads to post into, thread
 *   ownership checks) and THREAD_* updates.
 * - GuildMessages: MESSAGE_CREATE in the trade threads, so a person's reply becomes the next turn.
 * - MessageContent (privileged; switch it on in the Developer Portal): without it those messages arrive with
 *   empty content unless the bot is mentioned.
 * Members and presences are not needed: interactions carry the clicker's roles.
 */
export const DESK_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
] as const;

export function createDiscordClient(restApi?: string): Client {
  return new Client({
    intents: [...DESK_INTENTS],
    // Defence in depth: nothing the bot sends pings anyone unless a message explicitly says so.
    allowedMentions: { parse: [] },
    ...(restApi ? { rest: { api: restApi } } : {}),
  });
}
