import { randomUUID } from 'node:crypto';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { orderEvents } from '../../../src/adapters/db/schema';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf, followUpOf, openTradeThread, WEBHOOK_FOLLOWUP } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';
import { kodexBuy } from './support/scripted-conversations';

function field(body: ReturnType<typeof bodyOf>, ...names: string[]): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => names.includes(f.name))?.value;
}

function disabledFlags(body: ReturnType<typeof bodyOf>): (boolean | undefined)[] {
  return (body.components ?? []).flatMap((row) => row.components.map((c) => c.disabled));
}

describe.each(testDatabaseTargets())('LIVE confirmation and two-person approval on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when ✅ is pressed in LIVE then a quantity modal opens; a wrong quantity sends nothing, the right one sends once', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database, { badge: 'LIVE' });
    const { fake, broker, store } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    // Act 1: the click only opens the confirmation
    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const modal = await fake.waitForCallback(click);

    // Assert 1
    expect(modal).toMatchObject({
      type: InteractionResponseType.Modal,
      status: 204,
      data: { custom_id: `confirm-approve:${intentId}` },
    });
    expect(broker.callsOf('placeOrder')).toEqual([]);
    expect((await store.getIntent(intentId))!.status).toBe('AWAITING_APPROVAL');

    // Act 2: a wrong quantity
    const wrong = fake.submitModal(fake.users.bob, `confirm-approve:${intentId}`, { quantity: '30' });
    const refusal = await followUpOf(fake, wrong);

    // Assert 2
    expect(bodyOf(refusal)).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(bodyOf(refusal).content).toBe(
      '입력한 수량 30주가 주문 수량 3주와 다릅니다. 아무것도 전송하지 않았습니다.',
    );
    expect(broker.callsOf('placeOrder')).toEqual([]);
    expect((await store.getIntent(intentId))!.status).toBe('AWAITING_APPROVAL');

    // Act 3: not a number at all
    const garbage = fake.submitModal(fake.users.bob, `confirm-approve:${intentId}`, { quantity: '3주요' });
    const garbageAnswer = await fake.waitForCallback(garbage);

    // Assert 3
    expect(garbageAnswer).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect((garbageAnswer.data as { content: string }).content).toContain('정수');
    expect(broker.callsOf('placeOrder')).toEqual([]);

    // Act 4: the right quantity
    const right = fake.submitModal(fake.users.bob, `confirm-approve:${intentId}`, { quantity: '3' });
    const edit = await editOf(fake, right);

    // Assert 4
    expect(fake.callbacksFor(right.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(edit.params.messageId).toBe('@original');
    expect(field(bodyOf(edit), '상태')).toContain('주문번호 0000000001');
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
    expect(fake.message(card.id)!.embeds[0]!.fields!.find((f) => f.name === '상태')!.value).toContain(
      '주문번호 0000000001',
    );
  });

  it('when "approve all" is pressed in LIVE then the total quantity is asked; a wrong total sends nothing', async () => {
    // Arrange: a plan of two legs (3 + 1 shares)
    h = await startDiscordHarness(handle.database, { badge: 'LIVE' });
    const { fake, broker, core } = h;
    const runId = randomUUID();
    const legs = [
      (await core.approvals.propose(kodexBuy('cycle', { source: 'cycle', dailyRunId: runId }))).intent,
      (
        await core.approvals.propose(
          kodexBuy('cycle', {
            source: 'cycle',
            dailyRunId: runId,
            ticker: '114260',
            quantity: 1,
            limitPrice: 59_000,
          }),
        )
      ).intent,
    ];
    const { threadId } = await h.channel.postPlanCard({
      title: '계획',
      summary: '계획입니다.',
      intents: legs,
      runId,
    });
    const approveAll = fake
      .messagesIn(threadId)
      .find((m) =>
        m.components?.some((row) =>
          (row as { components: { custom_id?: string }[] }).components.some(
            (c) => c.custom_id === `approve-plan:${runId}`,
          ),
        ),
      )!;

    // Act 1
    const click = fake.click(fake.users.bob, approveAll.id, `approve-plan:${runId}`);
    const modal = await fake.waitForCallback(click);
    const wrong = fake.submitModal(fake.users.bob, `confirm-plan:${runId}`, { quantity: '3' });
    const refusal = await editOf(fake, wrong);

    // Assert 1
    expect(modal).toMatchObject({
      type: InteractionResponseType.Modal,
      data: { custom_id: `confirm-plan:${runId}` },
    });
    expect(bodyOf(refusal).content).toBe(
      '입력한 합계 3주가 승인 대기 수량 합계 4주와 다릅니다. 아무것도 전송하지 않았습니다.',
    );
    expect(broker.callsOf('placeOrder')).toEqual([]);

    // Act 2
    const right = fake.submitModal(fake.users.bob, `confirm-plan:${runId}`, { quantity: '4' });
    const tally = await editOf(fake, right);

    // Assert 2
    expect(bodyOf(tally).content).toContain('2건 승인 처리: 주문 2건');
    expect(broker.callsOf('placeOrder')).toHaveLength(2);
  });

  it('when the order is above the two-person threshold then the first ✅ records 1 of 2, the same person again does nothing, a second approver sends', async () => {
    // Arrange: 3 × 35,980 = 107,940 KRW, above 100,000
    h = await startDiscordHarness(handle.database, { twoPersonAboveKrw: 100_000 });
    const { fake, broker, store } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    // Act 1: bob's first ✅
    const first = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const [firstEdit, firstNote] = await Promise.all([editOf(fake, first), followUpOf(fake, first)]);

    // Assert 1: recorded, persisted, nothing sent, buttons still live
    expect(broker.callsOf('placeOrder')).toEqual([]);
    expect(await store.getIntent(intentId)).toMatchObject({
      status: 'AWAITING_APPROVAL',
      firstApprovedBy: fake.users.bob.id,
    });
    expect(field(bodyOf(firstEdit), '승인자')).toBe(
      `1/2 승인 · <@${fake.users.bob.id}> — 다른 승인자의 ✅가 있어야 전송됩니다`,
    );
    expect(disabledFlags(bodyOf(firstEdit))).toEqual([false, false]);
    expect(bodyOf(firstNote)).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(bodyOf(firstNote).content).toContain('승인 1/2');

    // Act 2: bob again, after a restart of the channel (the first approval lives in the database)
    await h.restartChannel();
    const again = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const againNote = await followUpOf(fake, again);

    // Assert 2
    expect(bodyOf(againNote).content).toBe(
      '이미 승인하셨습니다. 다른 승인자의 ✅가 필요합니다. 아무것도 전송하지 않았습니다.',
    );
    expect(bodyOf(againNote).flags).toBe(MessageFlags.Ephemeral);
    expect(
      fake.requests.filter(
        (r) => r.params.token === again.token && r.route !== WEBHOOK_FOLLOWUP && r.method === 'PATCH',
      ),
    ).toEqual([]);
    expect(broker.callsOf('placeOrder')).toEqual([]);

    // Act 3: alice, a different approver
    const second = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    const secondEdit = await editOf(fake, second);

    // Assert 3
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
    expect(field(bodyOf(secondEdit), '상태')).toContain('주문번호 0000000001');
    expect(field(bodyOf(secondEdit), '승인자')).toBe(
      `2/2 승인 · <@${fake.users.bob.id}>, <@${fake.users.alice.id}>`,
    );
    const events = (await handle.database.db.select().from(orderEvents)).filter(
      (e) => e.intentId === intentId,
    );
    expect(events.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['INTENT_FIRST_APPROVAL', fake.users.bob.id],
        ['INTENT_APPROVED', fake.users.alice.id],
      ]),
    );
  });

  it('when the order is at or below the two-person threshold then one ✅ sends it', async () => {
    h = await startDiscordHarness(handle.database, { twoPersonAboveKrw: 107_940 });
    const { fake, broker, store } = h;
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    const click = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const edit = await editOf(fake, click);

    expect(broker.callsOf('placeOrder')).toHaveLength(1);
    expect(field(bodyOf(edit), '상태')).toContain('주문번호 0000000001');
    expect((await store.getIntent(intentId))!.firstApprovedBy).toBeNull();
  });
});
