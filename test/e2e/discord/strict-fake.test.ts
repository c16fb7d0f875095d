import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, CHANNEL_MESSAGE, customIds, openTradeThread, WEBHOOK_EDIT } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';

describe.each(testDatabaseTargets())('the desk against the strict fake Discord on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    // close() fails the test when any interaction broke the 3 s ack or 15 min token rule (enforced by default).
    await h?.close();
    h = undefined;
  });

  it('when Discord answers the card post with 429 then discord.js waits retry_after, sends it again and the card appears once', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake } = h;
    fake.rateLimitNext(CHANNEL_MESSAGE, { retryAfterMs: 200, times: 2 });

    // Act
    const { threadId, intentId } = await openTradeThread(fake, fake.users.alice);

    // Assert: two 429s with Discord's headers, then the posts went through; nothing doubled
    const posts = fake.requests.filter((r) => r.route === CHANNEL_MESSAGE && r.params.channelId === threadId);
    const limited = posts.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    for (const r of limited) {
      expect(r.response).toMatchObject({
        message: 'You are being rate limited.',
        retry_after: 0.2,
        global: false,
      });
      expect(r.responseHeaders).toMatchObject({ 'retry-after': '1', 'x-ratelimit-remaining': '0' });
    }
    const cards = fake.messagesIn(threadId).filter((m) => customIds(m).includes(`approve:${intentId}`));
    expect(cards).toHaveLength(1);
    expect(fake.messagesIn(threadId)).toHaveLength(2);
    expect(fake.timingViolations()).toEqual([]);
  });

  it('when the card edit after ✅ is rate limited then the order is sent once and the card still says so', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);
    fake.rateLimitNext(WEBHOOK_EDIT, { retryAfterMs: 100 });

    // Act
    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const edit = await fake.waitForRequest(
      (r) => r.route === WEBHOOK_EDIT && r.params.token === click.token && r.status === 200,
    );

    // Assert
    expect(fake.callbacksFor(click.id).map((c) => [c.type, c.status])).toEqual([
      [InteractionResponseType.DeferredMessageUpdate, 204],
    ]);
    expect(
      fake.requests
        .filter((r) => r.route === WEBHOOK_EDIT && r.params.token === click.token)
        .map((r) => r.status),
    ).toEqual([429, 200]);
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
    expect(bodyOf(edit).embeds?.[0]?.fields?.find((f) => f.name === '상태')?.value).toContain(
      '주문번호 0000000001',
    );
  });

  it('when the answer file is larger than the upload limit then the rest of the answer goes on as messages', async () => {
    // Arrange: the fake refuses uploads above 1,000 bytes (413 40005)
    h = await startDiscordHarness(handle.database, { fake: { attachmentSizeLimit: 1_000 } });
    const { fake, conversations } = h;
    const answer = Array.from({ length: 700 }, (_, i) => `줄 ${i}: 설명이 이어집니다.`).join('\n');
    conversations.answer = answer;

    // Act
    const { threadId } = await openTradeThread(fake, fake.users.alice);

    // Assert
    const refused = fake.requests.filter((r) => r.route === CHANNEL_MESSAGE && r.status === 413);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.response).toMatchObject({ code: 40005 });
    const texts = fake
      .messagesIn(threadId)
      .filter((m) => !customIds(m).some((id) => id?.startsWith('approve:')))
      .map((m) => m.content)
      .join('\n');
    for (const i of [0, 350, 699]) expect(texts).toContain(`줄 ${i}: 설명이 이어집니다.`);
  });
});
