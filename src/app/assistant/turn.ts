/**
 * One assistant turn: the user's message in, up to N rounds of tool calls, one answer out. Every message
 * (question, tool calls, tool results, answer) is stored as it happens, so a restart resumes from the log.
 * The model can only propose orders (propose_order → an intent awaiting approval); nothing here reaches
 * Broker.placeOrder.
 */
import type { ChatMessage, ChatModel, ChatResponse, ToolDefinition } from '../../domain/ports/llm';
import type { RiskCatalog } from '../../domain/risk';
import type { AssistantMessages } from '../../i18n/ko/assistant';
import type { AssistantReply, Citation, Speaker, TurnProgress } from '../desk-api';
import type { SessionRecord, SessionStore } from '../ports/session-store';
import type { IntentRecord } from '../trading-store';
import { buildContext, type ContextBudget } from './context';
import type { DeskSnapshot } from './desk-context';
import { toChatMessages } from './history';
import type { ToolExecutor } from './tools/executor';
import { toolError } from './tools/outcome';
import type { UsageMeter } from './usage';

export interface TurnDeps {
  chatModel: ChatModel;
  fallbackModel: ChatModel;
  store: SessionStore;
  tools: ToolExecutor;
  definitions: ToolDefinition[];
  usage: UsageMeter;
  systemPrompt: string;
  snapshot(question: string): Promise<DeskSnapshot | null>;
  contextBudget: ContextBudget;
  maxToolRounds: number;
  maxToolCallsPerRound: number;
  maxOutputTokens: number;
  clock: { now(): Date };
  messages(locale: Speaker['locale']): AssistantMessages;
  riskCatalog(locale: Speaker['locale']): RiskCatalog;
  onError?: (what: string, error: unknown) => void;
}

interface UsageTotals {
  model: string;
  offline: boolean;
  inputTokens: number;
  outputTokens: number;
}

export async function runTurn(
  deps: TurnDeps,
  session: SessionRecord,
  speaker: Speaker,
  text: string,
  progress?: TurnProgress,
): Promise<AssistantReply> {
  const say = deps.messages(speaker.locale);
  const [question] = await deps.store.appendMessages(
    session.id,
    [{ role: 'user', content: text, authorId: speaker.userId }],
    deps.clock.now(),
  );
  if (!question) throw new Error('the question was not stored');
  const log = await deps.store.listMessages(session.id);
  // Desk notes before the first question (the daily plan of a plan thread) are the conversation's premise:
  // always in the context, never dropped as the oldest turn.
  const firstQuestion = log.find((m) => m.role === 'user')?.seq ?? question.seq;
  const opening = toChatMessages(log.filter((m) => m.seq < firstQuestion && m.role === 'system'));
  const earlier = toChatMessages(log.filter((m) => m.seq >= firstQuestion && m.seq < question.seq));
  const current: ChatMessage[] = [{ role: 'user', content: text }];

  const notes: string[] = [];
  let model = deps.chatModel;
  if (!model.offline && (await deps.usage.exhausted())) {
    model = deps.fallbackModel;
    notes.push(say.budgetOffline({ budgetCents: deps.usage.budgetCents ?? 0 }));
  }
  const snapshot = await deps.snapshot(text);
  const usage = new Map<string, UsageTotals>();
  const citations: Citation[] = [];
  const proposals: IntentRecord[] = [];
  let answer: string | null = null;

  for (let round = 0; round <= deps.maxToolRounds && answer === null; round += 1) {
    const context = buildContext({
      systemPrompt: deps.systemPrompt,
      tools: deps.definitions,
      snapshot,
      opening,
      earlier,
      current,
      budget: deps.contextBudget,
    });
    let response: ChatResponse;
    try {
      response = await model.complete({
        messages: context.messages,
        tools: deps.definitions,
        maxOutputTokens: deps.maxOutputTokens,
        ...(progress?.onText ? { onText: (soFar: string) => progress.onText?.(soFar) } : {}),
      });
    } catch (error) {
      if (model === deps.fallbackModel) throw error;
      deps.onError?.('chat model', error);
      model = deps.fallbackModel;
      notes.push(say.modelFailedOffline);
      round -= 1; // the planner gets this round again
      continue;
    }
    addUsage(usage, model, response);

    const calls = response.message.toolCalls;
    if (calls.length === 0) {
      answer = response.message.content.trim() === '' ? say.emptyAnswer : response.message.content;
      break;
    }
    if (round === deps.maxToolRounds) {
      const said = response.message.content.trim();
      answer = [said, say.toolRoundLimit({ rounds: deps.maxToolRounds })].filter(Boolean).join('\n\n');
      break;
    }

    const asked: ChatMessage = { role: 'assistant', content: response.message.content, toolCalls: calls };
    const results: ChatMessage[] = [];
    for (const [i, call] of calls.entries()) {
      const outcome =
        i < deps.maxToolCallsPerRound
          ? await deps.tools.run(call, {
              sessionId: session.id,
              proposer: speaker.userId,
              turnKey: String(question.seq),
              riskCatalog: deps.riskCatalog(speaker.locale),
            })
          : toolError(
              'TOO_MANY_CALLS',
              `at most ${deps.maxToolCallsPerRound} tool calls per round; ask again`,
            );
      citations.push(...outcome.citations);
      if (outcome.proposal) proposals.push(outcome.proposal);
      results.push({ role: 'tool', content: outcome.content, toolCallId: call.id, name: call.name });
    }
    await deps.store.appendMessages(
      session.id,
      [
        { role: 'assistant', content: asked.content, toolCalls: calls },
        ...results.map((r) => ({
          role: 'tool' as const,
          content: r.content,
          toolCallId: r.toolCallId ?? null,
        })),
      ],
      deps.clock.now(),
    );
    current.push(asked, ...results);
  }

  const finalAnswer = answer ?? say.toolRoundLimit({ rounds: deps.maxToolRounds });
  await deps.store.appendMessages(
    session.id,
    [{ role: 'assistant', content: finalAnswer }],
    deps.clock.now(),
  );
  const totals = await recordUsage(deps, session.id, usage);

  return {
    text: [...notes, finalAnswer].join('\n\n'),
    citations: dedupeCitations(citations),
    proposals: dedupeProposals(proposals),
    offline: model.offline,
    usage: totals,
  };
}

function addUsage(usage: Map<string, UsageTotals>, model: ChatModel, response: ChatResponse): void {
  const key = `${model.id}|${response.model}`;
  const entry = usage.get(key) ?? {
    model: response.model || model.id,
    offline: model.offline || response.offline,
    inputTokens: 0,
    outputTokens: 0,
  };
  entry.inputTokens += response.usage.inputTokens;
  entry.outputTokens += response.usage.outputTokens;
  usage.set(key, entry);
}

async function recordUsage(
  deps: TurnDeps,
  sessionId: string,
  usage: Map<string, UsageTotals>,
): Promise<AssistantReply['usage']> {
  const totals = { inputTokens: 0, outputTokens: 0, costMicroUsd: 0 };
  for (const entry of usage.values()) {
    let cost = deps.usage.cost(entry.model, entry.offline, entry);
    try {
      cost = await deps.usage.record({
        sessionId,
        purpose: 'turn',
        model: entry.model,
        offline: entry.offline,
        usage: entry,
      });
    } catch (error) {
      deps.onError?.('usage', error);
    }
    totals.inputTokens += entry.inputTokens;
    totals.outputTokens += entry.outputTokens;
    totals.costMicroUsd += cost;
  }
  return totals;
}

function dedupeCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = c.kind === 'kis' ? `kis|${c.call}` : c.kind === 'memory' ? `memory|${c.id}` : `news|${c.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeProposals(proposals: IntentRecord[]): IntentRecord[] {
  return [...new Map(proposals.map((p) => [p.id, p])).values()];
}
