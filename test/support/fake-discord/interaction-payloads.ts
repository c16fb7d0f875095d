import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIModalSubmissionComponent,
  type APIModalSubmitGuildInteraction,
  type Locale,
} from 'discord-api-types/v10';
import type { FakeChannel } from './channel-store';

export interface InteractionEnvelope {
  id: string;
  token: string;
  applicationId: string;
  guildId: string;
  channel: FakeChannel;
  member: APIInteractionGuildMember;
  appPermissions: string;
  locale: Locale;
  guildLocale: Locale;
  /** Bytes one upload request may carry (the fake refuses more with 413 40005). */
  attachmentSizeLimit: number;
}

export interface CommandRef {
  id: string;
  name: string;
}

// Every field discord.js 14.28 needs to build the interaction (discord-e2e.md §2): a missing one surfaces
// as an unhandled rejection inside the gateway dispatch, not as a visible error.
function envelope(e: InteractionEnvelope) {
  return {
    id: e.id,
    application_id: e.applicationId,
    token: e.token,
    version: 1 as const,
    guild_id: e.guildId,
    channel: structuredClone(e.channel),
    channel_id: e.channel.id,
    member: e.member,
    app_permissions: e.appPermissions,
    locale: e.locale,
    guild_locale: e.guildLocale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: e.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: e.attachmentSizeLimit,
  };
}

export function chatInputPayload(
  e: InteractionEnvelope,
  command: CommandRef,
  options: APIApplicationCommandInteractionDataOption[],
): APIChatInputApplicationCommandGuildInteraction {
  return {
    ...envelope(e),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: e.guildId,
      ...(options.length > 0 ? { options: options as never } : {}),
    },
  };
}

export function autocompletePayload(
  e: InteractionEnvelope,
  command: CommandRef,
  options: APIApplicationCommandInteractionDataOption[],
): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...envelope(e),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: e.guildId,
      options: options as never,
    },
  };
}

export function modalSubmitPayload(
  e: InteractionEnvelope,
  customId: string,
  components: APIModalSubmissionComponent[],
  sourceMessage: APIMessage | undefined,
): APIModalSubmitGuildInteraction {
  return {
    ...envelope(e),
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components },
    ...(sourceMessage ? { message: structuredClone(sourceMessage) } : {}),
  };
}

export type ComponentData =
  | { custom_id: string; component_type: ComponentType.Button }
  | { custom_id: string; component_type: ComponentType.StringSelect; values: string[] };

export function componentPayload(
  e: InteractionEnvelope,
  data: ComponentData,
  message: APIMessage,
): APIMessageComponentGuildInteraction {
  return {
    ...envelope(e),
    type: InteractionType.MessageComponent,
    data,
    message: structuredClone(message),
  };
}
