/**
 * Issue 12 item 3: the daily plan's thread is a conversation. After the 08:00 cycle posts the plan, a person's
 * question in that thread is answered by the assistant with the plan, its signals and the briefing as context.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDbSessionStore } from '../../../src/adapters/db/session-store';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { CHANNEL_MESSAGE, bodyOf, customIds, postedIn, WAIT_MS } from './support/flows';
import { startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();

/** Tuesday 2026-12-01, the first KRX trading day of December, just after the 08:00 cycle time. */
const MONTH_START = '2026-12-01T08:05:00+09:00';
const PLAN_ANSWER = '계획의 매수 종목은 모멘텀 순위 상위이고 안전자산보다 수익률이 높아서 골랐습니다.';
const QUESTION = '왜 이 종목들을 사나요?';

function contentOf(message: Record<string, unknown>): string {
  return typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '');
}

describe('full stack: the daily plan thread', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it(
    'when a person asks in the plan thread then the assistant answers there with the plan, its signals and the briefing as context',
    async () => {
      // Arrange: the 08:00 cycle has posted its plan thread and the briefing
      stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
      const { fake, openai, runtime } = stack;
      const report = await runtime.scheduler.tick();
      expect(report.cycle).toMatchObject({ status: 'COMPLETED' });
      const [thread] = fake.threads();
      const cards = fake.messagesIn(thread!.id).filter((m) => customIds(m)[0]?.startsWith('approve:'));
      const tickers = await Promise.all(
        cards.map(
          async (c) => (await runtime.store.getIntent(customIds(c)[0]!.slice('approve:'.length)))!.ticker,
        ),
      );
      expect(tickers.length).toBeGreaterThan(0);
      const chatsBefore = openai.chatRequests().length;
      openai.script([{ content: PLAN_ANSWER }]);

      // Act
      fake.postMessage(fake.users.alice, thread!.id, QUESTION);
      const answer = await postedIn(fake, thread!.id, PLAN_ANSWER);

      // Assert: the answer is posted in the thread, with mentions disabled, and no apology anywhere
      expect(answer.body).toMatchObject({ allowed_mentions: { parse: [] } });
      const threadPosts = fake.requests.filter(
        (r) => r.route === CHANNEL_MESSAGE && r.params.channelId === thread!.id,
      );
      expect(threadPosts.map((r) => bodyOf(r).content ?? '').join('\n')).not.toContain(
        '답을 만들지 못했습니다',
      );

      // Assert: the model was asked once, and saw the plan (its legs), the signals and the morning briefing
      const asked = openai.chatRequests().slice(chatsBefore);
      expect(asked).toHaveLength(1);
      const context = asked[0]!.messages.map(contentOf).join('\n');
      expect(context).toContain('일일 계획');
      for (const ticker of tickers) expect(context).toContain(ticker);
      expect(context).toContain('모멘텀 순위');
      expect(context).toContain('2026-12-01 아침 브리핑');
      expect(asked[0]!.messages.at(-1)).toMatchObject({ role: 'user', content: QUESTION });

      // Assert: the conversation is stored under the thread, opened by the desk, with alice's question in it
      const sessions = createDbSessionStore(runtime.database.db);
      const session = await sessions.findSessionByThreadKey(`discord:${thread!.id}`);
      expect(session).toMatchObject({ ownerUserId: 'desk', channel: 'discord' });
      const log = await sessions.listMessages(session!.id);
      expect(log.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(log[1]).toMatchObject({ content: QUESTION, authorId: fake.users.alice.id });
      await expect(
        fake.waitForRequest((r) => r.route === CHANNEL_MESSAGE && r.index > answer.index, 300),
      ).rejects.toThrow();
    },
    WAIT_MS * 3,
  );
});
