import type { CyclePublisher } from '../../app/cycle/ports';
import type { Locale } from '../../app/desk-api';
import type { DiscordChannel } from './channel';

export interface DiscordCyclePublisherOptions {
  /** Which of the cycle's localized texts to post. */
  locale: Locale;
  /**
   * Keys already published (a crash after posting re-sends the same key). Defaults to this process's memory,
   * which does not survive a restart: pass a stored lookup to make that case exact.
   */
  published?: { has(key: string): Promise<boolean>; add(key: string): Promise<void> };
}

function memoryKeys(): NonNullable<DiscordCyclePublisherOptions['published']> {
  const keys = new Set<string>();
  return {
    has: async (key) => keys.has(key),
    add: async (key) => void keys.add(key),
  };
}

/** The daily cycle's publisher on Discord: the plan as a thread of cards, the briefing with its NAV chart. */
export function createDiscordCyclePublisher(
  channel: DiscordChannel,
  options: DiscordCyclePublisherOptions,
): CyclePublisher {
  const published = options.published ?? memoryKeys();
  const { locale } = options;
  return {
    async publishPlan(plan, key) {
      if (await published.has(key)) return;
      await channel.postPlanCard({
        title: plan.title[locale],
        summary: plan.summary[locale],
        intents: plan.intents,
        locale,
        runId: plan.runId,
        ...(plan.context ? { context: plan.context[locale] } : {}),
      });
      await published.add(key);
    },
    async publishBriefing(briefing, png, key) {
      if (await published.has(key)) return;
      await channel.postBriefing(briefing.embeds[locale], png);
      await published.add(key);
    },
  };
}
