import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import type { RecordedRequest } from '../../support/fake-discord';
import {
  bodyOf,
  CHANNEL_MESSAGE,
  customIds,
  editOf,
  openTradeThread,
  QUESTION,
  WEBHOOK_EDIT,
} from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';

const EDIT = 'PATCH /channels/:channelId/messages/:messageId';
const TYPING = 'POST /channels/:channelId/typing';

function fenceLines(text: string): number {
  return text.split('\n').filter((line) => /^ {0,3}```/.test(line)).length;
}

/** A gate the scripted conversation waits on before each piece of text. */
function gates(count: number) {
  const list = Array.from({ length: count }, () => {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    return { promise, open };
  });
  let next = 0;
  return { wait: () => list[next++]!.promise, open: (i: number) => list[i]!.open() };
}

describe.each(testDatabaseTargets())('answers as they form on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when /trade is answered then the thread link comes first, typing is refreshed, and the answer grows in one message through throttled edits', async () => {
    // Arrange: six prefixes; the first three come at once, the rest when the test says so
    h = await startDiscordHarness(handle.database, {
      streaming: { editIntervalMs: 300, typingIntervalMs: 25 },
    });
    const { fake, conversations } = h;
    const answer = 'KODEX 200을 3주 사는 안을 제안합니다. 현금 비중이 높고 추세가 살아 있습니다.';
    const prefixes = [6, 12, 20, 30, 40, answer.length].map((n) => answer.slice(0, n));
    const gate = gates(prefixes.length);
    [0, 1, 2].forEach((i) => gate.open(i));
    conversations.answer = answer;
    conversations.stream = { prefixes, gate: gate.wait };

    // Act
    const slash = fake.slash(fake.users.alice, 'trade', { ticker: '069500' });
    await fake.waitForCallback(slash);
    const submit = fake.submitModal(fake.users.alice, 'trade-modal', {
      question: QUESTION,
      ticker: '069500',
    });
    const link = await editOf(fake, submit);
    const threadId = /<#(\d+)>/.exec(bodyOf(link).content ?? '')![1]!;
    const preview = await fake.waitForRequest(
      (r) => r.route === CHANNEL_MESSAGE && r.params.channelId === threadId,
    );
    const grown = await fake.waitForRequest(
      (r) => r.route === EDIT && r.params.channelId === threadId && bodyOf(r).content === `${prefixes[2]} ▍`,
    );
    [3, 4, 5].forEach((i) => gate.open(i));
    const card = await fake.waitForRequest(
      (r) =>
        r.route === CHANNEL_MESSAGE &&
        r.params.channelId === threadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
    );

    // Assert: the link before anything in the thread
    expect(link.index).toBeLessThan(preview.index);
    expect(bodyOf(preview).content).toBe(`${prefixes[0]} ▍`);
    expect(bodyOf(preview).allowed_mentions).toEqual({ parse: [] });
    // One message grew and became the answer; fewer edits than pieces of text
    const liveId = (preview.response as { id: string }).id;
    const edits = fake.requests.filter((r) => r.route === EDIT && r.params.messageId === liveId);
    expect(edits.length).toBeLessThan(prefixes.length);
    expect(grown.params.messageId).toBe(liveId);
    const finalEdit = edits.at(-1)!;
    expect(bodyOf(finalEdit).content).toContain(answer);
    expect(bodyOf(finalEdit).content).not.toContain('▍');
    expect(finalEdit.index).toBeLessThan(card.index);
    const messages = fake.messagesIn(threadId);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.id).toBe(liveId);
    expect(messages[0]!.content).toContain(answer);
    // Typing was sent again while the turn ran, and not after it
    const typing = fake.requests.filter(
      (r: RecordedRequest) => r.route === TYPING && r.params.channelId === threadId,
    );
    expect(typing.filter((r) => r.index < finalEdit.index).length).toBeGreaterThanOrEqual(2);
    expect(typing.filter((r) => r.index > card.index)).toEqual([]);
    // The ephemeral reply was edited once, to the link, and never again
    expect(
      fake.requests.filter((r) => r.route === WEBHOOK_EDIT && r.params.token === submit.token),
    ).toHaveLength(1);
  });

  it('when an answer is longer than five messages then four are posted and the whole answer is attached as answer.md', async () => {
    // Arrange: a 13,000-character answer with a code block in the middle
    h = await startDiscordHarness(handle.database);
    const { fake, conversations } = h;
    const prose = (n: number) =>
      Array.from({ length: n }, (_, i) => `문장 ${i}번은 길게 이어지는 설명입니다.`).join(' ');
    const code = Array.from({ length: 200 }, (_, i) => `  const value${i} = ${i} * 2;`).join('\n');
    const answer = `${prose(150)}\n\n\`\`\`ts\n${code}\n\`\`\`\n\n${prose(150)} 끝.`;
    expect(answer.length).toBeGreaterThan(5 * 2000);
    conversations.answer = answer;

    // Act
    const { threadId } = await openTradeThread(fake, fake.users.alice);

    // Assert
    const messages = fake.messagesIn(threadId);
    const texts = messages.filter((m) => !customIds(m).some((id) => id?.startsWith('approve:')));
    expect(texts).toHaveLength(5);
    for (const message of texts) {
      expect(message.content.length).toBeLessThanOrEqual(2000);
      expect(fenceLines(message.content) % 2).toBe(0);
    }
    const withFile = texts[4]!;
    expect(withFile.attachments.map((a) => a.filename)).toEqual(['answer.md']);
    const upload = fake.requests.find((r) => r.files.some((f) => f.name === 'answer.md'))!;
    const file = upload.files[0]!.bytes.toString('utf8');
    expect(file).toContain(answer);
    expect(
      texts
        .slice(0, 4)
        .map((m) => m.content)
        .join('\n'),
    ).toContain(answer.slice(0, 1_000));
  });

  it('when an answer spans three messages with a code block across a split then each message keeps its fences balanced and no line is lost', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, conversations } = h;
    const lines = Array.from({ length: 150 }, (_, i) => `print("line ${i}")`);
    const answer = `코드입니다.\n\`\`\`python\n${lines.join('\n')}\n\`\`\`\n설명 끝.`;
    conversations.answer = answer;

    const { threadId } = await openTradeThread(fake, fake.users.alice);

    const texts = fake
      .messagesIn(threadId)
      .filter((m) => !customIds(m).some((id) => id?.startsWith('approve:')))
      .map((m) => m.content);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.length).toBeLessThanOrEqual(5);
    for (const text of texts) expect(fenceLines(text) % 2).toBe(0);
    expect(texts.slice(1).every((t) => t.startsWith('```python\n'))).toBe(true);
    const joined = texts.join('\n');
    for (const line of lines) expect(joined.split('\n').filter((l) => l === line)).toHaveLength(1);
    expect(joined).toContain('설명 끝.');
  });
});
