import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai/server';
import { alice, buildWorld, usageRows, type AssistantWorld } from './support/harness';

const THIRTY_MINUTES = 30 * 60_000;

describe.each(testDatabaseTargets())('assistant memory on $name', (target) => {
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

  it('when a conversation has been idle for 30 minutes then it is summarised into memory, archived, and a new conversation finds it with search_memory', async () => {
    // Arrange: nothing configured, so the offline planner answers and the summary is extractive.
    const assistant = world.assistant({ model: 'offline' });
    const first = { channel: 'discord' as const, threadKey: '1300000000000000011' };
    await assistant.start(first, alice, 'KODEX 200 현재가 알려줘', 'KODEX 200 시세');
    const session = await world.sessionStore.findSessionByThreadKey(`discord:${first.threadKey}`);
    world.clock.advance(THIRTY_MINUTES - 1);
    const tooEarly = await assistant.sweepIdleSessions(world.clock.now());

    // Act
    world.clock.advance(1);
    const archived = await assistant.sweepIdleSessions(world.clock.now());
    const next = await assistant.start(
      { channel: 'discord', threadKey: '1300000000000000012' },
      alice,
      '지난 대화 기억 찾아줘: KODEX 200 시세',
      '기억',
    );

    // Assert
    expect(tooEarly).toEqual([]);
    expect(archived).toEqual([first]);
    const memory = await world.memory.get(`session:${session!.id}`);
    expect(memory).toMatchObject({
      kind: 'session_summary',
      date: '2026-11-23',
      tickers: ['069500'],
      threadId: 'discord:1300000000000000011',
    });
    expect(memory!.content).toContain('KODEX 200 현재가 알려줘');
    expect(memory!.content).toContain('get_quote 069500');
    expect(await world.sessionStore.getSession(session!.id)).toMatchObject({
      status: 'SUMMARIZED',
      summaryMemoryId: `session:${session!.id}`,
    });
    expect(next.citations).toContainEqual({
      kind: 'memory',
      id: `session:${session!.id}`,
      date: '2026-11-23',
    });
  });

  it('when a model is configured then it writes the summary and its cost is recorded as a summary', async () => {
    // Arrange
    fake.script([
      { content: 'KODEX 200은 35,980원이었습니다.' },
      {
        content: '사용자가 KODEX 200 시세를 물었고 35,980원으로 답함.',
        usage: { promptTokens: 500, completionTokens: 50 },
      },
    ]);
    const assistant = world.assistant();
    await assistant.start({ channel: 'terminal', threadKey: 's1' }, alice, '069500 얼마?', '시세');
    world.clock.advance(THIRTY_MINUTES);

    // Act
    const archived = await assistant.sweepIdleSessions(world.clock.now());

    // Assert
    expect(archived).toEqual([{ channel: 'terminal', threadKey: 's1' }]);
    const summaryRequest = fake.chatRequests()[1]!;
    expect(summaryRequest.tools).toBeUndefined();
    expect(JSON.stringify(summaryRequest.messages)).toContain('069500 얼마?');
    const [hit] = await world.memory.search('KODEX 200 시세', {
      k: 1,
      filter: { kinds: ['session_summary'] },
    });
    expect(hit!.record.content).toContain('사용자가 KODEX 200 시세를 물었고 35,980원으로 답함.');
    expect((await usageRows(world.database)).map((u) => u.purpose)).toEqual(['turn', 'summary']);
  });

  it('when a message arrives before the sweep then the conversation stays open', async () => {
    // Arrange
    const assistant = world.assistant({ model: 'offline' });
    const ref = { channel: 'terminal' as const, threadKey: 's2' };
    await assistant.start(ref, alice, '069500 현재가', '시세');
    world.clock.advance(THIRTY_MINUTES - 60_000);
    await assistant.continue(ref, alice, '잔고');
    world.clock.advance(60_000);

    // Act
    const archived = await assistant.sweepIdleSessions(world.clock.now());

    // Assert
    expect(archived).toEqual([]);
    expect((await world.sessionStore.findSessionByThreadKey('terminal:s2'))!.status).toBe('ACTIVE');
    expect(await world.memory.count()).toBe(0);
  });

  it('when a memory is shown and then forgotten then it is gone from search', async () => {
    // Arrange
    await world.memory.upsert([
      {
        id: 'note:1',
        kind: 'note',
        content: '069500 분할 매수 원칙',
        date: '2026-11-20',
        tickers: ['069500'],
        threadId: null,
        source: null,
      },
    ]);
    const assistant = world.assistant({ model: 'offline' });

    // Act
    const shown = await assistant.memoryShow('분할 매수', 5);
    const recent = await assistant.memoryShow(null, 5);
    const forgotten = await assistant.memoryForget('note:1', 'alice');
    const again = await assistant.memoryForget('note:1', 'alice');

    // Assert
    expect(shown.map((m) => m.id)).toEqual(['note:1']);
    expect(recent).toEqual([
      { id: 'note:1', kind: 'note', date: '2026-11-20', content: '069500 분할 매수 원칙' },
    ]);
    expect([forgotten, again]).toEqual([true, false]);
    expect(await world.memory.count()).toBe(0);
  });
});
