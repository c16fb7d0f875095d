import { ChannelType, REST, Routes } from 'discord.js';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeUntrusted } from '../../../src/adapters/discord/untrusted';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import {
  bodyOf,
  CALLBACK,
  CHANNEL_MESSAGE,
  customIds,
  editOf,
  openTradeThread,
  postedIn,
  QUESTION,
} from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { SCRIPTED_ANSWER } from './support/scripted-conversations';

describe.each(testDatabaseTargets())('discord /trade flow on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when alice asks through /trade and bob approves then one order reaches the broker and its fill is followed up in the thread', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store, conversations } = h;
    const { alice, bob } = fake.users;

    // Act: the command opens the modal with the ticker prefilled
    const slash = fake.slash(alice, 'trade', { ticker: '069500' });
    const modal = await fake.waitForCallback(slash);
    const submit = fake.submitModal(alice, 'trade-modal', { question: QUESTION, ticker: '069500' });
    const linked = await editOf(fake, submit);
    const linkedThreadId = /<#(\d+)>/.exec(bodyOf(linked).content ?? '')?.[1];
    // The link comes first; the answer and its card follow in the thread.
    await fake.waitForRequest(
      (r) =>
        r.route === CHANNEL_MESSAGE &&
        r.params.channelId === linkedThreadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
    );

    // Assert: modal, deferred ephemeral ack, thread, answer, card, link
    expect(modal).toMatchObject({
      type: InteractionResponseType.Modal,
      status: 204,
      data: { custom_id: 'trade-modal' },
    });
    expect(JSON.stringify(modal.data)).toContain('"value":"069500"');
    expect(fake.callbacksFor(submit.id).map((c) => [c.type, (c.data as { flags?: number }).flags])).toEqual([
      [InteractionResponseType.DeferredChannelMessageWithSource, MessageFlags.Ephemeral],
    ]);
    const [thread] = fake.threads();
    expect(thread).toMatchObject({
      name: QUESTION,
      parent_id: fake.channels.trade.id,
      type: ChannelType.PublicThread,
    });
    expect(bodyOf(linked).content).toContain(`<#${thread!.id}>`);
    expect(conversations.started).toEqual([
      {
        ref: { channel: 'discord', threadKey: thread!.id },
        speaker: { userId: alice.id, displayName: 'Alice', locale: 'ko' },
        text: `[069500 KODEX 200] ${QUESTION}`,
        title: QUESTION,
      },
    ]);
    const answer = fake.requests.find(
      (r) =>
        r.route === CHANNEL_MESSAGE &&
        r.params.channelId === thread!.id &&
        bodyOf(r).content?.includes('KODEX 200 3주를'),
    )!;
    expect(bodyOf(answer).allowed_mentions).toEqual({ parse: [] });
    // Model text is escaped: its @everyone reaches Discord as inert text.
    expect(bodyOf(answer).content).toContain(escapeUntrusted(SCRIPTED_ANSWER));
    const [answerMessage, card] = fake.messagesIn(thread!.id);
    expect(answerMessage!.content).toContain(escapeUntrusted(SCRIPTED_ANSWER));
    const intentId = customIds(card!)[0]!.slice('approve:'.length);
    expect(customIds(card!)).toEqual([`approve:${intentId}`, `reject:${intentId}`]);
    const embed = card!.embeds[0]!;
    expect(embed.author?.name).toContain('PAPER');
    expect(embed.title).toBe('매수 제안 · 069500 KODEX 200');
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: '수량', value: '3주', inline: true },
        { name: '가격', value: '35,980원 (지정가)', inline: true },
        { name: '예상 금액', value: '107,940원', inline: true },
      ]),
    );
    expect(embed.description).toContain('✅ 거래 상태');
    // The card ref is stored once the card's POST has answered (after the link): wait for it, then check it.
    await vi.waitFor(async () => expect((await store.getIntent(intentId))!.cardRef).not.toBeNull());
    expect((await store.getIntent(intentId))!.cardRef).toEqual({
      channel: 'discord',
      channelId: thread!.id,
      messageId: card!.id,
    });

    // Act: bob approves, then the exchange fills the order
    const click = fake.click(bob, card!.id, `approve:${intentId}`);
    const cardEdit = await editOf(fake, click);
    const accepted = await postedIn(fake, thread!.id, '주문 접수');
    broker.fill('0000000001', 3, 35_980);
    const filled = await postedIn(fake, thread!.id, '체결');

    // Assert
    expect(fake.callbacksFor(click.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(broker.callsOf('placeOrder')).toEqual([
      {
        method: 'placeOrder',
        args: [{ ticker: '069500', side: 'BUY', quantity: 3, orderType: 'LIMIT', limitPrice: 35_980 }],
      },
    ]);
    const edited = bodyOf(cardEdit);
    expect(edited.embeds![0]!.fields!.at(-1)).toMatchObject({ name: '상태' });
    expect(edited.embeds![0]!.fields!.at(-1)!.value).toContain('주문번호 0000000001');
    expect(edited.components!.flatMap((row) => row.components.map((c) => c.disabled === true))).toEqual([
      true,
      true,
      false, // 🚫 cancel while KIS holds the order open
    ]);
    expect(bodyOf(accepted).content).toBe('📨 주문 접수: 069500 매수 3주 · 주문번호 0000000001');
    expect(bodyOf(filled).content).toBe('🟢 체결: 3주 @ 35,980원 (누적 3/3주)');
    expect((await store.getOrderByIntent(intentId))!.status).toBe('FILLED');
    const callbacks = fake.requests.filter((r) => r.route === CALLBACK);
    expect(callbacks.map((r) => r.params.interactionId).sort()).toEqual(
      [slash.id, submit.id, click.id].sort(),
    );
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('when a person writes in the desk thread then it becomes the next turn, while other channels and the bot itself are ignored', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, conversations } = h;
    const { threadId } = await openTradeThread(fake, fake.users.alice);
    const rest = new REST({ version: '10', api: fake.restApiBase }).setToken(fake.botToken);
    const other = (await rest.post(Routes.threads(fake.channels.briefing.id), {
      body: { name: 'not a desk thread', type: ChannelType.PublicThread },
    })) as { id: string };
    await fake.waitForRequest(
      (r) =>
        r.route === 'POST /channels/:channelId/threads' && r.params.channelId === fake.channels.briefing.id,
    );

    // Act
    fake.postMessage(fake.users.bob, fake.channels.trade.id, '채널에 직접 쓴 글');
    fake.postMessage(fake.users.bob, other.id, '다른 스레드');
    fake.postMessage(fake.users.bob, threadId, '수수료는 얼마야?');
    const reply = await postedIn(fake, threadId, '답변: 수수료는 얼마야?');

    // Assert
    expect(conversations.continued).toEqual([
      {
        ref: { channel: 'discord', threadKey: threadId },
        speaker: { userId: fake.users.bob.id, displayName: 'Bob', locale: 'ko' },
        text: '수수료는 얼마야?',
      },
    ]);
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [] });
    expect(fake.messagesIn(other.id).filter((m) => m.author.bot)).toEqual([]);
  });
});
