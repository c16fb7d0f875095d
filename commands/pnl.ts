import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/pnl [period]`: realised and unrealised P&L, fees, taxes, vs KODEX 200, from stored fills and closes. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'pnl', (c) => c.pnl).addStringOption(
  (period) =>
    localize(period, 'period', (c) => c.pnl.options.period)
      .setRequired(false)
      .setMaxLength(20),
);
