import { PermissionFlagsBits, type SlashCommandBuilder } from 'discord.js';

/**
 * Commands that change the desk are hidden from members without Manage Server by default (a server admin can
 * grant them to the approver role under Integrations). The handlers still check the approver list at run time.
 */
export function approverOnly(builder: SlashCommandBuilder): SlashCommandBuilder {
  return builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
}
