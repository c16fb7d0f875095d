/**
 * Token estimates for the context budget, without a tokenizer. Hangul (and any other non-ASCII text) is
 * counted as one token per two characters, ASCII as one per four (JSON, English, digits), plus a few tokens
 * of framing per message. Real OpenAI tokenizers (o200k) come out at or below this for Korean desk text, so
 * a context that fits the estimate fits the model.
 */
import type { ChatMessage, ToolDefinition } from '../../domain/ports/llm';

const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 128) ascii += 1;
    else other += 1;
  }
  return Math.ceil(other / 2 + ascii / 4);
}

export function estimateMessageTokens(message: ChatMessage): number {
  const calls = (message.toolCalls ?? []).reduce(
    (sum, call) => sum + estimateTokens(call.name + call.argumentsJson) + 3,
    0,
  );
  return MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content) + calls;
}

export function estimateMessagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0);
}

export function estimateToolsTokens(tools: readonly ToolDefinition[]): number {
  return tools.length === 0 ? 0 : estimateTokens(JSON.stringify(tools));
}

/** Cuts text to about `tokens` estimated tokens, marking the cut. */
export function truncateToTokens(text: string, tokens: number, marker = '…'): string {
  if (estimateTokens(text) <= tokens) return text;
  let used = 0;
  let end = 0;
  for (const char of text) {
    used += char.charCodeAt(0) < 128 ? 0.25 : 0.5;
    if (used > tokens) break;
    end += char.length;
  }
  return text.slice(0, end) + marker;
}
