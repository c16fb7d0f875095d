import { EmbedBuilder } from 'discord.js';
import type { BacktestOutcome, Locale } from '../../../app/desk-api';
import { backtestText } from '../../../app/reports/backtest-text';
import { truncate } from '../text';
import { COLORS } from './badge';

/** `/backtest`: an embed with the strategy, the KODEX 200 comparison and the settings, or the one-line refusal. */
export function renderBacktest(outcome: BacktestOutcome, locale: Locale): EmbedBuilder | string {
  const text = backtestText(outcome, locale);
  if (typeof text === 'string') return text;
  return new EmbedBuilder()
    .setTitle(truncate(text.title, 250))
    .setColor(COLORS.info)
    .addFields(
      text.sections.map((s) => ({
        name: truncate(s.heading, 250),
        value: truncate(s.lines.join('\n'), 1_000),
      })),
    )
    .setFooter({ text: truncate(text.footer, 2_000) });
}
