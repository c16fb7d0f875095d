import {
  MessageFlags,
  type APIInteractionGuildMember,
  type GuildMember,
  type RepliableInteraction,
} from 'discord.js';
import type { DiscordChannelConfig } from '../config';
import type { ChannelContext } from '../context';
import { catalogsFor, localeOf, type Catalogs } from '../locale';
import { NO_MENTIONS } from '../posting';
import { requireAllowedApprover, type Denial } from '../preconditions';

export function denialText(denial: Denial, catalogs: Catalogs, config: DiscordChannelConfig): string {
  switch (denial) {
    case 'wrong-guild':
      return catalogs.text.denial.wrongGuild;
    case 'wrong-channel':
      return catalogs.text.denial.wrongChannel(config.tradeChannelId);
    case 'not-approver':
      return catalogs.text.denial.notApprover;
  }
}

/** Only the person who asked sees it; as the first response, or as a follow-up once acknowledged. */
export async function tellEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const message = { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(message);
  else await interaction.reply(message);
}

export function deny(
  interaction: RepliableInteraction,
  denial: Denial,
  catalogs: Catalogs,
  config: DiscordChannelConfig,
): Promise<void> {
  return tellEphemeral(interaction, denialText(denial, catalogs, config));
}

/** For commands that change the desk: true when the person is an approver, otherwise they are told no. */
export async function approverOrDeny(
  interaction: RepliableInteraction,
  ctx: ChannelContext,
): Promise<boolean> {
  const allowed = requireAllowedApprover(interaction.user.id, memberRoleIds(interaction.member), ctx.config);
  if (allowed.ok) return true;
  await deny(interaction, allowed.denial, catalogsFor(localeOf(interaction.locale)), ctx.config);
  return false;
}

/** Role ids of the member behind an interaction (cached member or the raw payload's list). */
export function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  const roles = member.roles;
  return Array.isArray(roles) ? [...roles] : [...roles.cache.keys()];
}

export function displayNameOf(interaction: RepliableInteraction): string {
  const member = interaction.member;
  if (member && 'displayName' in member) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}
