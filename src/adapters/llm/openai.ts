import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import {
  ChatModelError,
  type ChatMessage,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ToolCall,
  type ToolDefinition,
} from '../../domain/ports/llm';
import { createOpenAiClient, type OpenAiConnection } from './openai-client';
import { toChatModelError } from './openai-errors';

export interface OpenAiChatModelOptions extends OpenAiConnection {
  model: string;
}

/**
 * Chat completions with function calling through the openai SDK, streamed: the answer's text is handed to
 * `request.onText` as it forms (what the thread shows growing), tool calls are assembled from their deltas,
 * and usage comes in the stream's last chunk.
 */
export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const client = createOpenAiClient(options);
  const secrets = [options.apiKey];

  return {
    id: `openai:${options.model}`,
    offline: false,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const assembled = new StreamedCompletion(options.model);
      try {
        const stream = await client.chat.completions.create(
          {
            model: options.model,
            messages: request.messages.map(toOpenAiMessage),
            ...(request.tools.length > 0 ? { tools: request.tools.map(toOpenAiTool) } : {}),
            ...(request.maxOutputTokens !== undefined
              ? { max_completion_tokens: request.maxOutputTokens }
              : {}),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: request.signal },
        );
        for await (const chunk of stream) {
          if (assembled.add(chunk)) showProgress(request, assembled.content);
        }
      } catch (error) {
        throw toChatModelError(error, 'chat completion failed', secrets);
      }
      return assembled.response();
    },
  };
}

/** The progress callback only displays; its failure never fails the completion. */
function showProgress(request: ChatRequest, soFar: string): void {
  try {
    request.onText?.(soFar);
  } catch {
    // a display problem is the caller's to log
  }
}

/** Accumulates a streamed completion: content, tool calls by index, usage and the model that answered. */
class StreamedCompletion {
  content = '';
  private readonly calls = new Map<number, { id: string; name: string; argumentsJson: string }>();
  private usage = { inputTokens: 0, outputTokens: 0 };
  private model = '';
  private sawChoice = false;

  constructor(private readonly requestedModel: string) {}

  /** Adds one chunk; true when the visible text grew. */
  add(chunk: ChatCompletionChunk): boolean {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) {
      this.usage = {
        inputTokens: chunk.usage.prompt_tokens ?? 0,
        outputTokens: chunk.usage.completion_tokens ?? 0,
      };
    }
    let grew = false;
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) continue;
      this.sawChoice = true;
      const delta = choice.delta;
      if (typeof delta?.content === 'string' && delta.content !== '') {
        this.content += delta.content;
        grew = true;
      }
      for (const call of delta?.tool_calls ?? []) {
        const entry = this.calls.get(call.index) ?? { id: '', name: '', argumentsJson: '' };
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name += call.function.name;
        if (call.function?.arguments) entry.argumentsJson += call.function.arguments;
        this.calls.set(call.index, entry);
      }
    }
    return grew;
  }

  response(): ChatResponse {
    if (!this.sawChoice) {
      throw new ChatModelError('bad_response', 'chat completion failed: the response has no message', true);
    }
    const toolCalls: ToolCall[] = [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => call)
      .filter((call) => call.name !== '');
    return {
      message: { content: this.content, toolCalls },
      usage: this.usage,
      model: this.model || this.requestedModel,
      offline: false,
    };
  }
}

function toOpenAiTool(tool: ToolDefinition): ChatCompletionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

function toOpenAiMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content, ...(message.name ? { name: message.name } : {}) };
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      if (toolCalls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: toolCalls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: call.name, arguments: call.argumentsJson },
        })),
      };
    }
    case 'tool':
      if (!message.toolCallId) {
        throw new ChatModelError('bad_request', 'a tool message needs the id of the call it answers', false);
      }
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}
