import { catalogsFor, localeOf } from '../../locale';
import { requireTradeChannel } from '../../preconditions';
import { renderTradeModal } from '../../render/trade-modal';
import { tickerChoices } from '../../trade-question';
import { deny } from '../respond';
import type { CommandRoute } from '../routes';

/** `/trade [ticker]`: the modal must be the first response, so nothing slow happens before it. */
export const tradeCommand: CommandRoute = {
  name: 'trade',
  async run(interaction, ctx) {
    const catalogs = catalogsFor(localeOf(interaction.locale));
    const place = requireTradeChannel(interaction.channelId, ctx.config);
    if (!place.ok) return deny(interaction, place.denial, catalogs, ctx.config);
    const ticker = interaction.options.getString('ticker') ?? undefined;
    await interaction.showModal(renderTradeModal(catalogs, ticker));
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const choices =
      focused.name === 'ticker' ? tickerChoices(ctx.desk.universe(), String(focused.value)) : [];
    await interaction.respond(choices);
  },
};
