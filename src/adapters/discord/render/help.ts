import { EmbedBuilder } from 'discord.js';
import type { Catalogs } from '../locale';
import { COLORS } from './badge';

export function renderHelp(catalogs: Catalogs): EmbedBuilder {
  const c = catalogs.commands;
  const h = catalogs.text.help;
  const line = (name: string, description: string, approverOnly = false) =>
    `**/${name}** — ${description}${approverOnly ? ` ${h.approverOnly}` : ''}`;
  const lines = [
    line(c.trade.name, c.trade.description),
    line(c.portfolio.name, c.portfolio.description),
    line(c.status.name, c.status.description),
    line(c.stop.name, c.stop.description, true),
    line(c.stopentry.name, c.stopentry.description, true),
    line(c.resume.name, c.resume.description, true),
    line(c.orders.name, c.orders.description),
    line(`${c.memory.name} ${c.memory.subcommands.show.name}`, c.memory.subcommands.show.description),
    line(
      `${c.memory.name} ${c.memory.subcommands.forget.name}`,
      c.memory.subcommands.forget.description,
      true,
    ),
    line(`${c.cycle.name} ${c.cycle.subcommands.run.name}`, c.cycle.subcommands.run.description, true),
    line(`${c.cycle.name} ${c.cycle.subcommands.last.name}`, c.cycle.subcommands.last.description),
    line(c.help.name, c.help.description),
    line(`${c.blackout.name} ${c.blackout.subcommands.list.name}`, c.blackout.subcommands.list.description),
    line(
      `${c.blackout.name} ${c.blackout.subcommands.add.name}`,
      c.blackout.subcommands.add.description,
      true,
    ),
    line(
      `${c.blackout.name} ${c.blackout.subcommands.remove.name}`,
      c.blackout.subcommands.remove.description,
      true,
    ),
    line(c.scorecard.name, c.scorecard.description),
    line(c.pnl.name, c.pnl.description),
    line(c.backtest.name, c.backtest.description),
    line(`${c.watch.name} ${c.watch.subcommands.list.name}`, c.watch.subcommands.list.description),
    line(`${c.watch.name} ${c.watch.subcommands.add.name}`, c.watch.subcommands.add.description),
    line(`${c.watch.name} ${c.watch.subcommands.remove.name}`, c.watch.subcommands.remove.description),
  ];
  return new EmbedBuilder()
    .setTitle(h.title)
    .setColor(COLORS.info)
    .setDescription([h.description, '', ...lines, '', h.threads].join('\n'));
}
