/**
 * Issue 12 item 5 against the fake Discord: hostile model, news, memory and alert text goes through the real
 * channel and discord.js, and no recorded message body carries a masked link, a mention or a direction override.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssistantReply } from '../../../src/app/desk-api';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { HOSTILE_CORPUS, markdownHazards, renderedTexts } from '../../support/discord-markdown';
import type { RecordedRequest } from '../../support/fake-discord';
import { bodyOf, editOf, openTradeThread, postedIn, WEBHOOK_EDIT } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { kodexBuy } from './support/scripted-conversations';

const [pglite] = testDatabaseTargets();
const HOSTILE = HOSTILE_CORPUS.join('\n');
const OUTGOING = new Set([
  'POST /channels/:channelId/messages',
  'PATCH /channels/:channelId/messages/:messageId',
  WEBHOOK_EDIT,
  'POST /webhooks/:applicationId/:token',
]);

function hazardsIn(requests: readonly RecordedRequest[], allowedIds: string[]) {
  return requests
    .filter((r) => r.route !== null && OUTGOING.has(r.route))
    .flatMap((r) => renderedTexts(bodyOf(r)).flatMap((text) => markdownHazards(text, allowedIds)));
}

describe('discord: untrusted text', () => {
  const handle = useTestDatabase(pglite!);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when model, news, memory, plan and alert text is hostile then Discord receives it escaped: no masked link, mention or direction override', async () => {
    // Arrange: the model answers with the whole corpus, cites a hostile news title and proposes with a hostile rationale
    h = await startDiscordHarness(handle.database);
    const { fake, core, conversations } = h;
    conversations.nextProposals = [(speaker) => kodexBuy(speaker.userId, { rationale: HOSTILE })];
    const scriptedStart = conversations.start.bind(conversations);
    conversations.start = async (...args): Promise<AssistantReply> => ({
      ...(await scriptedStart(...args)),
      text: HOSTILE,
      citations: [{ kind: 'news', title: HOSTILE, url: 'https://kis.co.kr@evil.example/[x](y)' }],
    });
    conversations.continue = async () => ({
      text: HOSTILE,
      citations: [],
      proposals: [],
      offline: true,
      usage: { inputTokens: 0, outputTokens: 0, costMicroUsd: 0 },
    });
    conversations.memories = [{ id: 'news:1', kind: 'news', date: '2026-11-23', content: HOSTILE }];

    // Act: /trade, a follow-up message, /memory show, the daily plan and a critical alert
    const { threadId } = await openTradeThread(fake, fake.users.alice);
    fake.postMessage(fake.users.bob, threadId, '더 자세히');
    await postedIn(fake, threadId, 'evil.example');
    await editOf(fake, fake.slash(fake.users.alice, 'memory', {}, { subcommand: 'show' }));
    const { intent } = await core.approvals.propose({
      ...kodexBuy('cycle', { ticker: '114260', limitPrice: 60_000, rationale: HOSTILE }),
      source: 'cycle',
    });
    await h.channel.postPlanCard({ title: '계획', summary: HOSTILE, intents: [intent], runId: randomUUID() });
    await h.channel.postAlert({
      id: 9,
      kind: 'NEWS',
      severity: 'critical',
      message: HOSTILE,
      data: { en: HOSTILE },
      at: h.clock.now(),
    });

    // Assert: the hostile words reached Discord (so the check looked at them) and none of them links or pings
    const outgoing = fake.requests.filter((r) => r.route !== null && OUTGOING.has(r.route));
    const text = outgoing.flatMap((r) => renderedTexts(bodyOf(r))).join('\n');
    expect(text).toContain('KIS 재인증');
    expect(text).toContain('https://evil.example');
    expect(text.split('KIS 재인증').length).toBeGreaterThan(6);
    // The desk's own mentions (the approver role it calls, the link to the thread it opened) are on purpose.
    expect(hazardsIn(fake.requests, [fake.roles.approver, threadId])).toEqual([]);
  });
});
