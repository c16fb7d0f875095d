import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import { isCancellable } from '../../../../app/execution';
import { cancelsText, openOrderLine } from '../../../../app/guard-rails/cancel-text';
import { cancelOrderId } from '../../custom-ids';
import { catalogsFor, localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import type { CommandRoute } from '../routes';

/** Discord allows 5 rows of 5 buttons; the list shows as many orders as it has buttons for. */
const MAX_LISTED = 25;
const BUTTONS_PER_ROW = 5;

/** `/orders`: the open orders, privately, each KIS holds open with a cancel button (the click checks approvers). */
export const ordersCommand: CommandRoute = {
  name: 'orders',
  async run(interaction, ctx) {
    const catalogs = catalogsFor(localeOf(interaction.locale));
    const t = cancelsText(catalogs.locale);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const open = (await ctx.desk.openOrders()).slice(0, MAX_LISTED);
    if (open.length === 0) {
      await interaction.editReply({ content: t.none, allowedMentions: NO_MENTIONS });
      return;
    }
    const lines = open.map((order, i) =>
      openOrderLine(order, i + 1, catalogs.locale, ctx.posting.instrumentName(order.ticker)),
    );
    const buttons = open.flatMap((order, i) =>
      isCancellable(order)
        ? [
            new ButtonBuilder()
              .setCustomId(cancelOrderId(order.id))
              .setEmoji('🚫')
              .setLabel(t.button(i + 1))
              .setStyle(ButtonStyle.Secondary),
          ]
        : [],
    );
    const rows: ActionRowBuilder<ButtonBuilder>[] = [];
    for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW)
      rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + BUTTONS_PER_ROW)));
    await interaction.editReply({
      content: [`**${t.title}**`, ...lines, '', t.hint].join('\n'),
      components: rows,
      allowedMentions: NO_MENTIONS,
    });
  },
};
