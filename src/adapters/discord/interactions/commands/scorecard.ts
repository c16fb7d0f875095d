import { MessageFlags } from 'discord.js';
import { z } from 'zod';
import { localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderScorecard } from '../../render/scorecard';
import type { CommandRoute } from '../routes';

const periodSchema = z
  .string()
  .trim()
  .transform((s) => s.slice(0, 40))
  .nullable();

/** `/scorecard [person] [period]`: read-only, for everyone. */
export const scorecardCommand: CommandRoute = {
  name: 'scorecard',
  async run(interaction, ctx) {
    const locale = localeOf(interaction.locale);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await ctx.desk.scorecard({
      person: interaction.options.getUser('person')?.id ?? null,
      period: periodSchema.parse(interaction.options.getString('period')),
    });
    const rendered = renderScorecard(result, locale);
    await interaction.editReply(
      typeof rendered === 'string'
        ? { content: rendered, allowedMentions: NO_MENTIONS }
        : { embeds: [rendered], allowedMentions: NO_MENTIONS },
    );
  },
};
