import {
  type ApplicationFlags,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type APIGuild,
  type APIGuildMember,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildMembersChunkDispatchData,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
} from 'discord-api-types/v10';
import { allMembers, apiMember, apiUser, guildRoles } from './fixtures';
import type { FakeDiscordState } from './state';

export function guildObject(state: FakeDiscordState): APIGuild {
  const { fixtures } = state;
  return {
    id: fixtures.guild.id,
    name: fixtures.guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: fixtures.guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guildRoles(fixtures),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.Korean,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

export function guildMembers(state: FakeDiscordState): APIGuildMember[] {
  return allMembers(state.fixtures).map((user) => apiMember(user, state.joinedAt));
}

export function readyPayload(state: FakeDiscordState, sessionId: string): GatewayReadyDispatchData {
  const { fixtures } = state;
  return {
    v: 10,
    user: apiUser(fixtures.botUser),
    guilds: [{ id: fixtures.guild.id, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: state.gatewayUrl(),
    shard: [0, 1],
    // Without `application` discord.js leaves client.application null and every interaction crashes later.
    application: { id: fixtures.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

export function guildCreatePayload(state: FakeDiscordState): GatewayGuildCreateDispatchData {
  const active = state.store.threads().filter((thread) => !thread.thread_metadata?.archived);
  return {
    ...guildObject(state),
    joined_at: state.joinedAt,
    large: false,
    unavailable: false,
    member_count: allMembers(state.fixtures).length,
    voice_states: [],
    members: guildMembers(state),
    channels: state.store.guildChannels(),
    threads: active,
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function membersChunk(
  state: FakeDiscordState,
  request: GatewayRequestGuildMembersData,
): GatewayGuildMembersChunkDispatchData {
  let members = guildMembers(state);
  if ('user_ids' in request && request.user_ids !== undefined) {
    const wanted = ([] as string[]).concat(request.user_ids);
    members = members.filter((m) => wanted.includes(m.user.id));
  } else if ('query' in request && request.query) {
    const prefix = request.query.toLowerCase();
    members = members.filter((m) => m.user.username.toLowerCase().startsWith(prefix));
  }
  if ('limit' in request && request.limit) members = members.slice(0, request.limit);
  return {
    guild_id: state.fixtures.guild.id,
    members,
    chunk_index: 0,
    chunk_count: 1,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  };
}
