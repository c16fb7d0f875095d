/**
 * Issue 12 item 4: who the desk pings. Cards awaiting approval, the daily plan and critical alerts call the
 * approver role, and only it (allowed_mentions names exactly that role); model, news and alert text pings no
 * one; the /trade asker is added to the thread.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { pingsOf, type RecordedRequest } from '../../support/fake-discord';
import { bodyOf, CHANNEL_MESSAGE, customIds, openTradeThread } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { kodexBuy, SCRIPTED_ANSWER } from './support/scripted-conversations';

const [pglite] = testDatabaseTargets();
const THREAD_MEMBER_ADD = 'PUT /channels/:channelId/thread-members/:userId';

function postsIn(h: DiscordHarness, channelId: string): RecordedRequest[] {
  return h.fake.requests.filter((r) => r.route === CHANNEL_MESSAGE && r.params.channelId === channelId);
}

const isCard = (r: RecordedRequest) => customIds(bodyOf(r)).some((id) => id?.startsWith('approve:'));

describe('discord pings', () => {
  const handle = useTestDatabase(pglite!);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when alice asks through /trade then she is added to the thread, the card calls only the approver role and the model answer pings no one', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake } = h;
    const approver = fake.roles.approver;

    // Act
    const { threadId } = await openTradeThread(fake, fake.users.alice);

    // Assert: one thread-member PUT, for the asker, on the new thread
    const adds = fake.requests.filter((r) => r.route === THREAD_MEMBER_ADD);
    expect(adds.map((r) => [r.params.channelId, r.params.userId, r.status])).toEqual([
      [threadId, fake.users.alice.id, 204],
    ]);

    // Assert: the answer (which says @everyone) pings nobody; the card pings the approver role and nothing else
    const posts = postsIn(h, threadId);
    const answer = posts.find((r) => (bodyOf(r).content ?? '').includes('KODEX 200 3주'))!;
    expect(answer.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(SCRIPTED_ANSWER).toContain('@everyone');
    expect(pingsOf(answer.body)).toEqual({ everyone: false, users: [], roles: [] });
    const cards = posts.filter(isCard);
    expect(cards).toHaveLength(1);
    expect(bodyOf(cards[0]!).content).toBe(`<@&${approver}> 승인 요청입니다.`);
    expect(cards[0]!.body).toMatchObject({ allowed_mentions: { parse: [], roles: [approver], users: [] } });
    expect(pingsOf(cards[0]!.body)).toEqual({ everyone: false, users: [], roles: [approver] });
  });

  it('when the daily plan is posted then its first message calls the approver role once, and neither its hostile summary nor its cards ping anyone else', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, core } = h;
    const approver = fake.roles.approver;
    const { intent: buy } = await core.approvals.propose({ ...kodexBuy('cycle'), source: 'cycle' });
    const { intent: sell } = await core.approvals.propose({
      ...kodexBuy('cycle', { ticker: '114260', side: 'SELL', quantity: 1, limitPrice: 60_000 }),
      source: 'cycle',
    });

    // Act
    const { threadId, cardMessageIds } = await h.channel.postPlanCard({
      title: '2026-11-23 리밸런싱 계획',
      summary: '매수 069500 3주\n@everyone <@&1999999999999999999> <@1000000000000000777> 지금 승인!',
      intents: [buy, sell],
      runId: randomUUID(),
      locale: 'ko',
    });

    // Assert: exactly one post calls anyone, the summary's first message, and only the approver role
    const posts = postsIn(h, threadId);
    const pinging = posts.filter((r) => {
      const p = pingsOf(r.body);
      return p.everyone || p.users.length + p.roles.length > 0;
    });
    expect(pinging).toHaveLength(1);
    expect(pinging[0]).toBe(posts[0]);
    expect(pingsOf(posts[0]!.body)).toEqual({ everyone: false, users: [], roles: [approver] });
    expect(posts[0]!.body).toMatchObject({ allowed_mentions: { parse: [], roles: [approver], users: [] } });
    expect(bodyOf(posts[0]!).content!.startsWith(`<@&${approver}> 승인 요청입니다.\n매수 069500 3주`)).toBe(
      true,
    );
    expect(cardMessageIds).toHaveLength(2);
    for (const card of posts.filter(isCard))
      expect(card.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('when a critical alert is posted then it calls the approver role; a warning calls no one; the alert text pings no one', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake } = h;
    const approver = fake.roles.approver;
    const at = h.clock.now();

    // Act
    await h.channel.postAlert({
      id: 1,
      kind: 'NAV_FLOOR',
      severity: 'critical',
      message: '@everyone 순자산이 하한 아래입니다 <@&1999999999999999999>',
      data: null,
      at,
    });
    await h.channel.postAlert({
      id: 2,
      kind: 'FEED',
      severity: 'warning',
      message: '@here 뉴스 지연',
      data: null,
      at,
    });

    // Assert
    const [critical, warning] = postsIn(h, fake.channels.alert.id);
    expect(pingsOf(critical!.body)).toEqual({ everyone: false, users: [], roles: [approver] });
    expect(bodyOf(critical!).content).toBe(`<@&${approver}> 긴급 경보입니다.`);
    expect(bodyOf(critical!).embeds![0]!.description).not.toMatch(/@everyone|<@&/);
    expect(pingsOf(warning!.body)).toEqual({ everyone: false, users: [], roles: [] });
    expect(warning!.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(bodyOf(warning!).content).toBeUndefined();
  });
});
