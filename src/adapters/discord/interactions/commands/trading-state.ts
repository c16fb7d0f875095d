import type { TradingCommand } from '../../../../app/trading-state';
import { catalogsFor, localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderTradingCommandResult } from '../../render/trading-state';
import { approverOrDeny } from '../respond';
import type { CommandRoute } from '../routes';

/** `/stop`, `/stopentry`, `/resume`: approvers only; the answer is public so everyone sees the new state. */
function tradingStateCommand(command: TradingCommand): CommandRoute {
  return {
    name: command,
    async run(interaction, ctx) {
      const catalogs = catalogsFor(localeOf(interaction.locale));
      if (!(await approverOrDeny(interaction, ctx))) return;
      await interaction.deferReply();
      const result = await ctx.desk.tradingCommand(command, interaction.user.id);
      await interaction.editReply({
        embeds: [renderTradingCommandResult(result, interaction.user.id, catalogs)],
        allowedMentions: NO_MENTIONS,
      });
    },
  };
}

export const stopCommand = tradingStateCommand('stop');
export const stopEntryCommand = tradingStateCommand('stopentry');
export const resumeCommand = tradingStateCommand('resume');
