import { SlashCommandBuilder } from 'discord.js';
import {
  DESK_BACKTEST_MAX_CAPITAL,
  DESK_BACKTEST_MAX_MONTHS,
  DESK_BACKTEST_MIN_CAPITAL,
} from '../src/backtest/desk-request';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/backtest [months] [capital]`: the desk's own strategy over recent months, run as a job by the desk. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'backtest', (c) => c.backtest)
  .addIntegerOption((months) =>
    localize(months, 'months', (c) => c.backtest.options.months)
      .setRequired(false)
      .setMinValue(1)
      .setMaxValue(DESK_BACKTEST_MAX_MONTHS),
  )
  .addIntegerOption((capital) =>
    localize(capital, 'capital', (c) => c.backtest.options.capital)
      .setRequired(false)
      .setMinValue(DESK_BACKTEST_MIN_CAPITAL)
      .setMaxValue(DESK_BACKTEST_MAX_CAPITAL),
  );
