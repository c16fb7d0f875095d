import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Approver } from '../../../../app/approvals';
import { clickResponse, type ClickResult } from '../../click-outcome';
import type { ChannelContext } from '../../context';
import { catalogsFor, localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { requireAllowedApprover } from '../../preconditions';
import { deny, memberRoleIds, tellEphemeral } from '../respond';

/**
 * ✅ / ❌ on a card. A person who may not approve hears so privately and nothing else happens. Everyone else
 * is acknowledged at once with a deferred update (so the card itself can be edited), before the desk claims
 * the intent, re-runs the guard and sends: the 3-second deadline never waits for a broker.
 */
async function handleClick(
  interaction: ButtonInteraction,
  action: 'approve' | 'reject',
  intentId: string,
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const roleIds = memberRoleIds(interaction.member);
  const allowed = requireAllowedApprover(interaction.user.id, roleIds, ctx.config);
  if (!allowed.ok) return deny(interaction, allowed.denial, catalogs, ctx.config);
  await interaction.deferUpdate();

  const card = interaction.message;
  const cardLocale =
    ctx.cards.find(intentId, null, catalogs.locale)?.locale ??
    ctx.threadLocales.get(card.channelId) ??
    catalogs.locale;
  // Learned before the desk runs, so the order's follow-ups find this thread even after a restart.
  ctx.cards.note(intentId, { channel: 'discord', channelId: card.channelId, messageId: card.id }, cardLocale);

  const approver: Approver = { userId: interaction.user.id, roleIds, channel: 'discord' };
  const result: ClickResult =
    action === 'approve'
      ? await ctx.desk.approve(intentId, approver)
      : await ctx.desk.reject(intentId, approver);
  const response = clickResponse(result, interaction.user.id, catalogs);

  const cardUpdate = response.card;
  if (cardUpdate) {
    // In the thread's queue, behind the order's own events, and with the order read again: a fill that came
    // in meanwhile is shown, and an earlier state never overwrites a later one.
    await ctx.threads.run(card.channelId, async () => {
      const intent = cardUpdate.intent ?? (await ctx.desk.getIntent(cardUpdate.intentId));
      const status = cardUpdate.status;
      const order = status.kind === 'submitted' ? await ctx.desk.getOrderForIntent(intentId) : null;
      if (intent)
        await interaction.editReply({
          ...ctx.posting.cardFor(
            intent,
            cardLocale,
            status.kind === 'submitted' && order ? { ...status, order } : status,
          ),
          allowedMentions: NO_MENTIONS,
        });
    });
  }
  if (response.replacement && interaction.channel?.isSendable())
    await ctx.posting.postCard(interaction.channel, response.replacement, cardLocale);
  if (response.ephemeral) await tellEphemeral(interaction, response.ephemeral);
}

/**
 * "Approve all" on a daily plan: the same checks as one ✅, applied to every leg still waiting, sells first.
 * Each card is edited to its own outcome; the clicker gets a private tally.
 */
export async function approvePlanButton(
  interaction: ButtonInteraction,
  id: { intentId: string },
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const roleIds = memberRoleIds(interaction.member);
  const allowed = requireAllowedApprover(interaction.user.id, roleIds, ctx.config);
  if (!allowed.ok) return deny(interaction, allowed.denial, catalogs, ctx.config);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });

  const approver: Approver = { userId: interaction.user.id, roleIds, channel: 'discord' };
  const results = await ctx.desk.approvePlan(id.intentId, approver);
  let submitted = 0;
  let deferred = 0;
  for (const { intentId, result } of results) {
    if (result.status === 'submitted') submitted++;
    else if (result.status === 'deferred') deferred++;
    const intent = await ctx.desk.getIntent(intentId);
    const location = ctx.cards.find(intentId, intent?.cardRef ?? null, catalogs.locale);
    const response = clickResponse(result, interaction.user.id, catalogs);
    if (!location || !response.card || !intent) continue;
    const channel = await ctx.client.channels.fetch(location.ref.channelId).catch(() => null);
    if (!channel?.isTextBased() || !channel.isSendable()) continue;
    const shown = response.card.intent ?? intent;
    await channel.messages.edit(location.ref.messageId, {
      ...ctx.posting.cardFor(shown, location.locale, response.card.status),
      allowedMentions: NO_MENTIONS,
    });
    if (response.replacement) await ctx.posting.postCard(channel, response.replacement, location.locale);
  }
  await interaction.editReply({
    content: catalogs.text.click.planApproved(
      results.length,
      submitted,
      deferred,
      results.length - submitted - deferred,
    ),
    allowedMentions: NO_MENTIONS,
  });
}

export function approveButton(
  interaction: ButtonInteraction,
  id: { intentId: string },
  ctx: ChannelContext,
): Promise<void> {
  return handleClick(interaction, 'approve', id.intentId, ctx);
}

export function rejectButton(
  interaction: ButtonInteraction,
  id: { intentId: string },
  ctx: ChannelContext,
): Promise<void> {
  return handleClick(interaction, 'reject', id.intentId, ctx);
}
