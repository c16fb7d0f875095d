/**
 * Issue 12 item 3 (Discord side): a plan thread is opened as a conversation before its cards are posted, and
 * when the desk refuses a message (AssistantInputError) the person reads the desk's own reason in the thread
 * instead of the general apology.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AssistantInputError } from '../../../src/app/assistant';
import type { ConversationOpening, ConversationRef } from '../../../src/app/desk-api';
import { assistantEn } from '../../../src/i18n/en/assistant';
import { assistantKo } from '../../../src/i18n/ko/assistant';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, CHANNEL_MESSAGE, openTradeThread, postedIn } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { kodexBuy } from './support/scripted-conversations';

const [pglite] = testDatabaseTargets();

describe('discord thread answers', () => {
  const handle = useTestDatabase(pglite!);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when the desk refuses a message in a thread then its reason is posted there, not the general apology', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, conversations } = h;
    const { threadId } = await openTradeThread(fake, fake.users.alice);
    conversations.continue = async () => {
      throw new AssistantInputError('CONVERSATION_NOT_FOUND', assistantKo.conversationNotFound, threadId);
    };

    // Act
    fake.postMessage(fake.users.bob, threadId, '이 계획은 왜 이렇게 됐어?');
    const told = await postedIn(fake, threadId, assistantKo.conversationNotFound);

    // Assert
    expect(bodyOf(told).content).toBe(assistantKo.conversationNotFound);
    expect(bodyOf(told).allowed_mentions).toEqual({ parse: [] });
    const posts = fake.requests.filter((r) => r.route === CHANNEL_MESSAGE && r.params.channelId === threadId);
    expect(posts.map((r) => bodyOf(r).content ?? '').join('\n')).not.toContain('답을 만들지 못했습니다');
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(assistantEn.conversationNotFound).not.toBe(assistantKo.conversationNotFound);
  });

  it('when the daily plan is posted with its context then the desk opens the thread as a conversation before the first card', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, core, conversations } = h;
    const opened: { ref: ConversationRef; opening: ConversationOpening; postsBefore: number }[] = [];
    Object.assign(conversations, {
      open: async (ref: ConversationRef, opening: ConversationOpening) => {
        opened.push({
          ref,
          opening,
          postsBefore: fake.requests.filter((r) => r.route === CHANNEL_MESSAGE).length,
        });
      },
    });
    const { intent } = await core.approvals.propose({ ...kodexBuy('cycle'), source: 'cycle' });

    // Act
    const { threadId } = await h.channel.postPlanCard({
      title: '2026-11-23 리밸런싱 계획',
      summary: '매수 069500 3주',
      context: '매수 069500 3주\n\n모멘텀 순위:\n1. 069500 +12.0% ✓',
      intents: [intent],
      runId: randomUUID(),
      locale: 'ko',
    });

    // Assert
    expect(opened).toEqual([
      {
        ref: { channel: 'discord', threadKey: threadId },
        opening: {
          kind: 'daily-plan',
          title: '2026-11-23 리밸런싱 계획',
          locale: 'ko',
          context: '매수 069500 3주\n\n모멘텀 순위:\n1. 069500 +12.0% ✓',
        },
        postsBefore: 0,
      },
    ]);
  });
});
