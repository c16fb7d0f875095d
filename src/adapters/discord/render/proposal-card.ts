import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import { describeBlackoutDrift } from '../../../app/guard-rails/blackout-text';
import type { IntentRecord, OrderRecord } from '../../../app/trading-store';
import { formatKrw } from '../../../domain/money';
import {
  checkMark,
  describeCheck,
  renderRiskText,
  type RiskCheck,
  type RiskCode,
  type RiskDetail,
} from '../../../domain/risk';
import { isCancellable } from '../../../app/execution';
import { cancelsText } from '../../../app/guard-rails/cancel-text';
import { approveId, cancelOrderId, rejectId } from '../custom-ids';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS, type EnvironmentBadge } from './badge';
import { kstClockWithRelative, localTimeWithRelative } from './time';

/** What became of a card after a click (or the clock); absent while it waits for ✅. */
export type CardStatus =
  | { kind: 'submitted'; order: OrderRecord; approverId: string }
  | { kind: 'deferred'; until: Date; approverId: string }
  | { kind: 'denied'; code: RiskCode; detail: RiskDetail }
  | { kind: 'needs-reapproval'; reason: string }
  | { kind: 'rejected'; byUserId: string }
  | { kind: 'expired' };

export interface CardView {
  catalogs: Catalogs;
  badge: EnvironmentBadge;
  /** The ETF's name from the desk's universe ('' when unknown). */
  instrumentName: string;
  status?: CardStatus;
}

export interface RenderedCard {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

const MAX_RATIONALE = 1_000;
const MAX_CHECKS_TEXT = 2_500;

function mention(userId: string): string {
  return `<@${userId}>`;
}

function checkLine(check: RiskCheck, intent: IntentRecord, catalogs: Catalogs): string {
  const mark = checkMark(check, intent.precheck.outcome === 'DEFER');
  if (check.ok) return `${mark} ${describeCheck(check, catalogs.risk)}`;
  return `${mark} ${catalogs.risk.rules[check.rule]}: ${describeCheck(check, catalogs.risk)}`;
}

function checksText(intent: IntentRecord, catalogs: Catalogs): string {
  const lines = intent.precheck.checks.map((check) => checkLine(check, intent, catalogs));
  return truncate(lines.join('\n'), MAX_CHECKS_TEXT);
}

function priceText(intent: IntentRecord, catalogs: Catalogs): string {
  const { card } = catalogs.text;
  if (intent.orderType === 'LIMIT' && intent.limitPrice !== null)
    return card.limitPrice(formatKrw(intent.limitPrice, catalogs.locale));
  const reference = intent.precheck.referencePrice;
  return reference === null ? card.marketPrice : card.marketReference(formatKrw(reference, catalogs.locale));
}

function precheckLine(intent: IntentRecord, catalogs: Catalogs): string {
  const { precheck } = catalogs.text.card;
  if (intent.precheck.outcome === 'DEFER' && intent.precheck.deferUntil)
    return precheck.DEFER(kstClockWithRelative(new Date(intent.precheck.deferUntil)));
  if (intent.precheck.outcome === 'DENY') return precheck.DENY;
  return precheck.ALLOW;
}

/** "the market order's price moved from 35,980원 to 37,000원" for `PRICE_MOVED:35980->37000`. */
export function describeReapprovalReason(reason: string, catalogs: Catalogs): string {
  const moved = /^PRICE_MOVED:(\d+)->(\d+)$/.exec(reason);
  if (!moved) return describeBlackoutDrift(reason, catalogs.locale) ?? escapeUntrusted(reason);
  return catalogs.text.reapprovalReason.priceMoved(
    formatKrw(Number(moved[1]), catalogs.locale),
    formatKrw(Number(moved[2]), catalogs.locale),
  );
}

function submittedText(order: OrderRecord, approver: string, catalogs: Catalogs): string {
  const { cardStatus } = catalogs.text;
  if (order.status === 'REJECTED')
    return cardStatus.submittedRejected(
      escapeUntrusted(`${order.rejectMessage ?? ''} (${order.rejectCode ?? '?'})`.trim()),
      approver,
    );
  if (order.status === 'UNKNOWN' || order.status === 'PENDING_SUBMIT' || order.brokerOrderId === null)
    return cardStatus.submittedUnknown(approver);
  switch (order.status) {
    case 'PARTIALLY_FILLED':
      return cardStatus.partlyFilled(order.brokerOrderId, order.filledQuantity, order.quantity, approver);
    case 'FILLED':
      return cardStatus.filled(order.brokerOrderId, order.filledQuantity, approver);
    case 'CANCELLED':
      return cardStatus.cancelled(order.brokerOrderId, order.filledQuantity, order.quantity);
    case 'EXPIRED':
      return cardStatus.orderExpired(order.filledQuantity, order.quantity);
    default:
      return cardStatus.submitted(order.brokerOrderId, approver);
  }
}

export function statusText(status: CardStatus, catalogs: Catalogs): string {
  const { cardStatus } = catalogs.text;
  switch (status.kind) {
    case 'submitted':
      return submittedText(status.order, mention(status.approverId), catalogs);
    case 'deferred':
      return cardStatus.deferred(kstClockWithRelative(status.until), mention(status.approverId));
    case 'denied':
      return cardStatus.denied(
        renderRiskText(catalogs.risk.codes[status.code], status.detail, catalogs.risk),
      );
    case 'needs-reapproval':
      return cardStatus.needsReapproval(describeReapprovalReason(status.reason, catalogs));
    case 'rejected':
      return cardStatus.rejected(mention(status.byUserId));
    case 'expired':
      return cardStatus.expired;
  }
}

/** Two-person approval: "1 of 2 · @first" while it waits for the second approver, then both names. */
function approvalsText(intent: IntentRecord, catalogs: Catalogs): string | null {
  const first = intent.firstApprovedBy;
  if (first === null) return null;
  const { card } = catalogs.text;
  if (intent.decidedBy !== null && intent.decidedBy !== first && intent.status !== 'REJECTED')
    return card.bothApproved(mention(first), mention(intent.decidedBy));
  if (intent.status === 'AWAITING_APPROVAL') return card.firstOfTwo(mention(first));
  return null;
}

function statusColor(status: CardStatus | undefined, intent: IntentRecord): number {
  if (!status) {
    if (intent.status !== 'AWAITING_APPROVAL') return COLORS.closed;
    return intent.side === 'BUY' ? COLORS.buy : COLORS.sell;
  }
  switch (status.kind) {
    case 'submitted':
      return status.order.status === 'REJECTED' ||
        status.order.status === 'CANCELLED' ||
        status.order.status === 'EXPIRED'
        ? COLORS.closed
        : status.order.status === 'UNKNOWN'
          ? COLORS.warning
          : COLORS.success;
    case 'deferred':
      return COLORS.waiting;
    default:
      return COLORS.closed;
  }
}

function buttons(intent: IntentRecord, view: CardView): ActionRowBuilder<ButtonBuilder> {
  const { card } = view.catalogs.text;
  const awaiting = view.status === undefined && intent.status === 'AWAITING_APPROVAL';
  // A deferred approval can still be called off until the market accepts it.
  const rejectable = awaiting || view.status?.kind === 'deferred';
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(approveId(intent.id))
      .setEmoji('✅')
      .setLabel(card.approve)
      .setStyle(ButtonStyle.Success)
      .setDisabled(!awaiting),
    new ButtonBuilder()
      .setCustomId(rejectId(intent.id))
      .setEmoji('❌')
      .setLabel(card.reject)
      .setStyle(ButtonStyle.Danger)
      .setDisabled(!rejectable),
  );
  // An order KIS holds open (accepted, partly filled) can be cancelled from its card (approvers only).
  if (view.status?.kind === 'submitted' && isCancellable(view.status.order))
    row.addComponents(
      new ButtonBuilder()
        .setCustomId(cancelOrderId(view.status.order.id))
        .setEmoji('🚫')
        .setLabel(cancelsText(view.catalogs.locale).cardButton)
        .setStyle(ButtonStyle.Secondary),
    );
  return row;
}

/**
 * The proposal card: what would be ordered, every risk rule's verdict in the reader's language, the approval
 * deadline and the environment badge, with ✅ / ❌ buttons that carry the intent id. Rendered again with a
 * status once the intent is decided (buttons disabled).
 */
export function renderProposalCard(intent: IntentRecord, view: CardView): RenderedCard {
  const { catalogs } = view;
  const { card } = catalogs.text;
  const side = catalogs.risk.sides[intent.side];
  const estimated = intent.precheck.estimatedValue;
  const description = [
    intent.rationale.trim() === ''
      ? null
      : `**${card.rationale}**\n${truncate(escapeUntrusted(intent.rationale.trim()), MAX_RATIONALE)}`,
    precheckLine(intent, catalogs),
    intent.precheck.checks.length > 0 ? `**${card.checks}**\n${checksText(intent, catalogs)}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join('\n\n');

  const embed = new EmbedBuilder()
    .setAuthor({ name: catalogs.text.badge[view.badge] })
    .setTitle(truncate(card.title(side, intent.ticker, view.instrumentName), 256))
    .setColor(statusColor(view.status, intent))
    .setDescription(description)
    .addFields(
      { name: card.ticker, value: `${intent.ticker} ${view.instrumentName}`.trim(), inline: true },
      { name: card.side, value: side, inline: true },
      { name: card.quantity, value: card.shares(intent.quantity), inline: true },
      { name: card.price, value: priceText(intent, catalogs), inline: true },
      {
        name: card.estimatedValue,
        value: estimated === null ? card.notAvailable : formatKrw(estimated, catalogs.locale),
        inline: true,
      },
      { name: card.expires, value: localTimeWithRelative(intent.expiresAt), inline: true },
    )
    .setFooter({ text: card.footer(intent.id) });
  const approvals = approvalsText(intent, catalogs);
  if (approvals) embed.addFields({ name: card.approvals, value: approvals });
  if (view.status)
    embed.addFields({ name: card.status, value: truncate(statusText(view.status, catalogs), 1024) });
  return { embeds: [embed], components: [buttons(intent, view)] };
}
