import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
  type APIMessage,
} from 'discord-api-types/v10';
import type { FakeThreadChannel } from './channel-store';
import type { FakeDiscordState } from './state';

/** Discord tells the bot about its own messages too; bots must ignore them, and the e2e suite should see that. */
export function announceMessageCreate(state: FakeDiscordState, message: APIMessage): void {
  if (((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return;
  state.gateway.dispatch(
    GatewayDispatchEvents.MessageCreate,
    { ...message, guild_id: state.fixtures.guild.id },
    GatewayIntentBits.GuildMessages,
  );
}

export function announceThreadCreate(state: FakeDiscordState, thread: FakeThreadChannel): void {
  state.gateway.dispatch(
    GatewayDispatchEvents.ThreadCreate,
    { ...thread, newly_created: true },
    GatewayIntentBits.Guilds,
  );
}
