import { EmbedBuilder } from 'discord.js';
import type { Locale } from '../../../app/desk-api';
import type { ScorecardResult } from '../../../app/reports/scorecard';
import { scorecardText } from '../../../app/reports/scorecard-text';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS } from './badge';

/** People are mentions (posted with mentions disabled, so nobody is pinged). */
const who = (person: string) => (/^\d{17,20}$/.test(person) ? `<@${person}>` : escapeUntrusted(person));

/** `/scorecard`: an embed with one field per person (overall first), or the one-line refusal. */
export function renderScorecard(result: ScorecardResult, locale: Locale): EmbedBuilder | string {
  const text = scorecardText(result, locale, who);
  if (typeof text === 'string') return text;
  return new EmbedBuilder()
    .setTitle(truncate(text.title, 250))
    .setColor(COLORS.info)
    .addFields(
      text.sections.slice(0, 25).map((s) => ({
        name: truncate(s.heading, 250),
        value: truncate(s.lines.join('\n'), 1_000),
      })),
    )
    .setFooter({ text: truncate(text.footer, 2_000) });
}
