import {
  ChannelType,
  PermissionFlagsBits,
  type GuildMemberFlags,
  type RoleFlags,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
} from 'discord-api-types/v10';

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  roleIds: string[];
}

export interface FakeGuildChannel {
  id: string;
  name: string;
}

/** The fixed world every fake starts with. Ids are constants so tests and snapshots can name them. */
export interface FakeDiscordFixtures {
  applicationId: string;
  botToken: string;
  botUser: FakeUser;
  guild: { id: string; name: string; ownerId: string };
  channels: { trade: FakeGuildChannel; briefing: FakeGuildChannel; alert: FakeGuildChannel };
  roles: { everyone: string; approver: string; bot: string };
  users: { alice: FakeUser; bob: FakeUser; mallory: FakeUser };
}

const GUILD_ID = '1000000000000000100';
const APPROVER_ROLE_ID = '1000000000000000301';
const BOT_ROLE_ID = '1000000000000000302';

export function createFixtures(): FakeDiscordFixtures {
  const applicationId = '1000000000000000001';
  return {
    applicationId,
    botToken: 'fake-bot-token.for-tests-only',
    botUser: { id: applicationId, username: 'kis-desk', globalName: null, bot: true, roleIds: [BOT_ROLE_ID] },
    guild: { id: GUILD_ID, name: 'kis-desk test guild', ownerId: '1000000000000000401' },
    channels: {
      trade: { id: '1000000000000000201', name: 'trade' },
      briefing: { id: '1000000000000000202', name: 'briefing' },
      alert: { id: '1000000000000000203', name: 'alert' },
    },
    roles: { everyone: GUILD_ID, approver: APPROVER_ROLE_ID, bot: BOT_ROLE_ID },
    users: {
      alice: {
        id: '1000000000000000401',
        username: 'alice',
        globalName: 'Alice',
        bot: false,
        roleIds: [APPROVER_ROLE_ID],
      },
      bob: {
        id: '1000000000000000402',
        username: 'bob',
        globalName: 'Bob',
        bot: false,
        roleIds: [APPROVER_ROLE_ID],
      },
      mallory: {
        id: '1000000000000000403',
        username: 'mallory',
        globalName: 'Mallory',
        bot: false,
        roleIds: [],
      },
    },
  };
}

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

// What an invite with the bot's requested scopes would grant its managed role.
const BOT_ROLE_PERMISSIONS =
  PermissionFlagsBits.ManageThreads |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.CreatePrivateThreads;

function role(id: string, name: string, permissions: bigint, position: number, managed: boolean): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: permissions.toString(),
    managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function guildRoles(fixtures: FakeDiscordFixtures): APIRole[] {
  return [
    role(fixtures.roles.everyone, '@everyone', EVERYONE_PERMISSIONS, 0, false),
    role(fixtures.roles.approver, 'approver', 0n, 1, false),
    role(fixtures.roles.bot, 'kis-desk', BOT_ROLE_PERMISSIONS, 2, true),
  ];
}

export function memberPermissions(fixtures: FakeDiscordFixtures, user: FakeUser): string {
  const roles = guildRoles(fixtures);
  let permissions = 0n;
  for (const r of roles) {
    if (r.id === fixtures.roles.everyone || user.roleIds.includes(r.id)) permissions |= BigInt(r.permissions);
  }
  return permissions.toString();
}

export function apiUser(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function apiMember(user: FakeUser, joinedAt: string): APIGuildMember {
  return {
    user: apiUser(user),
    roles: [...user.roleIds],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}

export function interactionMember(
  fixtures: FakeDiscordFixtures,
  user: FakeUser,
  joinedAt: string,
): APIInteractionGuildMember {
  return { ...apiMember(user, joinedAt), permissions: memberPermissions(fixtures, user) };
}

export function guildTextChannels(fixtures: FakeDiscordFixtures): APITextChannel[] {
  const { trade, briefing, alert } = fixtures.channels;
  return [trade, briefing, alert].map((channel, position) => ({
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: fixtures.guild.id,
    name: channel.name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    default_auto_archive_duration: 4320,
    permission_overwrites: [],
  }));
}

export function allMembers(fixtures: FakeDiscordFixtures): FakeUser[] {
  return [fixtures.botUser, fixtures.users.alice, fixtures.users.bob, fixtures.users.mallory];
}
