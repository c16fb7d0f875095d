import { describe, expect, it } from 'vitest';
import type { DiscordChannel, PlanCardInput } from '../../../src/adapters/discord';
import { createDiscordCyclePublisher } from '../../../src/adapters/discord';
import type { Briefing, PlanPublication } from '../../../src/app/cycle/ports';
import { intent } from './fixtures';

function recordingChannel() {
  const plans: PlanCardInput[] = [];
  const briefings: { title: string; chart: number }[] = [];
  const channel: DiscordChannel = {
    start: async () => undefined,
    stop: async () => undefined,
    postAlert: async () => ({ messageId: '1' }),
    archiveThreads: async () => ({ archived: [], skipped: [] }),
    postWatchAlert: async () => undefined,
    postPlanCard: async (plan) => {
      plans.push(plan);
      return { threadId: '2', cardMessageIds: [] };
    },
    postBriefing: async (briefing, chart) => {
      briefings.push({ title: briefing.title, chart: chart?.length ?? 0 });
      return { messageId: '3' };
    },
  };
  return { channel, plans, briefings };
}

const plan: PlanPublication = {
  tradeDate: '2026-11-23',
  runId: 'run-1',
  mode: 'approve',
  title: { ko: '11월 23일 계획', en: 'Plan for 23 Nov' },
  summary: { ko: '요약', en: 'Summary' },
  legs: [],
  verdicts: [],
  intents: [intent()],
};

const briefing: Briefing = {
  tradeDate: '2026-11-23',
  runId: 'run-1',
  embeds: {
    ko: { title: '브리핑', description: '내용', fields: [] },
    en: { title: 'Briefing', description: 'Body', fields: [] },
  },
  text: { ko: '내용', en: 'Body' },
};

describe('discord cycle publisher', () => {
  it('when the plan is published then one thread of cards is posted in the chosen language', async () => {
    const { channel, plans } = recordingChannel();
    const publisher = createDiscordCyclePublisher(channel, { locale: 'ko' });

    await publisher.publishPlan(plan, 'daily-run:run-1:plan');

    expect(plans).toEqual([
      { title: '11월 23일 계획', summary: '요약', intents: plan.intents, locale: 'ko', runId: 'run-1' },
    ]);
  });

  it('when the same key is published again then nothing is posted twice', async () => {
    const { channel, plans, briefings } = recordingChannel();
    const publisher = createDiscordCyclePublisher(channel, { locale: 'en' });

    await publisher.publishPlan(plan, 'k-plan');
    await publisher.publishPlan(plan, 'k-plan');
    await publisher.publishBriefing(briefing, Buffer.alloc(10), 'k-brief');
    await publisher.publishBriefing(briefing, Buffer.alloc(10), 'k-brief');

    expect(plans).toHaveLength(1);
    expect(briefings).toEqual([{ title: 'Briefing', chart: 10 }]);
  });
});
