/**
 * Issue 12 item 2 on the real stack: a deferred ✅ in a thread Discord archived overnight still reaches the
 * thread. MARKET buy at 16:00, approved (DEFERRED), thread archived, 09:01 next day releaseDeferred() with the
 * price moved → the card is edited (after unarchiving) and exactly one replacement card is posted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import {
  bodyOf,
  CHANNEL_MESSAGE,
  customIds,
  editOf,
  openTradeThread,
  scriptTrade,
  WAIT_MS,
} from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const CARD_EDIT = 'PATCH /channels/:channelId/messages/:messageId';
const CHANNEL_PATCH = 'PATCH /channels/:channelId';

describe('full stack: cards in archived threads', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when a deferred market buy is released at 09:01 into a thread Discord archived overnight then the card is edited after unarchiving and exactly one replacement card is posted', async () => {
    // Arrange: 16:00 Monday, after the close: alice approves, the order waits for the open
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T16:00:00+09:00' });
    await reconcileForTrading(stack);
    const { fake, openai, runtime, clock } = stack;
    const simulator = runtime.simulator!;
    scriptTrade(openai);
    const { threadId, card, intentId } = await openTradeThread(fake, fake.users.alice);
    await editOf(fake, fake.click(fake.users.alice, card.id, `approve:${intentId}`));
    expect((await runtime.store.getIntent(intentId))!.status).toBe('DEFERRED');
    const shown = (await runtime.store.getIntent(intentId))!.precheck.referencePrice!;

    // Discord archives the idle thread by itself overnight; at 09:01 the price is 5 % higher
    fake.archiveThread(threadId);
    clock.set(new Date('2026-11-24T09:01:00+09:00'));
    simulator.control.setPrice('069500', Math.round((shown * 105) / 100 / 5) * 5);
    const mark = fake.requests.length;

    // Act
    const outcomes = await runtime.core.approvals.releaseDeferred();
    const replacementPost = await fake.waitForRequest(
      (r, i) =>
        i >= mark &&
        r.route === CHANNEL_MESSAGE &&
        r.params.channelId === threadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
      WAIT_MS,
    );
    await stack.channel!.stop(); // waits for every Discord post the release queued

    // Assert
    expect(outcomes.map((o) => o.status)).toEqual(['needs-reapproval']);
    const after = fake.requests.slice(mark);
    const replacements = after.filter(
      (r) =>
        r.route === CHANNEL_MESSAGE &&
        r.params.channelId === threadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
    );
    expect(replacements).toHaveLength(1);
    expect(replacementPost.status).toBe(200);
    const replacementId = outcomes[0]!.status === 'needs-reapproval' ? outcomes[0]!.replacement.id : '';
    expect(customIds(bodyOf(replacements[0]!))).toContain(`approve:${replacementId}`);
    const unarchive = after.findIndex(
      (r) =>
        r.route === CHANNEL_PATCH &&
        r.params.channelId === threadId &&
        JSON.stringify(r.body) === '{"archived":false}',
    );
    const edit = after.findIndex((r) => r.route === CARD_EDIT && r.params.messageId === card.id);
    expect(unarchive).toBeGreaterThanOrEqual(0);
    expect(edit).toBeGreaterThan(unarchive);
    expect(after[edit]!.status).toBe(200);
    expect(JSON.stringify(bodyOf(after[edit]!).embeds)).toContain('다시 승인해야 합니다');
    expect(simulator.control.receivedOrders()).toEqual([]);
    expect(stack.logLines.filter((l) => l.includes('card not edited'))).toEqual([]);
  });

  it('when the card cannot be edited at all then the outcome is still posted in the thread and the replacement card follows', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T16:00:00+09:00' });
    await reconcileForTrading(stack);
    const { fake, openai, runtime, clock } = stack;
    const simulator = runtime.simulator!;
    scriptTrade(openai);
    const { threadId, card, intentId } = await openTradeThread(fake, fake.users.alice);
    await editOf(fake, fake.click(fake.users.alice, card.id, `approve:${intentId}`));
    const shown = (await runtime.store.getIntent(intentId))!.precheck.referencePrice!;
    clock.set(new Date('2026-11-24T09:01:00+09:00'));
    simulator.control.setPrice('069500', Math.round((shown * 105) / 100 / 5) * 5);
    fake.deleteMessage(card.id); // someone deleted the card: the edit answers 10008
    const mark = fake.requests.length;

    // Act
    await runtime.core.approvals.releaseDeferred();
    await fake.waitForRequest(
      (r, i) =>
        i >= mark &&
        r.route === CHANNEL_MESSAGE &&
        r.params.channelId === threadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
      WAIT_MS,
    );
    await stack.channel!.stop();

    // Assert
    const posts = fake.requests
      .slice(mark)
      .filter((r) => r.route === CHANNEL_MESSAGE && r.params.channelId === threadId);
    // A card is the message with ✅ (its content is the approvers' ping).
    const isCard = (r: (typeof posts)[number]) => customIds(bodyOf(r)).some((id) => id?.startsWith('approve:'));
    expect(posts.map((r) => (isCard(r) ? 'card' : bodyOf(r).content))).toEqual([
      expect.stringContaining('다시 승인해야 합니다'),
      'card',
    ]);
    expect(stack.logLines.filter((l) => l.includes('card not edited'))).toHaveLength(1);
  });
});
