/**
 * Issue 12 item 1: cancels from Discord with the real discord.js client against the fake Discord — the cancel
 * button on an accepted order's card, /orders, and /stop's "cancel every resting order" with its confirmation.
 */
import { MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fake-discord';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, customIds, editOf, openTradeThread, postedIn } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';

const CHANNEL_EDIT = 'PATCH /channels/:channelId/messages/:messageId';

function statusField(body: ReturnType<typeof bodyOf>): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => f.name === '상태')?.value;
}

describe.each(testDatabaseTargets())('discord cancels on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** /trade → card → alice's ✅: a limit order KIS accepted and holds open; returns the card edit after ✅. */
  async function restingOrder(harness: DiscordHarness) {
    const { fake } = harness;
    const opened = await openTradeThread(fake, fake.users.alice);
    const approve = fake.click(fake.users.alice, opened.card.id, `approve:${opened.intentId}`);
    const approved = await editOf(fake, approve);
    const order = (await harness.store.getOrderByIntent(opened.intentId))!;
    return { ...opened, approved, order };
  }

  it('when an approver presses 🚫 on an accepted order card then one cancel reaches KIS and the card says cancelled only after KIS confirmed', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store } = h;
    const { threadId, card, approved, order } = await restingOrder(h);

    // Act: mallory first (not an approver), then bob
    const byMallory = fake.click(fake.users.mallory, card.id, `cancel:${order.id}`);
    const malloryAnswer = await fake.waitForCallback(byMallory);
    const byBob = fake.click(fake.users.bob, card.id, `cancel:${order.id}`);
    const bobAnswer = await editOf(fake, byBob);
    const cardEdit = await fake.waitForRequest(
      (r) => r.route === CHANNEL_EDIT && r.params.messageId === card.id,
    );
    const followUp = await postedIn(fake, threadId, '주문 취소');

    // Assert
    expect(customIds(bodyOf(approved))).toEqual([
      `approve:${order.intentId}`,
      `reject:${order.intentId}`,
      `cancel:${order.id}`,
    ]);
    expect(malloryAnswer.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(broker.callsOf('cancelOrder').map((c) => c.args[0])).toEqual([
      { brokerOrderId: order.brokerOrderId, orgNo: order.brokerOrgNo },
    ]);
    expect(bodyOf(bobAnswer).content).toContain('취소했습니다 (증권사 확인');
    expect((await store.getOrder(order.id))!.status).toBe('CANCELLED');
    expect(statusField(bodyOf(cardEdit))).toContain('취소됨 (증권사 확인)');
    expect(customIds(bodyOf(cardEdit))).not.toContain(`cancel:${order.id}`);
    expect(bodyOf(followUp).content).toBe('🚫 주문 취소 (체결 0/3주)');
  });

  it('when the cancel answer is lost then the card is not marked cancelled, nothing is re-sent, and reconciliation marks it once KIS shows it cancelled', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store, core, clock } = h;
    const { card, order } = await restingOrder(h);
    broker.cancelScript = ['unknown-executed'];

    // Act
    const first = fake.click(fake.users.alice, card.id, `cancel:${order.id}`);
    const firstAnswer = await editOf(fake, first);
    const second = fake.click(fake.users.alice, card.id, `cancel:${order.id}`);
    const secondAnswer = await editOf(fake, second);
    const editsBefore = fake.requests.filter(
      (r) => r.route === CHANNEL_EDIT && r.params.messageId === card.id,
    ).length;
    const statusBefore = (await store.getOrder(order.id))!.status;
    clock.advance(5_000);
    await core.reconciliation.reconcile();
    const cardEdit = await fake.waitForRequest(
      (r) => r.route === CHANNEL_EDIT && r.params.messageId === card.id,
    );

    // Assert
    expect(bodyOf(firstAnswer).content).toContain('취소 결과를 알 수 없습니다');
    expect(bodyOf(secondAnswer).content).toContain('앞선 취소 요청');
    expect(editsBefore).toBe(0);
    expect(statusBefore).toBe('ACCEPTED');
    expect(broker.callsOf('cancelOrder')).toHaveLength(1);
    expect((await store.getOrder(order.id))!.status).toBe('CANCELLED');
    expect(statusField(bodyOf(cardEdit))).toContain('취소됨');
  });

  it('when /orders is used then the open orders are listed privately with a cancel button each, and pressing one cancels that order', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store } = h;
    const { order } = await restingOrder(h);

    // Act
    const slash = fake.slash(fake.users.bob, 'orders');
    const list = await editOf(fake, slash);
    const listMessage = list.response as { id: string };
    const press = fake.click(fake.users.bob, listMessage.id, `cancel:${order.id}`);
    const answer = await editOf(fake, press);

    // Assert
    expect(fake.callbacksFor(slash.id)[0]!.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(bodyOf(list).content).toContain('#1 069500 KODEX 200 · 매수 0주/3주 · 35,980원 · 접수');
    expect(customIds(bodyOf(list))).toEqual([`cancel:${order.id}`]);
    expect(bodyOf(answer).content).toContain('취소했습니다');
    expect(broker.callsOf('cancelOrder')).toHaveLength(1);
    expect((await store.getOrder(order.id))!.status).toBe('CANCELLED');
  });

  it('when /stop is used with a resting order then it offers to cancel every resting order, asks once more, and cancels each once on the confirmation', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, broker, store, core } = h;
    const { order } = await restingOrder(h);

    // Act
    const stop = fake.slash(fake.users.bob, 'stop');
    const stopped = await editOf(fake, stop);
    const stopMessage = stopped.response as { id: string };
    const ask = fake.click(fake.users.bob, stopMessage.id, 'cancel-all:ask');
    const confirmation: RecordedRequest = await editOf(fake, ask);
    const before = broker.callsOf('cancelOrder').length;
    const confirm = fake.click(
      fake.users.bob,
      (confirmation.response as { id: string }).id,
      'cancel-all:confirm',
    );
    const done = await editOf(fake, confirm);

    // Assert
    expect((await core.tradingState.effective()).state).toBe('HALTED');
    expect(customIds(bodyOf(stopped))).toEqual(['cancel-all:ask']);
    expect(bodyOf(confirmation).content).toContain('1건을 모두 취소할까요?');
    expect(customIds(bodyOf(confirmation))).toEqual(['cancel-all:confirm']);
    expect(before).toBe(0);
    expect(broker.callsOf('cancelOrder')).toHaveLength(1);
    expect(bodyOf(done).content).toContain('1건 중 1건 취소 확인');
    expect(bodyOf(done).components).toEqual([]);
    expect((await store.getOrder(order.id))!.status).toBe('CANCELLED');
  });
});
