import { Resvg } from '@resvg/resvg-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, CHANNEL_MESSAGE, customIds, openTradeThread } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { kodexBuy } from './support/scripted-conversations';

function tinyPng(): Buffer {
  return new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>').render().asPng();
}

describe.each(testDatabaseTargets())('discord channel posts on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when idle sessions are archived then each thread gets PATCH archived:true and unknown threads are skipped', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake } = h;
    const { threadId, intentId } = await openTradeThread(fake, fake.users.alice);
    await h.desk.reject(intentId, {
      userId: fake.users.alice.id,
      roleIds: [fake.roles.approver],
      channel: 'discord',
    });
    const missing = '1999999999999999999';

    // Act
    const result = await h.channel.archiveThreads([threadId, missing]);

    // Assert
    expect(result).toEqual({ archived: [threadId], skipped: [missing] });
    const patches = fake.requests.filter((r) => r.route === 'PATCH /channels/:channelId');
    expect(patches.map((r) => [r.params.channelId, r.body])).toEqual([[threadId, { archived: true }]]);
    expect(fake.channel(threadId)).toMatchObject({ thread_metadata: { archived: true } });
  });

  it('when an idle thread holds a card awaiting approval then the sweep leaves it open and sends no archive request', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake } = h;
    const { threadId, intentId } = await openTradeThread(fake, fake.users.alice);
    // The card is remembered once Discord answered its POST (the link and the answer come first).
    await vi.waitFor(async () => expect((await h!.desk.getIntent(intentId))?.cardRef).toBeTruthy(), {
      timeout: 10_000,
      interval: 20,
    });

    // Act
    const result = await h.channel.archiveThreads([threadId]);

    // Assert
    expect(result).toEqual({ archived: [], skipped: [threadId] });
    expect(fake.requests.filter((r) => r.route === 'PATCH /channels/:channelId')).toEqual([]);
    expect(fake.channel(threadId)).toMatchObject({ thread_metadata: { archived: false } });
  });

  it('when a briefing is posted with a chart then the briefing channel gets the embed and nav.png attached', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake } = h;
    const png = tinyPng();

    // Act
    const { messageId } = await h.channel.postBriefing(
      {
        title: '11월 23일 아침 브리핑',
        description: '순자산 1,000,000원, 오늘 계획: KODEX 200 3주 매수.',
        fields: [{ name: '시장', value: 'KOSPI +0.4%', inline: true }],
        footer: '2026-11-23',
      },
      png,
    );

    // Assert
    const request = fake.requests.find(
      (r) => r.route === CHANNEL_MESSAGE && r.params.channelId === fake.channels.briefing.id,
    )!;
    expect(request.files.map((f) => [f.field, f.name, f.size])).toEqual([
      ['files[0]', 'nav.png', png.length],
    ]);
    const embed = bodyOf(request).embeds![0]!;
    expect(embed).toMatchObject({
      title: '11월 23일 아침 브리핑',
      image: { url: 'attachment://nav.png' },
      footer: { text: '2026-11-23' },
      fields: [{ name: '시장', value: 'KOSPI +0.4%', inline: true }],
    });
    expect(bodyOf(request).allowed_mentions).toEqual({ parse: [] });
    expect(fake.message(messageId)!.attachments[0]).toMatchObject({ filename: 'nav.png', size: png.length });
  });

  it('when the desk raises an alert then it is posted in the alert channel', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, core } = h;

    await core.alerts.raise({
      kind: 'DATA_OUTAGE',
      severity: 'critical',
      message: '시세를 3분째 받지 못했습니다.',
      data: { en: 'No quotes for 3 minutes.' },
    });
    const post = await fake.waitForRequest(
      (r) => r.route === CHANNEL_MESSAGE && r.params.channelId === fake.channels.alert.id,
    );

    expect(bodyOf(post).embeds![0]).toMatchObject({
      title: '🚨 긴급 · DATA_OUTAGE',
      description: '시세를 3분째 받지 못했습니다.',
    });
  });

  it('when the daily plan is posted then a trade thread holds its summary and one working card per intent', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, core, store } = h;
    const first = (await core.approvals.propose(kodexBuy('cycle', { source: 'cycle' }))).intent;
    const second = (
      await core.approvals.propose(
        kodexBuy('cycle', { source: 'cycle', ticker: '114260', quantity: 1, limitPrice: 59_000 }),
      )
    ).intent;

    const { threadId, cardMessageIds } = await h.channel.postPlanCard({
      title: '11월 23일 리밸런싱 계획',
      summary: '모멘텀 상위 2개 ETF로 리밸런싱합니다.',
      intents: [first, second],
    });

    expect(fake.channel(threadId)).toMatchObject({
      name: '11월 23일 리밸런싱 계획',
      parent_id: fake.channels.trade.id,
    });
    const messages = fake.messagesIn(threadId);
    expect(messages.map((m) => m.content)).toEqual([
      `<@&${fake.roles.approver}> 승인 요청입니다.\n모멘텀 상위 2개 ETF로 리밸런싱합니다.`,
      '',
      '',
    ]);
    expect(messages.slice(1).map((m) => m.id)).toEqual(cardMessageIds);
    expect(customIds(messages[2]!)).toEqual([`approve:${second.id}`, `reject:${second.id}`]);
    expect((await store.getIntent(first.id))!.cardRef).toEqual({
      channel: 'discord',
      channelId: threadId,
      messageId: cardMessageIds[0],
    });
  });
});
