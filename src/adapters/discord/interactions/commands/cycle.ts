import { MessageFlags } from 'discord.js';
import { catalogsFor, localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderCycle } from '../../render/cycle';
import { approverOrDeny } from '../respond';
import type { CommandRoute } from '../routes';

/** `/cycle run` may create intents (or orders in auto mode), so approvers only; `/cycle last` for everyone. */
export const cycleCommand: CommandRoute = {
  name: 'cycle',
  async run(interaction, ctx) {
    const catalogs = catalogsFor(localeOf(interaction.locale));
    if (interaction.options.getSubcommand() === 'run') {
      if (!(await approverOrDeny(interaction, ctx))) return;
      await interaction.deferReply();
      const summary = await ctx.desk.runCycle(interaction.user.id);
      await interaction.editReply({ embeds: [renderCycle(summary, catalogs)], allowedMentions: NO_MENTIONS });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const summary = await ctx.desk.lastCycle();
    await interaction.editReply({ embeds: [renderCycle(summary, catalogs)], allowedMentions: NO_MENTIONS });
  },
};
