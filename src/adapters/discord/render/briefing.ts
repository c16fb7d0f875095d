import { AttachmentBuilder, EmbedBuilder, embedLength } from 'discord.js';
import { z } from 'zod';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS, type EnvironmentBadge } from './badge';

export const BRIEFING_CHART_NAME = 'nav.png';

const EMBED_BUDGET = 5_900;

export const briefingSchema = z.object({
  title: z.string().trim().min(1),
  description: z.string(),
  fields: z
    .array(z.object({ name: z.string(), value: z.string(), inline: z.boolean().optional() }))
    .default([]),
  /** e.g. the trade date, shown in the footer. */
  footer: z.string().optional(),
});

export type BriefingEmbedData = z.input<typeof briefingSchema>;

/**
 * The morning briefing embed; with a chart, the PNG is attached as nav.png and shown as the embed image.
 * Fields that would push the embed past Discord's 6,000-character total (or 25 fields) are left out. News
 * titles ride in the fields, so every text part is escaped here (the cycle composes plain text).
 */
export function renderBriefing(
  input: BriefingEmbedData,
  chart: Buffer | undefined,
  view: { catalogs: Catalogs; badge: EnvironmentBadge; postedAt: Date },
): { embeds: EmbedBuilder[]; files: AttachmentBuilder[] } {
  const { catalogs, badge } = view;
  const data = briefingSchema.parse(input);
  const embed = new EmbedBuilder()
    .setAuthor({ name: catalogs.text.badge[badge] })
    .setTitle(truncate(escapeUntrusted(data.title), 256))
    .setColor(COLORS.info)
    .setTimestamp(view.postedAt)
    .setDescription(truncate(escapeUntrusted(data.description.trim() || '—'), 3_000));
  if (data.footer) embed.setFooter({ text: truncate(data.footer, 200) });
  for (const field of data.fields.slice(0, 25)) {
    const next = {
      name: truncate(escapeUntrusted(field.name.trim() || '—'), 256),
      value: truncate(escapeUntrusted(field.value.trim() || '—'), 1_024),
      inline: field.inline ?? false,
    };
    if (embedLength(embed.data) + next.name.length + next.value.length > EMBED_BUDGET) break;
    embed.addFields(next);
  }
  if (!chart) return { embeds: [embed], files: [] };
  embed.setImage(`attachment://${BRIEFING_CHART_NAME}`);
  const file = new AttachmentBuilder(chart, {
    name: BRIEFING_CHART_NAME,
    description: catalogs.text.briefing.chart,
  });
  return { embeds: [embed], files: [file] };
}
