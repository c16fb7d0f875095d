import { EmbedBuilder } from 'discord.js';
import type { TradingState } from '../../../domain/risk';
import type { Catalogs } from '../locale';
import { COLORS } from './badge';

export function renderTradingCommandResult(
  result: { changed: boolean; state: TradingState },
  actorId: string,
  catalogs: Catalogs,
): EmbedBuilder {
  const ts = catalogs.text.tradingState;
  const state = `${catalogs.risk.tradingStates[result.state]} (${result.state})`;
  const embed = new EmbedBuilder()
    .setTitle(ts.title)
    .setColor(
      result.state === 'ACTIVE'
        ? COLORS.success
        : result.state === 'HALTED'
          ? COLORS.critical
          : COLORS.warning,
    )
    .setDescription(result.changed ? ts.setTo(state) : ts.unchanged(state));
  if (result.changed) embed.addFields({ name: ts.actor, value: `<@${actorId}>`, inline: true });
  return embed;
}
