import { EmbedBuilder } from 'discord.js';
import type { CycleSummary } from '../../../app/desk-api';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS } from './badge';
import { localTimeWithRelative } from './time';

/** Step statuses are RUNNING | DONE | FAILED (daily_run_steps); anything else gets a neutral mark. */
function stepIcon(status: string): string {
  switch (status.toUpperCase()) {
    case 'DONE':
    case 'COMPLETED':
    case 'SKIPPED':
      return '✅';
    case 'FAILED':
      return '❌';
    case 'RUNNING':
      return '⏳';
    default:
      return '•';
  }
}

export function cycleLines(summary: CycleSummary, catalogs: Catalogs): string[] {
  const c = catalogs.text.cycle;
  const header = [
    `${summary.tradeDate} · ${summary.status}`,
    c.started(localTimeWithRelative(new Date(summary.startedAt))),
    summary.finishedAt ? c.finished(localTimeWithRelative(new Date(summary.finishedAt))) : c.running,
  ].join(' · ');
  const steps = summary.steps.map((step) => {
    const line = c.step(stepIcon(step.status), step.step, step.status, step.attempts);
    return step.error ? `${line}\n  ${truncate(escapeUntrusted(step.error), 200)}` : line;
  });
  return [header, ...steps];
}

export function renderCycle(summary: CycleSummary | null, catalogs: Catalogs): EmbedBuilder {
  const embed = new EmbedBuilder().setTitle(catalogs.text.cycle.title);
  if (!summary) return embed.setColor(COLORS.closed).setDescription(catalogs.text.cycle.none);
  const failed =
    summary.status.toUpperCase() === 'FAILED' ||
    summary.steps.some((s) => s.status.toUpperCase() === 'FAILED');
  return embed
    .setColor(failed ? COLORS.warning : COLORS.success)
    .setDescription(truncate(cycleLines(summary, catalogs).join('\n'), 4_000));
}
