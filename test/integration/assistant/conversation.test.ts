import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../../src/app/desk-events';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai/server';
import { alice as approver } from '../../support/trading';
import {
  alice,
  buildWorld,
  countRows,
  fillOrder,
  toolResultsOf,
  usageRows,
  type AssistantWorld,
} from './support/harness';

const REF = { channel: 'discord' as const, threadKey: '1300000000000000001' };

describe.each(testDatabaseTargets())('assistant conversations on $name', (target) => {
  const handle = useTestDatabase(target);
  let fake: FakeOpenAi;
  let world: AssistantWorld;

  beforeEach(async () => {
    fake = await startFakeOpenAi();
    world = await buildWorld(handle.database, fake);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('when the model looks up a quote and proposes an order then the intent carries its verdict, approval places one order and the fill is reported back in the session', async () => {
    // Arrange
    fake.script([
      { toolCalls: [{ id: 'call_quote', name: 'get_quote', arguments: { ticker: '069500' } }] },
      {
        toolCalls: [
          {
            id: 'call_order',
            name: 'propose_order',
            arguments: {
              ticker: '069500',
              side: 'BUY',
              quantity: 3,
              order_type: 'LIMIT',
              limit_price: 35_980,
              rationale: '현재가 35,980원에 3주 분할 매수',
            },
          },
        ],
      },
      {
        content:
          'KODEX 200 3주를 35,980원에 사는 제안을 만들었습니다. 승인해야 전송됩니다. [kis:inquire-price 069500]',
      },
    ]);
    const assistant = world.assistant();
    const events: DeskEvent[] = [];
    world.core.events.subscribe((event) => void events.push(event));

    // Act
    const reply = await assistant.start(REF, alice, 'KODEX 200 3주 사도 될까?', 'KODEX 200 매수');
    const [intent] = reply.proposals;
    const approval = await world.core.approvals.approve(intent!.id, approver);
    const order = approval.status === 'submitted' ? approval.order : null;
    await fillOrder(world, order!.brokerOrderId!, 3, 35_980);
    const session = await world.sessionStore.findSessionByThreadKey(`discord:${REF.threadKey}`);

    // Assert
    expect(reply.proposals).toHaveLength(1);
    expect(intent).toMatchObject({
      status: 'AWAITING_APPROVAL',
      source: 'chat',
      proposer: 'alice',
      sessionId: session!.id,
      ticker: '069500',
      quantity: 3,
      limitPrice: 35_980,
    });
    expect(intent!.precheck.outcome).toBe('ALLOW');
    const verdictSeenByModel = toolResultsOf(fake.chatRequests()[2]!)[1]!;
    expect(verdictSeenByModel).toMatchObject({
      intent_id: intent!.id,
      status: 'AWAITING_APPROVAL',
      outcome: 'ALLOW',
      sent_to_broker: false,
    });
    expect((verdictSeenByModel['checks'] as unknown[]).length).toBe(intent!.precheck.checks.length);
    expect(reply.citations).toContainEqual({
      kind: 'kis',
      call: 'inquire-price 069500',
      at: world.clock.now().toISOString(),
    });
    expect(reply.offline).toBe(false);
    expect(approval.status).toBe('submitted');
    expect(world.broker.callsOf('placeOrder')).toHaveLength(1);
    expect(await countRows(world.database, 'orders')).toBe(1);
    const fillEvent = events.find((e) => e.type === 'order.updated' && e.fill !== undefined);
    expect(fillEvent).toMatchObject({
      type: 'order.updated',
      fill: { quantity: 3, price: 35_980 },
      intent: { sessionId: session!.id },
    });
    const log = await world.sessionStore.listMessages(session!.id);
    expect(log.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
      'system',
      'system',
    ]);
    expect(log.at(-1)!.content).toContain('3주 35,980원에 체결');
  });

  it('when a turn ends then its token usage and cost are recorded for the session', async () => {
    // Arrange
    fake.script([{ content: '안녕하세요', usage: { promptTokens: 1_000, completionTokens: 200 } }]);
    const assistant = world.assistant();

    // Act
    const reply = await assistant.start(REF, alice, '안녕', '인사');
    const session = await world.sessionStore.findSessionByThreadKey(`discord:${REF.threadKey}`);

    // Assert: gpt-4.1-mini at $0.40 / $1.60 per million tokens
    expect(reply.usage).toEqual({ inputTokens: 1_000, outputTokens: 200, costMicroUsd: 720 });
    expect(await usageRows(world.database)).toEqual([
      {
        purpose: 'turn',
        model: 'gpt-4.1-mini',
        inputTokens: 1_000,
        outputTokens: 200,
        costMicroUsd: 720,
        sessionId: session!.id,
      },
    ]);
  });

  it('when the desk restarts in the middle of a conversation then the next request carries the whole history', async () => {
    // Arrange
    fake.script([
      { toolCalls: [{ id: 'call_quote', name: 'get_quote', arguments: { ticker: '069500' } }] },
      { content: 'KODEX 200은 35,980원입니다 [kis:inquire-price 069500]' },
      { content: '국고채 ETF는 59,000원입니다' },
    ]);
    await world.assistant().start(REF, alice, 'KODEX 200 얼마야?', '시세');

    // Act
    const restarted = world.assistant();
    await restarted.continue(REF, alice, '114260은?');

    // Assert
    const request = fake.chatRequests().at(-1)!;
    const conversation = request.messages.filter((m) => m.role !== 'system') as Record<string, unknown>[];
    expect(conversation.map((m) => m['role'])).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(conversation[0]!['content']).toBe('KODEX 200 얼마야?');
    expect(conversation[1]!['tool_calls']).toEqual([
      {
        id: 'call_quote',
        type: 'function',
        function: { name: 'get_quote', arguments: '{"ticker":"069500"}' },
      },
    ]);
    expect(conversation[2]).toMatchObject({ tool_call_id: 'call_quote' });
    expect(JSON.parse(String(conversation[2]!['content']))).toMatchObject({
      ticker: '069500',
      price: 35_980,
    });
    expect(conversation[3]!['content']).toBe('KODEX 200은 35,980원입니다 [kis:inquire-price 069500]');
    expect(conversation[4]!['content']).toBe('114260은?');
  });

  it('when an order of the conversation fills then the next request tells the model as a desk note', async () => {
    // Arrange
    fake.script([
      {
        toolCalls: [
          {
            id: 'call_order',
            name: 'propose_order',
            arguments: {
              ticker: '069500',
              side: 'BUY',
              quantity: 2,
              order_type: 'MARKET',
              rationale: '요청',
            },
          },
        ],
      },
      { content: '제안했습니다' },
      { content: '체결되었습니다' },
    ]);
    const assistant = world.assistant();
    const reply = await assistant.start(REF, alice, '069500 2주 시장가 매수', '매수');
    const approval = await world.core.approvals.approve(reply.proposals[0]!.id, approver);
    await fillOrder(world, approval.status === 'submitted' ? approval.order.brokerOrderId! : '', 2, 35_980);

    // Act
    await assistant.continue(REF, alice, '체결됐어?');

    // Assert
    const notes = fake
      .chatRequests()
      .at(-1)!
      .messages.filter((m) => m.role === 'system')
      .map((m) => String((m as { content?: unknown }).content));
    expect(notes.some((note) => note.includes('데스크 알림: 069500 매수 주문이 2주 35,980원에 체결'))).toBe(
      true,
    );
  });

  it('when the conversation is not known then continuing it is a typed error and nothing is stored', async () => {
    const assistant = world.assistant();

    const failure = await assistant.continue(REF, alice, '안녕').catch((error: unknown) => error);

    expect(failure).toMatchObject({ name: 'AssistantInputError', code: 'CONVERSATION_NOT_FOUND' });
    expect(await world.sessionStore.findSessionByThreadKey(`discord:${REF.threadKey}`)).toBeNull();
    expect(fake.chatRequests()).toHaveLength(0);
  });
});
