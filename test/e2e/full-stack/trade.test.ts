/**
 * /trade on the real stack: composeDesk with the built-in KIS simulator, the OpenAI chat model against the
 * fake OpenAI server, PGlite, and the real discord.js client against the fake Discord.
 */
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import {
  bodyOf,
  CALLBACK,
  CHANNEL_MESSAGE,
  customIds,
  editOf,
  MODEL_ANSWER,
  openTradeThread,
  postedIn,
  scriptTrade,
  WAIT_MS,
  WEBHOOK_EDIT,
  WEBHOOK_FOLLOWUP,
} from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const ORDER_INQUIRY = '/uapi/domestic-stock/v1/trading/inquire-daily-ccld';

function statusField(body: ReturnType<typeof bodyOf>): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => f.name === '상태')?.value;
}

function disabledFlags(body: ReturnType<typeof bodyOf>): (boolean | undefined)[] {
  return (body.components ?? []).flatMap((row) => row.components.map((c) => c.disabled));
}

describe('full stack: /trade', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when the model quotes and proposes through /trade and alice approves then exactly one order reaches the simulator and its fill is followed up in the thread', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database });
    await reconcileForTrading(stack);
    const { fake, openai, runtime } = stack;
    const simulator = runtime.simulator!;
    const trade = scriptTrade(openai);

    // Act: /trade → modal → thread with the model's answer and the card
    const { threadId, card, intentId, slash, submit } = await openTradeThread(fake, fake.users.alice);

    // Assert: the quote came from the simulator through the real KIS client, the model proposed from it
    expect(trade.quote).toEqual({ ticker: '069500', price: simulator.control.currentPrice('069500') });
    const quantity = trade.quantity!;
    expect(quantity).toBeGreaterThan(0);
    const chat = openai.chatRequests();
    expect(chat).toHaveLength(3);
    expect(chat[0]!.tools!.map((t) => t.function.name)).toEqual(
      expect.arrayContaining(['get_quote', 'propose_order']),
    );
    expect(JSON.stringify(chat[2]!.messages.at(-1))).toContain('AWAITING_APPROVAL');
    expect(simulator.control.stats().byPath).toEqual(
      expect.objectContaining({ '/uapi/domestic-stock/v1/quotations/inquire-price': expect.any(Number) }),
    );
    // The card ref is stored once the card's POST has answered (the thread link comes before the answer).
    await vi.waitFor(async () => expect((await runtime.store.getIntent(intentId))!.cardRef).not.toBeNull());
    const intent = (await runtime.store.getIntent(intentId))!;
    expect(intent).toMatchObject({
      status: 'AWAITING_APPROVAL',
      source: 'chat',
      proposer: fake.users.alice.id,
      ticker: '069500',
      side: 'BUY',
      quantity,
      orderType: 'MARKET',
      cardRef: { channel: 'discord', channelId: threadId, messageId: card.id },
    });
    expect(fake.threads()).toEqual([
      expect.objectContaining({ id: threadId, parent_id: fake.channels.trade.id }),
    ]);
    // The streamed answer grew in one message (posted with the first text, then edited to the whole answer).
    const [answer] = fake.messagesIn(threadId);
    expect(answer!.content).toContain(MODEL_ANSWER);
    expect(answer!.content).not.toContain('▍');
    expect(customIds(card)).toEqual([`approve:${intentId}`, `reject:${intentId}`]);
    expect(card.embeds[0]!.title).toBe('매수 제안 · 069500 KODEX 200');
    expect(card.embeds[0]!.author?.name).toContain('SIM');
    expect(card.embeds[0]!.fields).toEqual(
      expect.arrayContaining([{ name: '수량', value: `${quantity}주`, inline: true }]),
    );
    expect(simulator.control.receivedOrders()).toEqual([]);
    const inquiriesBefore = simulator.control.stats().byPath[ORDER_INQUIRY] ?? 0;

    // Act: alice approves; the simulator fills the market order at once and notifies over the WebSocket
    const click = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    const cardEdit = await editOf(fake, click);
    const accepted = await postedIn(fake, threadId, '주문 접수');
    const filled = await postedIn(fake, threadId, '체결');

    // Assert: exactly one order, the card closed with its order number, the fill in the thread and the books
    const orders = simulator.control.receivedOrders();
    expect(orders).toHaveLength(1);
    const [sent] = orders;
    expect(sent).toMatchObject({
      environment: 'paper',
      kind: 'order',
      ticker: '069500',
      side: 'BUY',
      quantity,
      ordDvsn: '01',
      status: 'filled',
      filledQuantity: quantity,
      responseDropped: false,
    });
    expect(fake.callbacksFor(click.id).map((c) => c.type)).toEqual([
      InteractionResponseType.DeferredMessageUpdate,
    ]);
    expect(statusField(bodyOf(cardEdit))).toContain(`주문번호 ${sent!.odno}`);
    expect(disabledFlags(bodyOf(cardEdit)).slice(0, 2)).toEqual([true, true]);
    // Filled at once: the card ends without the 🚫 cancel button, whichever edit came last
    expect(customIds(fake.message(card.id)!)).toEqual([`approve:${intentId}`, `reject:${intentId}`]);
    expect(bodyOf(accepted).content).toBe(`📨 주문 접수: 069500 매수 ${quantity}주 · 주문번호 ${sent!.odno}`);
    expect(bodyOf(filled).content).toMatch(
      new RegExp(`^🟢 체결: ${quantity}주 @ [\\d,]+원 \\(누적 ${quantity}/${quantity}주\\)$`),
    );
    const order = (await runtime.store.getOrderByIntent(intentId))!;
    expect(simulator.control.stats().byPath[ORDER_INQUIRY] ?? 0).toBe(inquiriesBefore); // the notice, not a poll
    expect(order).toMatchObject({
      status: 'FILLED',
      brokerOrderId: sent!.odno,
      quantity,
      filledQuantity: quantity,
    });
    expect((await runtime.store.getIntent(intentId))!.status).toBe('SUBMITTED');
    expect((await runtime.store.getPositions()).find((p) => p.ticker === '069500')?.quantity).toBe(quantity);
    expect(
      fake.requests
        .filter((r) => r.route === CALLBACK)
        .map((r) => r.params.interactionId)
        .sort(),
    ).toEqual([slash.id, submit.id, click.id].sort());
    expect(stack.logLines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });

  it('when two approvers click ✅ at once on the real stack then exactly one order reaches the simulator and the other hears it was already approved', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database });
    await reconcileForTrading(stack);
    const { fake, openai, runtime } = stack;
    const simulator = runtime.simulator!;
    scriptTrade(openai);
    const { card, intentId, threadId } = await openTradeThread(fake, fake.users.alice);

    // Act
    const bobClick = fake.click(fake.users.bob, card.id, `approve:${intentId}`);
    const aliceClick = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    const tokens = [bobClick.token, aliceClick.token];
    const [edit, followUp] = await Promise.all([
      fake.waitForRequest((r) => r.route === WEBHOOK_EDIT && tokens.includes(r.params.token!), WAIT_MS),
      fake.waitForRequest((r) => r.route === WEBHOOK_FOLLOWUP && tokens.includes(r.params.token!), WAIT_MS),
    ]);
    await postedIn(fake, threadId, '체결');

    // Assert
    const orders = simulator.control.receivedOrders();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ ticker: '069500', side: 'BUY', status: 'filled' });
    expect(edit.params.token).not.toBe(followUp.params.token);
    expect(statusField(bodyOf(edit))).toContain(`주문번호 ${orders[0]!.odno}`);
    expect(bodyOf(followUp).content).toContain('이미 승인');
    expect(bodyOf(followUp).flags).toBe(MessageFlags.Ephemeral);
    expect(
      fake.requests.filter((r) => r.route === WEBHOOK_EDIT && tokens.includes(r.params.token!)),
    ).toHaveLength(1);
    expect(
      fake.requests.filter(
        (r) =>
          r.route === CHANNEL_MESSAGE &&
          r.params.channelId === threadId &&
          bodyOf(r).content?.includes('주문 접수'),
      ),
    ).toHaveLength(1);
    expect(await runtime.store.getOrderByIntent(intentId)).toMatchObject({ status: 'FILLED' });
  });
});
