import { EmbedBuilder } from 'discord.js';
import type { PortfolioView } from '../../../app/desk-api';
import { formatKrw } from '../../../domain/money';
import { formatBasisPoints } from '../../../domain/risk';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { COLORS, type EnvironmentBadge } from './badge';
import { kstDateTime } from './time';

function signedKrw(value: number, catalogs: Catalogs): string {
  return `${value > 0 ? '+' : ''}${formatKrw(value, catalogs.locale)}`;
}

export function renderPortfolio(
  view: PortfolioView,
  catalogs: Catalogs,
  badge: EnvironmentBadge,
): EmbedBuilder {
  const p = catalogs.text.portfolio;
  const krw = (value: number) => formatKrw(value, catalogs.locale);
  const lines = view.positions.map((position) =>
    p.position(
      position.ticker,
      position.name,
      position.quantity,
      krw(position.value),
      signedKrw(position.unrealizedPnl, catalogs),
      formatBasisPoints(position.weightBp),
    ),
  );
  const asOf = new Date(view.asOf);
  return new EmbedBuilder()
    .setAuthor({ name: catalogs.text.badge[badge] })
    .setTitle(p.title)
    .setColor(COLORS.info)
    .setDescription(`**${p.positions}**\n${truncate(lines.join('\n') || p.noPositions, 3_500)}`)
    .addFields(
      { name: p.nav, value: krw(view.nav), inline: true },
      { name: p.cash, value: krw(view.cash), inline: true },
      { name: p.securities, value: krw(view.securitiesValue), inline: true },
      {
        name: p.dayPnl,
        value: view.dayPnl === null ? catalogs.text.card.notAvailable : signedKrw(view.dayPnl, catalogs),
        inline: true,
      },
      { name: p.realizedPnl, value: signedKrw(view.realizedPnl, catalogs), inline: true },
      { name: p.fees, value: krw(view.feesPaid), inline: true },
    )
    .setFooter({ text: p.asOf(Number.isNaN(asOf.getTime()) ? view.asOf : kstDateTime(asOf)) });
}
