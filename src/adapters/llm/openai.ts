import type {
  ChatCompletion,
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

/** Chat completions with function calling through the openai SDK. Non-streaming. */
export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const client = createOpenAiClient(options);
  const secrets = [options.apiKey];

  return {
    id: `openai:${options.model}`,
    offline: false,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      let completion: ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: request.messages.map(toOpenAiMessage),
            ...(request.tools.length > 0 ? { tools: request.tools.map(toOpenAiTool) } : {}),
            ...(request.maxOutputTokens !== undefined
              ? { max_completion_tokens: request.maxOutputTokens }
              : {}),
          },
          { signal: request.signal },
        );
      } catch (error) {
        throw toChatModelError(error, 'chat completion failed', secrets);
      }
      return fromCompletion(completion, options.model);
    },
  };
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

function fromCompletion(completion: ChatCompletion, requestedModel: string): ChatResponse {
  const choice = completion.choices?.[0];
  if (!choice?.message) {
    throw new ChatModelError('bad_response', 'chat completion failed: the response has no message', true);
  }
  const toolCalls: ToolCall[] = [];
  for (const call of choice.message.tool_calls ?? []) {
    if (call.type === 'function') {
      toolCalls.push({ id: call.id, name: call.function.name, argumentsJson: call.function.arguments });
    }
  }
  return {
    message: { content: choice.message.content ?? '', toolCalls },
    usage: {
      inputTokens: completion.usage?.prompt_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? 0,
    },
    model: completion.model || requestedModel,
    offline: false,
  };
}
