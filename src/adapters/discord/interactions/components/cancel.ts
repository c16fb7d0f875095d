import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type ButtonInteraction,
} from 'discord.js';
import type { Approver } from '../../../../app/approvers';
import { isCancellable } from '../../../../app/execution';
import { cancelAllText, cancelResultText, cancelsText } from '../../../../app/guard-rails/cancel-text';
import type { ChannelContext } from '../../context';
import { cancelAllId } from '../../custom-ids';
import { catalogsFor, localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { requireAllowedApprover } from '../../preconditions';
import { deny, memberRoleIds, tellEphemeral } from '../respond';

function approverOf(interaction: ButtonInteraction, ctx: ChannelContext): Approver | null {
  const roleIds = memberRoleIds(interaction.member);
  const allowed = requireAllowedApprover(interaction.user.id, roleIds, ctx.config);
  return allowed.ok ? { userId: interaction.user.id, roleIds, channel: 'discord' } : null;
}

/**
 * 🚫 on an order card or in `/orders`: approvers only. Acknowledged at once (privately), then one cancel goes
 * to KIS; the person hears what KIS said. The card itself turns "cancelled" from the order's event, i.e. only
 * once KIS confirmed it (directly, or later through order inquiry when the answer was lost).
 */
export async function cancelButton(
  interaction: ButtonInteraction,
  id: { orderId: string },
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const approver = approverOf(interaction, ctx);
  if (!approver) return deny(interaction, 'not-approver', catalogs, ctx.config);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await ctx.desk.cancelOrder(id.orderId, approver);
  await interaction.editReply({
    content: cancelResultText(result, catalogs.locale),
    allowedMentions: NO_MENTIONS,
  });
}

/**
 * `/stop`'s "cancel every resting order": the first click asks for a confirmation (privately, with the count),
 * the confirmation cancels each resting order once and answers with the tally.
 */
export async function cancelAllButton(
  interaction: ButtonInteraction,
  id: { step: 'ask' | 'confirm' },
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const t = cancelsText(catalogs.locale).all;
  const approver = approverOf(interaction, ctx);
  if (!approver) return deny(interaction, 'not-approver', catalogs, ctx.config);
  if (id.step === 'ask') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const resting = (await ctx.desk.openOrders()).filter(isCancellable).length;
    if (resting === 0) return tellEphemeral(interaction, t.none);
    await interaction.editReply({
      content: t.confirm(resting),
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder()
            .setCustomId(cancelAllId('confirm'))
            .setEmoji('🚫')
            .setLabel(t.confirmButton)
            .setStyle(ButtonStyle.Danger),
        ),
      ],
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await interaction.deferUpdate();
  const results = await ctx.desk.cancelAllOrders(approver);
  await interaction.editReply({
    content: cancelAllText(results, catalogs.locale),
    components: [],
    allowedMentions: NO_MENTIONS,
  });
}
