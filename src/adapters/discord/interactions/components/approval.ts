import { MessageFlags, type ButtonInteraction, type Message, type ModalSubmitInteraction } from 'discord.js';
import { z } from 'zod';
import type { Approver } from '../../../../app/approvals';
import { clickResponse, type ClickResult } from '../../click-outcome';
import type { ChannelContext } from '../../context';
import { CONFIRM_QUANTITY_FIELD_ID } from '../../custom-ids';
import { catalogsFor, localeOf, type Catalogs } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { requireAllowedApprover } from '../../preconditions';
import { renderConfirmApproveModal, renderConfirmPlanModal } from '../../render/confirm-modal';
import { deny, memberRoleIds, tellEphemeral } from '../respond';

type CardInteraction = ButtonInteraction | ModalSubmitInteraction;

/** The quantity typed into a LIVE confirmation: a whole number of shares, digits only (commas allowed). */
const typedQuantitySchema = z
  .string()
  .trim()
  .transform((raw) => raw.replace(/,/g, ''))
  .pipe(z.string().regex(/^\d{1,9}$/))
  .transform(Number)
  .pipe(z.number().int().min(1));

function typedQuantity(interaction: ModalSubmitInteraction): number | null {
  let raw: string;
  try {
    raw = interaction.fields.getTextInputValue(CONFIRM_QUANTITY_FIELD_ID);
  } catch {
    return null;
  }
  const parsed = typedQuantitySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The person behind the interaction when they may approve; otherwise they are told so privately. */
async function approverOf(
  interaction: CardInteraction,
  catalogs: Catalogs,
  ctx: ChannelContext,
): Promise<Approver | null> {
  const roleIds = memberRoleIds(interaction.member);
  const allowed = requireAllowedApprover(interaction.user.id, roleIds, ctx.config);
  if (!allowed.ok) {
    await deny(interaction, allowed.denial, catalogs, ctx.config);
    return null;
  }
  return { userId: interaction.user.id, roleIds, channel: 'discord' };
}

/** In LIVE every ✅ and "approve all" is confirmed by typing the quantity first. */
function confirmationRequired(ctx: ChannelContext): boolean {
  return ctx.badge === 'LIVE';
}

/**
 * After the acknowledgement (a deferred update, so `editReply` edits the card): the desk claims the intent,
 * re-runs the guard and sends; the card and the clicker hear the outcome.
 */
async function decide(
  interaction: CardInteraction,
  card: Message,
  action: 'approve' | 'reject',
  intentId: string,
  approver: Approver,
  catalogs: Catalogs,
  ctx: ChannelContext,
): Promise<void> {
  const cardLocale =
    ctx.cards.find(intentId, null, catalogs.locale)?.locale ??
    ctx.threadLocales.get(card.channelId) ??
    catalogs.locale;
  // Learned before the desk runs, so the order's follow-ups find this thread even after a restart.
  ctx.cards.note(intentId, { channel: 'discord', channelId: card.channelId, messageId: card.id }, cardLocale);

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
      const order = status?.kind === 'submitted' ? await ctx.desk.getOrderForIntent(intentId) : null;
      if (intent)
        await interaction.editReply({
          ...ctx.posting.cardFor(
            intent,
            cardLocale,
            status?.kind === 'submitted' && order ? { ...status, order } : status,
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
 * ✅ / ❌ on a card. A person who may not approve hears so privately and nothing else happens. Everyone else
 * is acknowledged at once with a deferred update (so the card itself can be edited), before the desk claims
 * the intent, re-runs the guard and sends: the 3-second deadline never waits for a broker. In LIVE a ✅ on a
 * card still waiting opens the confirmation modal instead (the modal is the acknowledgement).
 */
async function handleClick(
  interaction: ButtonInteraction,
  action: 'approve' | 'reject',
  intentId: string,
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const approver = await approverOf(interaction, catalogs, ctx);
  if (!approver) return;
  if (action === 'approve' && confirmationRequired(ctx)) {
    const intent = await ctx.desk.getIntent(intentId);
    if (intent?.status === 'AWAITING_APPROVAL') {
      if (intent.firstApprovedBy === approver.userId)
        return tellEphemeral(interaction, catalogs.text.click.sameApprover);
      const side = catalogs.risk.sides[intent.side];
      return interaction.showModal(
        renderConfirmApproveModal(intentId, { ticker: intent.ticker, side }, catalogs),
      );
    }
    // Decided, expired or unknown: the plain path tells the clicker why, and sends nothing.
  }
  await interaction.deferUpdate();
  await decide(interaction, interaction.message, action, intentId, approver, catalogs, ctx);
}

/**
 * The LIVE confirmation of one ✅: the typed quantity must be the card's, otherwise the approver hears why
 * and nothing is sent. A match continues exactly like a ✅ (two-person approval included).
 */
export async function confirmApproveSubmit(
  interaction: ModalSubmitInteraction,
  id: { intentId: string },
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const approver = await approverOf(interaction, catalogs, ctx);
  if (!approver) return;
  const typed = typedQuantity(interaction);
  if (typed === null) return tellEphemeral(interaction, catalogs.text.confirm.notANumber);
  const card = interaction.message;
  if (!card) return tellEphemeral(interaction, catalogs.text.click.notFound);
  await interaction.deferUpdate();
  const intent = await ctx.desk.getIntent(id.intentId);
  if (!intent) return tellEphemeral(interaction, catalogs.text.click.notFound);
  if (typed !== intent.quantity)
    return tellEphemeral(interaction, catalogs.text.confirm.mismatch(typed, intent.quantity));
  await decide(interaction, card, 'approve', id.intentId, approver, catalogs, ctx);
}

/** Approves every waiting leg of a plan (after a deferred ephemeral reply) and edits each card. */
async function approvePlanLegs(
  interaction: CardInteraction,
  dailyRunId: string,
  approver: Approver,
  catalogs: Catalogs,
  ctx: ChannelContext,
): Promise<void> {
  const results = await ctx.desk.approvePlan(dailyRunId, approver);
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

/**
 * "Approve all" on a daily plan: the same checks as one ✅, applied to every leg still waiting, sells first.
 * Each card is edited to its own outcome; the clicker gets a private tally. In LIVE it first asks for the
 * total quantity of the waiting legs.
 */
export async function approvePlanButton(
  interaction: ButtonInteraction,
  id: { intentId: string },
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const approver = await approverOf(interaction, catalogs, ctx);
  if (!approver) return;
  if (confirmationRequired(ctx)) {
    const legs = await ctx.desk.planLegsAwaiting(id.intentId);
    if (legs.length > 0)
      return interaction.showModal(renderConfirmPlanModal(id.intentId, legs.length, catalogs));
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await approvePlanLegs(interaction, id.intentId, approver, catalogs, ctx);
}

/** The LIVE confirmation of "approve all": the typed total must match the legs still waiting. */
export async function confirmPlanSubmit(
  interaction: ModalSubmitInteraction,
  id: { intentId: string },
  ctx: ChannelContext,
): Promise<void> {
  const catalogs = catalogsFor(localeOf(interaction.locale));
  const approver = await approverOf(interaction, catalogs, ctx);
  if (!approver) return;
  const typed = typedQuantity(interaction);
  if (typed === null) return tellEphemeral(interaction, catalogs.text.confirm.notANumber);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const legs = await ctx.desk.planLegsAwaiting(id.intentId);
  const total = legs.reduce((sum, leg) => sum + leg.quantity, 0);
  if (typed !== total) {
    await interaction.editReply({
      content: catalogs.text.confirm.planMismatch(typed, total),
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await approvePlanLegs(interaction, id.intentId, approver, catalogs, ctx);
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
