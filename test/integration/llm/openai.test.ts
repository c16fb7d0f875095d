import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder } from '../../../src/adapters/llm/openai-embedder';
import { createOpenAiChatModel } from '../../../src/adapters/llm/openai';
import { ChatModelError, type ChatMessage, type ToolDefinition } from '../../../src/domain/ports/llm';
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai/server';

const API_KEY = 'sk-test-0123456789abcdefSECRET';

const getQuote: ToolDefinition = {
  name: 'get_quote',
  description: 'Current price of a KRX ETF',
  parameters: { type: 'object', properties: { ticker: { type: 'string' } }, required: ['ticker'] },
};
const getPortfolio: ToolDefinition = {
  name: 'get_portfolio',
  description: 'Positions and cash',
  parameters: { type: 'object', properties: {} },
};

let fake: FakeOpenAi;

beforeEach(async () => {
  fake = await startFakeOpenAi();
});

afterEach(async () => {
  await fake.close();
});

function chatModel(overrides: { timeoutMs?: number; maxRetries?: number } = {}) {
  return createOpenAiChatModel({
    apiKey: API_KEY,
    baseUrl: fake.baseUrl,
    model: 'gpt-test',
    timeoutMs: overrides.timeoutMs ?? 5_000,
    maxRetries: overrides.maxRetries ?? 0,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ChatModelError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatModelError);
  return error as ChatModelError;
}

describe('OpenAI chat model through the real SDK', () => {
  it('when the model asks for a tool then the call and its result make a round trip to a final answer', async () => {
    // Arrange
    fake.script([
      { toolCalls: [{ id: 'call_q1', name: 'get_quote', arguments: { ticker: '069500' } }] },
      (request) => {
        const toolMessage = request.messages.find((m) => m.role === 'tool');
        return { content: `KODEX 200: ${String(toolMessage?.content)}` };
      },
    ]);
    const model = chatModel();
    const conversation: ChatMessage[] = [
      { role: 'system', content: 'You are the desk.' },
      { role: 'user', content: '069500 현재가' },
    ];

    // Act
    const first = await model.complete({ messages: conversation, tools: [getQuote, getPortfolio] });
    const call = first.message.toolCalls[0]!;
    conversation.push(
      { role: 'assistant', content: first.message.content, toolCalls: first.message.toolCalls },
      { role: 'tool', toolCallId: call.id, content: '{"price":35120}' },
    );
    const second = await model.complete({ messages: conversation, tools: [getQuote, getPortfolio] });

    // Assert
    expect(first.message.toolCalls).toEqual([
      { id: 'call_q1', name: 'get_quote', argumentsJson: '{"ticker":"069500"}' },
    ]);
    expect(second.message).toEqual({ content: 'KODEX 200: {"price":35120}', toolCalls: [] });
    const [firstBody, secondBody] = fake.chatRequests();
    expect(firstBody?.model).toBe('gpt-test');
    expect(firstBody?.tools?.map((t) => t.function.name)).toEqual(['get_quote', 'get_portfolio']);
    expect(secondBody?.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_q1',
            type: 'function',
            function: { name: 'get_quote', arguments: '{"ticker":"069500"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_q1', content: '{"price":35120}' },
    ]);
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('when the server reports usage then input and output tokens and the model are mapped', async () => {
    // Arrange
    fake.script([
      { content: 'hello', usage: { promptTokens: 123, completionTokens: 45 }, model: 'gpt-test-2025' },
    ]);

    // Act
    const response = await chatModel().complete({ messages: [{ role: 'user', content: 'hi' }], tools: [] });

    // Assert
    expect(response.usage).toEqual({ inputTokens: 123, outputTokens: 45 });
    expect(response.model).toBe('gpt-test-2025');
    expect(response.offline).toBe(false);
  });

  it('when no tools and a token limit are given then no tools are sent and the limit is', async () => {
    // Act
    await chatModel().complete({
      messages: [{ role: 'user', content: 'hi' }],
      tools: [],
      maxOutputTokens: 300,
    });

    // Assert
    const [body] = fake.chatRequests();
    expect(body?.tools).toBeUndefined();
    expect(body?.['max_completion_tokens']).toBe(300);
  });

  it('when the key is rejected then the error is auth and carries neither the key nor a masked key', async () => {
    // Arrange
    fake.script([
      { status: 401, errorMessage: `Incorrect API key provided: ${API_KEY}. Also sk-test-****CRET.` },
    ]);

    // Act
    const error = await failureOf(
      chatModel().complete({ messages: [{ role: 'user', content: 'hi' }], tools: [] }),
    );

    // Assert
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain('sk-test');
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });

  it('when the answer streams then onText sees it grow piece by piece and usage comes from the last chunk', async () => {
    fake.script([
      {
        content: '첫째 문장입니다. 둘째 문장입니다.',
        chunks: ['첫째 ', '문장입니다. ', '둘째 문장입니다.'],
        usage: { promptTokens: 120, completionTokens: 9 },
      },
    ]);
    const seen: string[] = [];

    const response = await chatModel().complete({
      messages: [{ role: 'user', content: '요약' }],
      tools: [],
      onText: (soFar) => seen.push(soFar),
    });

    expect(seen).toEqual(['첫째 ', '첫째 문장입니다. ', '첫째 문장입니다. 둘째 문장입니다.']);
    expect(response.message).toEqual({ content: '첫째 문장입니다. 둘째 문장입니다.', toolCalls: [] });
    expect(response.usage).toEqual({ inputTokens: 120, outputTokens: 9 });
    expect(fake.chatRequests()[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('when a streamed answer asks for two tools then both calls are assembled from their deltas', async () => {
    fake.script([
      {
        toolCalls: [
          { id: 'call_a', name: 'get_quote', arguments: { ticker: '069500' } },
          { id: 'call_b', name: 'get_portfolio', arguments: {} },
        ],
      },
    ]);
    const seen: string[] = [];

    const response = await chatModel().complete({
      messages: [{ role: 'user', content: 'x' }],
      tools: [getQuote, getPortfolio],
      onText: (soFar) => seen.push(soFar),
    });

    expect(response.message.toolCalls).toEqual([
      { id: 'call_a', name: 'get_quote', argumentsJson: '{"ticker":"069500"}' },
      { id: 'call_b', name: 'get_portfolio', argumentsJson: '{}' },
    ]);
    expect(seen).toEqual([]);
  });

  it('when the server fails with 500 then the SDK retries once and the error is a retryable server error', async () => {
    // Arrange
    fake.script([
      { status: 500, errorMessage: 'boom' },
      { status: 500, errorMessage: 'boom again' },
    ]);

    // Act
    const error = await failureOf(
      chatModel({ maxRetries: 1 }).complete({ messages: [{ role: 'user', content: 'hi' }], tools: [] }),
    );

    // Assert
    expect(error.kind).toBe('server');
    expect(error.retryable).toBe(true);
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('when the server answers after the timeout then the error is a timeout', async () => {
    // Arrange
    fake.script([{ content: 'too late', delayMs: 2_000 }]);

    // Act
    const error = await failureOf(
      chatModel({ timeoutMs: 150 }).complete({ messages: [{ role: 'user', content: 'hi' }], tools: [] }),
    );

    // Assert
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('when the caller aborts then the error is aborted', async () => {
    // Arrange
    fake.script([{ content: 'too late', delayMs: 2_000 }]);
    const controller = new AbortController();

    // Act
    const pending = chatModel().complete({
      messages: [{ role: 'user', content: 'hi' }],
      tools: [],
      signal: controller.signal,
    });
    controller.abort();
    const error = await failureOf(pending);

    // Assert
    expect(error.kind).toBe('aborted');
  });

  it('when a tool message has no call id then the request is refused before anything is sent', async () => {
    // Act
    const error = await failureOf(
      chatModel().complete({ messages: [{ role: 'tool', content: '{}' }], tools: [] }),
    );

    // Assert
    expect(error.kind).toBe('bad_request');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('OpenAI embedder through the real SDK', () => {
  function embedder(batchSize: number) {
    return createOpenAiEmbedder({
      apiKey: API_KEY,
      baseUrl: fake.baseUrl,
      model: 'text-embedding-3-small',
      timeoutMs: 5_000,
      maxRetries: 0,
      batchSize,
    });
  }

  it('when five texts are embedded in batches of two then three requests ask for 512 dimensions and order is kept', async () => {
    // Arrange
    const texts = ['one', 'two', 'three', 'four', 'five'];

    // Act
    const vectors = await embedder(2).embed(texts);
    const single = await embedder(2).embed(['four']);

    // Assert
    const bodies = fake.requests.map((r) => r.body as { input: string[]; dimensions: number });
    expect(bodies.map((b) => b.input)).toEqual([['one', 'two'], ['three', 'four'], ['five'], ['four']]);
    expect(bodies.every((b) => b.dimensions === 512)).toBe(true);
    expect(vectors).toHaveLength(5);
    expect(vectors.every((v) => v.length === 512)).toBe(true);
    expect(vectors[3]).toEqual(single[0]);
    expect(vectors[0]).not.toEqual(vectors[1]);
  });

  it('when the embeddings endpoint fails then the error is a ChatModelError without the key', async () => {
    // Arrange
    fake.scriptEmbeddings([{ status: 429, errorMessage: `rate limited for ${API_KEY}` }]);

    // Act
    const error = await failureOf(embedder(8).embed(['x']));

    // Assert
    expect(error.kind).toBe('rate_limit');
    expect(error.message).not.toContain(API_KEY);
  });
});
