import { EmbedBuilder } from 'discord.js';
import type { AlertRecord, TradingStateRecord } from '../../../app/trading-store';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS } from './badge';
import { kstDateTime } from './time';

const SEVERITY_COLOR = { info: COLORS.info, warning: COLORS.warning, critical: COLORS.critical } as const;

/**
 * Alerts are stored in Korean with the English text in `data.en`. Escaped: an alert can quote a broker's or a
 * feed's words.
 */
export function alertText(alert: AlertRecord, catalogs: Catalogs): string {
  const english = alert.data?.en;
  return escapeUntrusted(catalogs.locale === 'en' && typeof english === 'string' ? english : alert.message);
}

export function renderAlert(alert: AlertRecord, catalogs: Catalogs): EmbedBuilder {
  return new EmbedBuilder()
    .setTitle(truncate(`${catalogs.text.alert.severity[alert.severity]} · ${escapeUntrusted(alert.kind)}`, 256))
    .setColor(SEVERITY_COLOR[alert.severity])
    .setDescription(truncate(alertText(alert, catalogs), 4_000))
    .setFooter({ text: kstDateTime(alert.at) });
}

function actorText(actor: string): string {
  return /^\d{15,21}$/.test(actor) ? `<@${actor}>` : escapeUntrusted(actor);
}

export function renderTradingStateChange(change: TradingStateRecord, catalogs: Catalogs): EmbedBuilder {
  const states = catalogs.risk.tradingStates;
  // No earlier record means the desk was in its default state, ACTIVE.
  const previous = change.previousState ?? 'ACTIVE';
  const from = `${states[previous]} (${previous})`;
  const to = `${states[change.state]} (${change.state})`;
  const ts = catalogs.text.tradingState;
  return new EmbedBuilder()
    .setTitle(catalogs.text.alert.tradingStateChanged)
    .setColor(
      change.state === 'ACTIVE'
        ? COLORS.success
        : change.state === 'HALTED'
          ? COLORS.critical
          : COLORS.warning,
    )
    .setDescription(ts.changed(from, to))
    .addFields(
      { name: ts.reason, value: truncate(escapeUntrusted(change.reason || '—'), 1_024), inline: true },
      { name: ts.actor, value: truncate(actorText(change.actor), 1_024), inline: true },
    )
    .setFooter({ text: kstDateTime(change.at) });
}
