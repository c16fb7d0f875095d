import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { isCancellable } from '../../../../app/execution';
import { cancelsText } from '../../../../app/guard-rails/cancel-text';
import type { TradingCommand } from '../../../../app/trading-state';
import type { ChannelContext } from '../../context';
import { cancelAllId } from '../../custom-ids';
import { catalogsFor, localeOf, type Catalogs } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderTradingCommandResult } from '../../render/trading-state';
import { approverOrDeny } from '../respond';
import type { CommandRoute } from '../routes';

/** After `/stop`, orders KIS still holds open may be cancelled too (the button asks for a confirmation). */
async function cancelAllOffer(
  ctx: ChannelContext,
  catalogs: Catalogs,
): Promise<ActionRowBuilder<ButtonBuilder>[]> {
  const resting = (await ctx.desk.openOrders()).filter(isCancellable).length;
  if (resting === 0) return [];
  return [
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(cancelAllId('ask'))
        .setEmoji('🚫')
        .setLabel(cancelsText(catalogs.locale).all.button(resting))
        .setStyle(ButtonStyle.Danger),
    ),
  ];
}

/**
 * `/stop`, `/stopentry`, `/resume`: approvers only; the answer is public so everyone sees the new state. `/stop`
 * offers "cancel every resting order" when KIS holds any.
 */
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
        components: command === 'stop' ? await cancelAllOffer(ctx, catalogs) : [],
        allowedMentions: NO_MENTIONS,
      });
    },
  };
}

export const stopCommand = tradingStateCommand('stop');
export const stopEntryCommand = tradingStateCommand('stopentry');
export const resumeCommand = tradingStateCommand('resume');
