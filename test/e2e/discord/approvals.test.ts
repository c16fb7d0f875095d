import { InteractionResponseType, Locale, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import {
  bodyOf,
  CALLBACK,
  customIds,
  editOf,
  followUpOf,
  openTradeThread,
  postedIn,
  WEBHOOK_EDIT,
  WEBHOOK_FOLLOWUP,
} from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { kodexBuy } from './support/scripted-conversations';

const TTL_MS = 10 * 60_000;

function statusField(body: ReturnType<typeof bodyOf>): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => f.name === '상태' || f.name === 'Status')?.value;
}

function disabledFlags(body: ReturnType<typeof bodyOf>): (boolean | undefined)[] {
  return (body.components ?? []).flatMap((row) => row.components.map((c) => c.disabled));
}

describe.each(testDatabaseTargets())('discord approvals on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when two approvers click ✅ at once then one order is sent and the other hears it was already approved', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    // Act
    const bobClick = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const aliceClick = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    const tokens = [bobClick.token, aliceClick.token];
    const [edit, followUp] = await Promise.all([
      fake.waitForRequest((r) => r.route === WEBHOOK_EDIT && tokens.includes(r.params.token!)),
      fake.waitForRequest((r) => r.route === WEBHOOK_FOLLOWUP && tokens.includes(r.params.token!)),
    ]);

    // Assert
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
    expect(fake.callbacksFor(bobClick.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(fake.callbacksFor(aliceClick.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(edit.params.token).not.toBe(followUp.params.token);
    expect(statusField(bodyOf(edit))).toContain('주문번호 0000000001');
    expect(bodyOf(followUp).content).toContain('이미 승인');
    expect(bodyOf(followUp).flags).toBe(MessageFlags.Ephemeral);
    expect(
      fake.requests.filter((r) => r.route === WEBHOOK_EDIT && tokens.includes(r.params.token!)),
    ).toHaveLength(1);
  });

  it('when mallory, who is not an approver, clicks ✅ then she alone is told no, the intent is unchanged and nothing is sent', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    // Act
    const click = fake.click(fake.users.mallory, card.id, `approve:${intentId}`);
    const callback = await fake.waitForCallback(click);

    // Assert
    expect(callback).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      status: 204,
      data: {
        content: '권한이 없습니다. 승인자로 등록된 사람만 할 수 있습니다.',
        flags: MessageFlags.Ephemeral,
      },
    });
    expect(fake.callbacksFor(click.id)).toHaveLength(1);
    expect((await store.getIntent(intentId))!.status).toBe('AWAITING_APPROVAL');
    expect(broker.callsOf('placeOrder')).toEqual([]);
    expect(fake.message(card.id)!.components).toEqual(card.components);
  });

  it('when the intent has expired then the click is refused privately, the card says expired and nothing is sent', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, clock } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);
    clock.advance(TTL_MS + 1);

    // Act
    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const [edit, followUp] = await Promise.all([editOf(fake, click), followUpOf(fake, click)]);

    // Assert
    expect(fake.callbacksFor(click.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(bodyOf(followUp)).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(bodyOf(followUp).content).toContain('만료');
    expect(statusField(bodyOf(edit))).toContain('만료');
    expect(disabledFlags(bodyOf(edit))).toEqual([true, true]);
    expect(broker.callsOf('placeOrder')).toEqual([]);
  });

  it('when the clock expires an intent nobody approved then its card is closed in place', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, clock, core } = h;
    const { card, threadId, intentId } = await openTradeThread(fake, fake.users.alice);
    // The answer comes after the thread link: wait until the desk has recorded where the card lives.
    await vi.waitFor(async () => expect((await h!.store.getIntent(intentId))!.cardRef).not.toBeNull());
    clock.advance(TTL_MS + 1);

    // Act
    await core.approvals.expireDue();
    const edit = await fake.waitForRequest(
      (r) => r.route === 'PATCH /channels/:channelId/messages/:messageId' && r.params.messageId === card.id,
    );

    // Assert
    expect(edit.params.channelId).toBe(threadId);
    expect(statusField(bodyOf(edit))).toContain('만료');
    expect(disabledFlags(bodyOf(edit))).toEqual([true, true]);
  });

  it('when the bot restarts between the proposal and the click then the button still works and the order is followed up', async () => {
    // Arrange: card refs are not persisted, so nothing but the button itself survives the restart
    h = await startDiscordHarness(handle.database, { persistCardRefs: false });
    const { fake, broker } = h;
    const { card, intentId, threadId } = await openTradeThread(fake, fake.users.alice);
    await h.restartChannel();

    // Act
    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const edit = await editOf(fake, click);
    const accepted = await postedIn(fake, threadId, '주문 접수');

    // Assert
    expect(fake.callbacksFor(click.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
    expect(statusField(bodyOf(edit))).toContain('주문번호 0000000001');
    expect(bodyOf(accepted).content).toContain('주문번호 0000000001');
    expect(fake.gatewayFrames.filter((frame) => frame.op === 2)).toHaveLength(2);
  });

  it('when an approver rejects then the card says who rejected it and nothing is sent', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    const click = fake.click(fake.users.bob, card.id, `reject:${intentId}`);
    const edit = await editOf(fake, click);

    expect(statusField(bodyOf(edit))).toBe(`✖️ 거절됨 · <@${fake.users.bob.id}>`);
    expect((await store.getIntent(intentId))!.status).toBe('REJECTED');
    expect(broker.callsOf('placeOrder')).toEqual([]);
  });

  it('when trading was halted after the proposal then ✅ edits the card to the guard denial in the thread language', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, broker, core } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);
    await core.tradingState.command('stop', 'test');

    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`, { locale: Locale.EnglishUS });
    const edit = await editOf(fake, click);

    expect(statusField(bodyOf(edit))).toContain('거래 중지(HALTED)');
    expect(broker.callsOf('placeOrder')).toEqual([]);
  });

  it('when a market order price moved materially then the card asks for a new approval and a new card appears', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, broker, conversations } = h;
    conversations.nextProposals = [
      (speaker) => kodexBuy(speaker.userId, { orderType: 'MARKET', limitPrice: undefined }),
    ];
    const { card, intentId, threadId } = await openTradeThread(fake, fake.users.alice);
    broker.prices.set('069500', 37_000);

    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const edit = await editOf(fake, click);
    const newCard = await fake.waitForRequest(
      (r) =>
        r.route === 'POST /channels/:channelId/messages' &&
        r.params.channelId === threadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:') && id !== `approve:${intentId}`),
    );

    expect(statusField(bodyOf(edit))).toContain('35,980원에서 37,000원');
    expect(disabledFlags(bodyOf(newCard))).toEqual([false, false]);
    expect(broker.callsOf('placeOrder')).toEqual([]);
    expect(
      fake.requests.filter((r) => r.route === CALLBACK && r.params.interactionId === click.id),
    ).toHaveLength(1);
  });
});
