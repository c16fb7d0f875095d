import type { AutocompleteInteraction, Interaction } from 'discord.js';
import type { ChannelContext } from '../context';
import { parseCustomId } from '../custom-ids';
import { catalogsFor, localeOf } from '../locale';
import { requireConfiguredGuild } from '../preconditions';
import { missingPermissionOf } from '../permissions';
import { safeError } from '../safe-error';
import { deny, tellEphemeral } from './respond';
import type { ButtonHandlers, CommandRoute, ModalHandlers } from './routes';

export interface RouteTable {
  commands: readonly CommandRoute[];
  buttons: ButtonHandlers;
  modals: ModalHandlers;
}

/**
 * Sends each interaction to its handler: commands by name, buttons and modals by the prefix of their custom
 * id, parsed first. The guild is checked for everything; a handler that throws still gets the person an
 * ephemeral answer, and nothing escapes as an unhandled rejection.
 */
export class InteractionRouter {
  private readonly commands: ReadonlyMap<string, CommandRoute>;

  constructor(
    private readonly ctx: ChannelContext,
    private readonly routes: RouteTable,
  ) {
    this.commands = new Map(routes.commands.map((route) => [route.name, route]));
  }

  async route(interaction: Interaction): Promise<void> {
    try {
      await this.dispatch(interaction);
    } catch (error) {
      await this.recover(interaction, error);
    }
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (!interaction.isRepliable()) return;
    const { config } = this.ctx;
    const catalogs = catalogsFor(localeOf(interaction.locale));
    const guild = requireConfiguredGuild(interaction.guildId, config);
    if (!guild.ok) return deny(interaction, guild.denial, catalogs, config);

    if (interaction.isChatInputCommand()) {
      const command = this.commands.get(interaction.commandName);
      if (!command) return tellEphemeral(interaction, catalogs.text.denial.unknownCommand);
      return command.run(interaction, this.ctx);
    }
    const id =
      interaction.isButton() || interaction.isModalSubmit() ? parseCustomId(interaction.customId) : null;
    if (interaction.isButton()) {
      if (id?.action === 'approve') return this.routes.buttons.approve(interaction, id, this.ctx);
      if (id?.action === 'reject') return this.routes.buttons.reject(interaction, id, this.ctx);
      if (id?.action === 'approve-plan')
        return this.routes.buttons['approve-plan'](interaction, id, this.ctx);
      if (id?.action === 'cancel') return this.routes.buttons.cancel(interaction, id, this.ctx);
      if (id?.action === 'cancel-all') return this.routes.buttons['cancel-all'](interaction, id, this.ctx);
    } else if (interaction.isModalSubmit()) {
      if (id?.action === 'trade-modal') return this.routes.modals['trade-modal'](interaction, id, this.ctx);
      if (id?.action === 'confirm-approve')
        return this.routes.modals['confirm-approve'](interaction, id, this.ctx);
      if (id?.action === 'confirm-plan') return this.routes.modals['confirm-plan'](interaction, id, this.ctx);
    }
    return tellEphemeral(interaction, catalogs.text.denial.unknownComponent);
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.commands.get(interaction.commandName);
    if (interaction.guildId !== this.ctx.config.guildId || !command?.autocomplete) {
      await interaction.respond([]);
      return;
    }
    await command.autocomplete(interaction, this.ctx);
  }

  private async recover(interaction: Interaction, error: unknown): Promise<void> {
    const name = interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : null;
    const missing = missingPermissionOf(
      error,
      (id) => this.ctx.client.channels.cache.get(id)?.isThread() ?? false,
    );
    if (missing)
      this.ctx.logger.error(
        {
          err: safeError(error),
          permission: missing.permission,
          channelId: missing.channelId,
          command: name,
        },
        `missing Discord permission ${missing.permission}`,
      );
    else
      this.ctx.logger.error(
        { err: safeError(error), interactionType: interaction.type, command: name },
        'interaction handler failed',
      );
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
      } else if (interaction.isRepliable()) {
        const { text } = catalogsFor(localeOf(interaction.locale));
        await tellEphemeral(
          interaction,
          missing
            ? text.denial.missingPermission(text.permissions[missing.permission], missing.channelId)
            : text.denial.failed,
        );
      }
    } catch (secondError) {
      this.ctx.logger.warn({ err: safeError(secondError) }, 'could not tell the person about the failure');
    }
  }
}
