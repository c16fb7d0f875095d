import { ApplicationIntegrationType, InteractionContextType, type SlashCommandBuilder } from 'discord.js';

/** The desk works in one guild's channels and threads; its commands are not offered in DMs. */
export function guildOnly(builder: SlashCommandBuilder): SlashCommandBuilder {
  return builder
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}
