import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ToolCall } from '../../domain/ports/llm';
import { offlineEn } from '../../i18n/en/offline';
import { offlineKo, type OfflineMessages } from '../../i18n/ko/offline';
import {
  renderReply,
  renderToolResults,
  renderToolUnavailable,
  type ToolOutcome,
} from './offline-planner/answer';
import { createTickerFinder, type UniverseEntry } from './offline-planner/tickers';
import { understandRequest } from './offline-planner/understand';

export type { UniverseEntry } from './offline-planner/tickers';

export const OFFLINE_PLANNER_ID = 'offline-planner-v1';

export interface OfflinePlannerOptions {
  /** The securities it may name; "KODEX 200" becomes 069500 through this list. */
  universe: readonly UniverseEntry[];
}

/**
 * The embedded chat model: deterministic rules instead of a language model. On a new request it answers with
 * tool calls (orders only ever as `propose_order`); once the tool results of this turn are in, it writes a
 * plain answer that quotes them and says it is offline. Korean unless the user wrote English.
 */
export function createOfflinePlanner(options: OfflinePlannerOptions): ChatModel {
  const finder = createTickerFinder(options.universe);

  return {
    id: OFFLINE_PLANNER_ID,
    offline: true,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const lastUser = lastIndexWhere(request.messages, (m) => m.role === 'user');
      const userText = request.messages[lastUser]?.content ?? '';
      const messages = messagesFor(userText);
      const thisTurn = request.messages.slice(lastUser + 1);
      const outcomes = toolOutcomes(thisTurn);
      if (outcomes.length > 0) return answer(renderToolResults(outcomes, messages));

      const plan = understandRequest(userText, finder, messages);
      if (plan.kind === 'reply') return answer(renderReply(plan.reply, messages));
      const offered = new Set(request.tools.map((tool) => tool.name));
      const missing = plan.calls.find((call) => !offered.has(call.name));
      if (missing) return answer(renderToolUnavailable(missing.name, messages));
      const turn = request.messages.filter((m) => m.role === 'user').length;
      return respond(
        '',
        plan.calls.map((call, i) => ({
          id: `offline_${turn}_${i + 1}`,
          name: call.name,
          argumentsJson: JSON.stringify(call.args),
        })),
      );
    },
  };
}

function messagesFor(userText: string): OfflineMessages {
  const writesKorean = /[\u3131-\u318e\uac00-\ud7a3]/.test(userText);
  const writesLatin = /[a-z]/i.test(userText);
  return !writesKorean && writesLatin ? offlineEn : offlineKo;
}

/** Tool results after the last user message, each paired with the call it answers. */
function toolOutcomes(thisTurn: ChatMessage[]): ToolOutcome[] {
  const calls = new Map<string, ToolCall>();
  for (const message of thisTurn) {
    for (const call of message.toolCalls ?? []) calls.set(call.id, call);
  }
  return thisTurn
    .filter((message) => message.role === 'tool')
    .map((message) => {
      const call = message.toolCallId ? calls.get(message.toolCallId) : undefined;
      return {
        name: call?.name ?? message.name ?? 'tool',
        argumentsJson: call?.argumentsJson ?? '{}',
        content: message.content,
      };
    });
}

function lastIndexWhere<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i];
    if (item !== undefined && predicate(item)) return i;
  }
  return -1;
}

function answer(content: string): ChatResponse {
  return respond(content, []);
}

function respond(content: string, toolCalls: ToolCall[]): ChatResponse {
  return {
    message: { content, toolCalls },
    usage: { inputTokens: 0, outputTokens: 0 },
    model: OFFLINE_PLANNER_ID,
    offline: true,
  };
}
