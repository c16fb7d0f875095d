/**
 * Turns a finished conversation into a memory: written by the model when one is available and within
 * budget, otherwise extracted from the log (questions, tools used, proposals, last answer).
 */
import { kstDate } from '../../domain/market';
import type { ChatModel } from '../../domain/ports/llm';
import type { NewMemory } from '../../domain/ports/memory';
import type { AssistantMessages } from '../../i18n/ko/assistant';
import type { SessionMessage, SessionRecord } from '../ports/session-store';
import { summaryPrompt } from './prompt';
import { tickersMentioned, type NamedTicker } from './tickers';
import { estimateTokens, truncateToTokens } from './tokens';
import type { UsageMeter } from './usage';

export interface SummaryDeps {
  chatModel: ChatModel;
  usage: UsageMeter;
  universe: readonly NamedTicker[];
  messages(locale: SessionRecord['locale']): AssistantMessages;
  onError?: (what: string, error: unknown) => void;
}

const TRANSCRIPT_TOKENS = 3_000;
const SUMMARY_OUTPUT_TOKENS = 400;
const MOST_QUESTIONS = 5;

export function summaryMemoryId(sessionId: string): string {
  return `session:${sessionId}`;
}

export async function summariseSession(
  deps: SummaryDeps,
  session: SessionRecord,
  log: readonly SessionMessage[],
  now: Date,
): Promise<NewMemory> {
  const say = deps.messages(session.locale);
  const date = kstDate(now);
  const body = (await modelSummary(deps, session, log)) ?? extractiveSummary(say, log);
  const content = [say.summary.title({ title: session.title }), say.summary.date({ date }), body].join('\n');
  const texts = [
    session.title,
    ...log.map((m) => m.content),
    ...log.flatMap((m) => (m.toolCalls ?? []).map((c) => c.argumentsJson)),
  ];
  return {
    id: summaryMemoryId(session.id),
    kind: 'session_summary',
    content,
    date,
    tickers: tickersMentioned(texts, deps.universe),
    threadId: session.threadKey,
    source: `session:${session.id}`,
  };
}

async function modelSummary(
  deps: SummaryDeps,
  session: SessionRecord,
  log: readonly SessionMessage[],
): Promise<string | null> {
  if (deps.chatModel.offline) return null;
  try {
    if (await deps.usage.exhausted()) return null;
    const response = await deps.chatModel.complete({
      messages: [
        { role: 'system', content: summaryPrompt(session.locale) },
        { role: 'user', content: transcript(log) },
      ],
      tools: [],
      maxOutputTokens: SUMMARY_OUTPUT_TOKENS,
    });
    await deps.usage.record({
      sessionId: session.id,
      purpose: 'summary',
      model: response.model || deps.chatModel.id,
      offline: response.offline,
      usage: response.usage,
    });
    const text = response.message.content.trim();
    return text === '' ? null : text;
  } catch (error) {
    deps.onError?.('summary model', error);
    return null;
  }
}

/** The log as plain lines, newest kept when it is too long. */
export function transcript(log: readonly SessionMessage[]): string {
  const lines = log.map((m) => {
    switch (m.role) {
      case 'user':
        return `user: ${m.content}`;
      case 'assistant':
        return m.toolCalls && m.toolCalls.length > 0
          ? `assistant → ${m.toolCalls.map((c) => `${c.name}(${c.argumentsJson})`).join(', ')}`
          : `assistant: ${m.content}`;
      case 'tool':
        return `tool result: ${truncateToTokens(m.content, 120)}`;
      case 'system':
        return `desk note: ${m.content}`;
    }
  });
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = truncateToTokens(lines[i] ?? '', 400);
    used += estimateTokens(line) + 1;
    if (used > TRANSCRIPT_TOKENS) break;
    kept.unshift(line);
  }
  return JSON.stringify(kept.join('\n'));
}

export function extractiveSummary(say: AssistantMessages, log: readonly SessionMessage[]): string {
  const questions = log
    .filter((m) => m.role === 'user')
    .slice(-MOST_QUESTIONS)
    .map((m) => truncateToTokens(m.content.replace(/\s+/g, ' ').trim(), 60));
  const results = new Map(log.filter((m) => m.role === 'tool').map((m) => [m.toolCallId, m.content]));
  const actions = log.flatMap((m) =>
    (m.toolCalls ?? []).map((call) => describeAction(call.name, call.argumentsJson, results.get(call.id))),
  );
  const notes = log.filter((m) => m.role === 'system').map((m) => truncateToTokens(m.content, 60));
  const lastAnswer = [...log]
    .reverse()
    .find((m) => m.role === 'assistant' && !(m.toolCalls && m.toolCalls.length > 0));
  const lines = [`${say.summary.questions}: ${questions.join(' / ')}`];
  if (actions.length > 0 || notes.length > 0) {
    lines.push(
      `${say.summary.actions}: ${[...new Set(actions)].slice(0, 10).join('; ')}${notes.length > 0 ? `; ${notes.slice(-3).join('; ')}` : ''}`,
    );
  }
  if (lastAnswer)
    lines.push(
      `${say.summary.answer}: ${truncateToTokens(lastAnswer.content.replace(/\s+/g, ' ').trim(), 150)}`,
    );
  return lines.join('\n');
}

function describeAction(name: string, argumentsJson: string, result: string | undefined): string {
  const args = parseObject(argumentsJson);
  const subject = [args['ticker'], args['side'], args['quantity'], args['limit_price'], args['query']]
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ');
  const outcome = name === 'propose_order' ? parseObject(result ?? '')['status'] : undefined;
  return `${name}${subject ? ` ${subject}` : ''}${typeof outcome === 'string' ? ` → ${outcome}` : ''}`;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
