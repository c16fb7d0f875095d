import { EmbedBuilder } from 'discord.js';
import type { StatusView } from '../../../app/desk-api';
import { guardRailsText } from '../../../app/guard-rails/blackout-text';
import { guardRailStatusLines } from '../../../app/guard-rails/status-text';
import { watchStatusLines } from '../../../app/watch/command-text';
import { watchText } from '../../../app/watch/text';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS, type EnvironmentBadge } from './badge';
import { cycleLines } from './cycle';
import { alertText } from './alert';
import { localTimeWithRelative } from './time';

const STATE_COLOR = { ACTIVE: COLORS.success, REDUCING: COLORS.warning, HALTED: COLORS.critical } as const;

function listOrNone(lines: string[], catalogs: Catalogs): string {
  return truncate(lines.join('\n') || catalogs.text.status.none, 1_024);
}

export function renderStatus(view: StatusView, catalogs: Catalogs, badge: EnvironmentBadge): EmbedBuilder {
  const s = catalogs.text.status;
  const sides = catalogs.risk.sides;
  const state = catalogs.risk.tradingStates[view.tradingState];
  const stateLines = [`**${state}** (${view.tradingState})`];
  if (view.awaitingReconciliation) stateLines.push(s.reconciling);
  if (view.stateReason)
    stateLines.push(`${catalogs.text.tradingState.reason}: ${escapeUntrusted(view.stateReason)}`);
  if (view.stateChangedAt)
    stateLines.push(`${s.since}: ${localTimeWithRelative(new Date(view.stateChangedAt))}`);
  const orders = view.openOrders.map((o) => s.orderLine(o.ticker, sides[o.side], o.quantity, o.status));
  const intents = view.pendingIntents.map((i) =>
    s.intentLine(i.ticker, sides[i.side], i.quantity, localTimeWithRelative(i.expiresAt)),
  );
  const model = view.model.offline
    ? s.offlineModel
    : [escapeUntrusted(view.model.id), view.model.budgetLeftCents === null ? null : s.budgetLeft(view.model.budgetLeftCents)]
        .filter(Boolean)
        .join(' · ');
  const alerts = view.recentAlerts.map(
    (a) => `${catalogs.text.alert.severity[a.severity]} ${alertText(a, catalogs)}`,
  );
  const blackout = view.blackout && { ...view.blackout, windows: view.blackout.windows.map(escapeUntrusted) };
  const guardRails = guardRailStatusLines({ blackout }, catalogs.locale);
  const embed = new EmbedBuilder()
    .setAuthor({ name: catalogs.text.badge[badge] })
    .setTitle(s.title)
    .setColor(STATE_COLOR[view.tradingState])
    .addFields(
      { name: s.tradingState, value: truncate(stateLines.join('\n'), 1_024) },
      { name: `${s.openOrders} (${orders.length})`, value: listOrNone(orders, catalogs) },
      { name: `${s.pendingIntents} (${intents.length})`, value: listOrNone(intents, catalogs) },
      {
        name: s.lastCycle,
        value: view.lastCycle ? truncate(cycleLines(view.lastCycle, catalogs).join('\n'), 1_024) : s.none,
      },
      { name: s.model, value: truncate(model || s.none, 1_024) },
      { name: s.recentAlerts, value: listOrNone(alerts, catalogs) },
    );
  if (guardRails.length > 0)
    embed.addFields({
      name: guardRailsText(catalogs.locale).statusTitle,
      value: truncate(guardRails.join('\n'), 1_024),
    });
  const watch = watchStatusLines(view.watch?.status ?? null, catalogs.locale, view.watch?.max ?? 0);
  if (watch.length > 0)
    embed.addFields({
      name: watchText(catalogs.locale).status.title,
      value: truncate(watch.join('\n'), 1_024),
    });
  return embed;
}
