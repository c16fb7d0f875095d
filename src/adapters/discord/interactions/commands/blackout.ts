import { MessageFlags } from 'discord.js';
import { z } from 'zod';
import { blackoutChangeText } from '../../../../app/guard-rails/blackout-text';
import { localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderBlackoutList } from '../../render/blackout';
import { escapeUntrusted } from '../../untrusted';
import { approverOrDeny, memberRoleIds } from '../respond';
import type { CommandRoute } from '../routes';

const momentSchema = z.string().trim().min(1).max(20);
const reasonSchema = z.string().trim().max(200).nullable();

/** `/blackout list` for everyone; add and remove change when orders may be sent, so approvers only. */
export const blackoutCommand: CommandRoute = {
  name: 'blackout',
  async run(interaction, ctx) {
    const locale = localeOf(interaction.locale);
    const sub = interaction.options.getSubcommand();
    if (sub === 'list') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const list = await ctx.desk.blackouts();
      await interaction.editReply({
        embeds: [renderBlackoutList(list, locale)],
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    if (!(await approverOrDeny(interaction, ctx))) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const approver = {
      userId: interaction.user.id,
      roleIds: memberRoleIds(interaction.member),
      channel: 'discord' as const,
    };
    if (sub === 'add') {
      const reason = reasonSchema.parse(interaction.options.getString('reason'));
      const change = await ctx.desk.addBlackout(
        {
          from: momentSchema.parse(interaction.options.getString('from', true)),
          to: momentSchema.parse(interaction.options.getString('to', true)),
          ...(reason ? { reason } : {}),
        },
        approver,
      );
      await interaction.editReply({
        content: escapeUntrusted(blackoutChangeText(change, 'add', locale)),
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    const change = await ctx.desk.removeBlackout(
      momentSchema.parse(interaction.options.getString('id', true)),
      approver,
    );
    await interaction.editReply({
      content: escapeUntrusted(blackoutChangeText(change, 'remove', locale)),
      allowedMentions: NO_MENTIONS,
    });
  },
};
