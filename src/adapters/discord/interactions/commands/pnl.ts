import { EmbedBuilder, MessageFlags } from 'discord.js';
import { z } from 'zod';
import { pnlText } from '../../../../app/reports/pnl-text';
import { localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { COLORS } from '../../render/badge';
import { truncate } from '../../text';
import type { CommandRoute } from '../routes';

const periodSchema = z
  .string()
  .trim()
  .transform((s) => s.slice(0, 40))
  .nullable();

/** `/pnl [period]`: read-only, for everyone. */
export const pnlCommand: CommandRoute = {
  name: 'pnl',
  async run(interaction, ctx) {
    const locale = localeOf(interaction.locale);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const text = pnlText(
      await ctx.desk.pnl({ period: periodSchema.parse(interaction.options.getString('period')) }),
      locale,
    );
    await interaction.editReply(
      typeof text === 'string'
        ? { content: text, allowedMentions: NO_MENTIONS }
        : {
            embeds: [
              new EmbedBuilder()
                .setTitle(truncate(text.title, 250))
                .setColor(COLORS.info)
                .setDescription(truncate(text.lines.join('\n'), 4_000)),
            ],
            allowedMentions: NO_MENTIONS,
          },
    );
  },
};
