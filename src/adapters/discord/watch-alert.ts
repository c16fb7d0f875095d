import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Locale } from '../../app/desk-api';
import type { WatchAlert } from '../../app/watch/ports';
import { watchAlertLines, watchText } from '../../app/watch/text';
import { guildTextChannel } from './channels';
import type { ChannelContext } from './context';
import { NO_MENTIONS } from './posting';

/** `watch-trade:<ticker>`: the buy alert's button that opens a /trade conversation about the ETF. */
export function watchTradeId(ticker: string): string {
  return `watch-trade:${ticker}`;
}

/**
 * A watch firing in the alert channel: its text, then for a sell on a holding the proposal card (✅ / ❌ like
 * every card), for a buy the button to open a /trade thread.
 */
export async function postWatchAlert(ctx: ChannelContext, alert: WatchAlert, locale: Locale): Promise<void> {
  const channel = await guildTextChannel(ctx.client, ctx.config.alertChannelId);
  const content = watchAlertLines(alert, locale).join('\n');
  await ctx.threads.run(channel.id, async () => {
    if (alert.firing.kind === 'buy') {
      const button = new ButtonBuilder()
        .setCustomId(watchTradeId(alert.firing.ticker))
        .setLabel(watchText(locale).openTrade)
        .setStyle(ButtonStyle.Primary);
      await channel.send({
        content,
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    await channel.send({ content, allowedMentions: NO_MENTIONS });
    if (alert.intent) await ctx.posting.postCard(channel, alert.intent, locale);
  });
}
