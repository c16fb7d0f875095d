import { z } from 'zod';
import { localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderBacktest } from '../../render/backtest';
import type { CommandRoute } from '../routes';

/** Discord already bounds the integers; zod checks them again (a forged payload gets the clear refusal). */
const optionalInt = z.number().int().nullable();

/** `/backtest [months] [capital]`: for everyone (it reads shipped prices only); the answer is public. */
export const backtestCommand: CommandRoute = {
  name: 'backtest',
  async run(interaction, ctx) {
    const locale = localeOf(interaction.locale);
    await interaction.deferReply();
    const months = optionalInt.safeParse(interaction.options.getInteger('months'));
    const capital = optionalInt.safeParse(interaction.options.getInteger('capital'));
    const outcome =
      months.success && capital.success
        ? await ctx.desk.backtest({ months: months.data, capital: capital.data }, interaction.user.id)
        : {
            status: 'invalid' as const,
            fields: [
              ...(months.success ? [] : ['months' as const]),
              ...(capital.success ? [] : ['capital' as const]),
            ],
          };
    const rendered = renderBacktest(outcome, locale);
    await interaction.editReply(
      typeof rendered === 'string'
        ? { content: rendered, allowedMentions: NO_MENTIONS }
        : { embeds: [rendered], allowedMentions: NO_MENTIONS },
    );
  },
};
