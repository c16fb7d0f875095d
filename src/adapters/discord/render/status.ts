import { EmbedBuilder } from 'discord.js';
import type { StatusView } from '../../../app/desk-api';
import type { ConnectionStatus, DeskConnections, MarketStatus } from '../../../app/desk-status';
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

/** What the Discord channel knows of its own gateway connection. */
export interface GatewayStatus {
  ready: boolean;
  /** Heartbeat round trip; null before the first one. */
  pingMs: number | null;
}

function marketLines(market: MarketStatus, catalogs: Catalogs): string {
  const s = catalogs.text.status;
  const head = `**${s.session[market.session]}** · ${market.date} (${market.phase})`;
  const reason = market.closedReason ? s.closedBecause(escapeUntrusted(market.closedReason)) : null;
  const next = market.nextOpen ? s.nextOpen(market.nextOpen.date, market.nextOpen.time) : null;
  return [head, [reason, next].filter(Boolean).join(' · ')].filter((l) => l !== '').join('\n');
}

function connectionLines(
  connections: DeskConnections | undefined,
  gateway: GatewayStatus | undefined,
  catalogs: Catalogs,
): string[] {
  const s = catalogs.text.status;
  const line = (name: string, state: ConnectionStatus['state'], text: string) =>
    `${s.connectionMark[state]} **${name}** — ${text}`;
  const generic = (c: ConnectionStatus, okText: string) =>
    c.state === 'ok'
      ? okText
      : c.state === 'down'
        ? [s.down, c.detail].filter(Boolean).join(' · ')
        : c.state === 'offline'
          ? s.offlineModel
          : s.notChecked;
  const lines: string[] = [];
  if (connections) {
    const { kisRest, kisWebsocket, database, model } = connections;
    lines.push(
      line(s.connection.kisRest, kisRest.state, generic(kisRest, s.tokenUntil(kisRest.detail ?? '?'))),
      line(
        s.connection.kisWebsocket,
        kisWebsocket.state,
        kisWebsocket.state === 'down' ? s.disconnected : generic(kisWebsocket, s.connected),
      ),
    );
    if (gateway) lines.push(gatewayLine(gateway, catalogs));
    lines.push(
      line(s.connection.database, database.state, generic(database, escapeUntrusted(database.detail ?? s.connected))),
      line(s.connection.model, model.state, generic(model, escapeUntrusted(model.detail ?? '?'))),
    );
  } else if (gateway) lines.push(gatewayLine(gateway, catalogs));
  return lines;
}

function gatewayLine(gateway: GatewayStatus, catalogs: Catalogs): string {
  const s = catalogs.text.status;
  const text = !gateway.ready
    ? s.disconnected
    : gateway.pingMs !== null && gateway.pingMs >= 0
      ? s.gatewayPing(Math.round(gateway.pingMs))
      : s.connected;
  return `${s.connectionMark[gateway.ready ? 'ok' : 'down']} **${s.connection.discordGateway}** — ${text}`;
}

function listOrNone(lines: string[], catalogs: Catalogs): string {
  return truncate(lines.join('\n') || catalogs.text.status.none, 1_024);
}

export function renderStatus(
  view: StatusView,
  catalogs: Catalogs,
  badge: EnvironmentBadge,
  gateway?: GatewayStatus,
): EmbedBuilder {
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
  const connections = connectionLines(view.connections, gateway, catalogs);
  const guardRails = guardRailStatusLines({ blackout }, catalogs.locale);
  const embed = new EmbedBuilder()
    .setAuthor({ name: catalogs.text.badge[badge] })
    .setTitle(s.title)
    .setColor(STATE_COLOR[view.tradingState])
    .addFields(
      { name: s.tradingState, value: truncate(stateLines.join('\n'), 1_024) },
      ...(view.market ? [{ name: s.market, value: truncate(marketLines(view.market, catalogs), 1_024) }] : []),
      ...(connections.length > 0 ? [{ name: s.connections, value: truncate(connections.join('\n'), 1_024) }] : []),
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
