import { MessageFlags } from 'discord.js';
import { watchChangeText, watchListLines } from '../../../../app/watch/command-text';
import { localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { truncate } from '../../text';
import { tickerChoices } from '../../trade-question';
import type { CommandRoute } from '../routes';

/** `/watch add | remove | list`: the watchlist changes alerts only (never an order), so anyone in the guild. */
export const watchCommand: CommandRoute = {
  name: 'watch',
  async run(interaction, ctx) {
    const locale = localeOf(interaction.locale);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const sub = interaction.options.getSubcommand();
    const content =
      sub === 'list'
        ? watchListLines(await ctx.desk.watchList(), locale).join('\n')
        : watchChangeText(
            sub === 'add'
              ? await ctx.desk.watchAdd(
                  {
                    ticker: interaction.options.getString('ticker', true),
                    conditions: interaction.options.getString('conditions'),
                    thresholds: interaction.options.getString('thresholds'),
                  },
                  interaction.user.id,
                )
              : await ctx.desk.watchRemove(
                  interaction.options.getString('ticker', true),
                  interaction.user.id,
                ),
            locale,
          );
    await interaction.editReply({ content: truncate(content, 2_000), allowedMentions: NO_MENTIONS });
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const choices =
      focused.name === 'ticker' ? tickerChoices(ctx.desk.universe(), String(focused.value)) : [];
    await interaction.respond(choices);
  },
};
