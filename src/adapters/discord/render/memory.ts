import { EmbedBuilder } from 'discord.js';
import type { MemoryItem } from '../../../app/desk-api';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS } from './badge';

export function renderMemories(
  items: readonly MemoryItem[],
  query: string | null,
  catalogs: Catalogs,
): EmbedBuilder {
  const m = catalogs.text.memory;
  const lines = items.map(
    (item) =>
      // Memory is untrusted text (news, summaries of model answers); ids are shown as plain word characters.
      `\`${item.id.replace(/[^\w:.-]/g, '_')}\` · ${escapeUntrusted(`${item.date} · ${item.kind}`)}\n${truncate(escapeUntrusted(item.content.replace(/\s+/g, ' ').trim()), 300)}`,
  );
  const embed = new EmbedBuilder()
    .setTitle(m.title)
    .setColor(COLORS.info)
    .setDescription(truncate(lines.join('\n\n') || m.empty, 4_000));
  if (query) embed.setFooter({ text: truncate(m.searched(query), 2_000) });
  return embed;
}
