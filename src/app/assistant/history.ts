/**
 * The stored conversation log as chat messages: grouped into turns (a user message and everything that
 * answered it) and repaired so every tool call has its result, whatever a crash left behind.
 */
import type { ChatMessage } from '../../domain/ports/llm';
import type { SessionMessage } from '../ports/session-store';

export function toChatMessages(stored: readonly SessionMessage[]): ChatMessage[] {
  const callNames = new Map<string, string>();
  for (const m of stored) for (const call of m.toolCalls ?? []) callNames.set(call.id, call.name);
  return stored.map((m): ChatMessage => {
    if (m.role === 'tool') {
      const name = m.toolCallId ? callNames.get(m.toolCallId) : undefined;
      return { role: 'tool', content: m.content, toolCallId: m.toolCallId ?? '', ...(name ? { name } : {}) };
    }
    if (m.role === 'assistant' && m.toolCalls && m.toolCalls.length > 0) {
      return { role: 'assistant', content: m.content, toolCalls: m.toolCalls };
    }
    return { role: m.role, content: m.content };
  });
}

/**
 * Drops tool results whose call is not in the log and tool calls whose result is missing, so the provider
 * never sees a broken pairing.
 */
export function repairToolPairs(messages: readonly ChatMessage[]): ChatMessage[] {
  const answered = new Set(messages.filter((m) => m.role === 'tool').map((m) => m.toolCallId));
  const asked = new Set<string>();
  const out: ChatMessage[] = [];
  for (const m of messages) {
    if (m.role === 'assistant' && m.toolCalls && m.toolCalls.length > 0) {
      const calls = m.toolCalls.filter((call) => answered.has(call.id));
      for (const call of calls) asked.add(call.id);
      if (calls.length > 0) out.push({ ...m, toolCalls: calls });
      else if (m.content.trim() !== '') out.push({ role: 'assistant', content: m.content });
      continue;
    }
    if (m.role === 'tool' && !(m.toolCallId && asked.has(m.toolCallId))) continue;
    out.push(m);
  }
  return out;
}

/** Turns, oldest first. Desk notes before the first question form a turn of their own. */
export function splitTurns(messages: readonly ChatMessage[]): ChatMessage[][] {
  const turns: ChatMessage[][] = [];
  for (const m of messages) {
    const last = turns[turns.length - 1];
    if (m.role === 'user' || !last) turns.push([m]);
    else last.push(m);
  }
  return turns;
}
