/**
 * The assistant layer: conversations, the turn with tools and memory, order notes back into conversations,
 * idle summaries. src/app/desk.ts exposes it to the channels through the Desk interface.
 */
import type { Clock } from '../../domain/clock';
import type { TradingCalendar } from '../../domain/market';
import type { Broker } from '../../domain/ports';
import type { ChatModel } from '../../domain/ports/llm';
import type { MemoryStore } from '../../domain/ports/memory';
import type { RiskCatalog } from '../../domain/risk';
import { assistantEn } from '../../i18n/en/assistant';
import { riskEn } from '../../i18n/en/risk';
import { assistantKo, type AssistantMessages } from '../../i18n/ko/assistant';
import { riskKo } from '../../i18n/ko/risk';
import type {
  AssistantReply,
  ConversationOpening,
  ConversationRef,
  Locale,
  MemoryItem,
  Speaker,
  TurnProgress,
} from '../desk-api';
import type { SessionStore } from '../ports/session-store';
import type { TradingCore } from '../trading-core';
import { DEFAULT_CONTEXT_BUDGET, type ContextBudget } from './context';
import { gatherDeskSnapshot } from './desk-context';
import { forgetMemory, showMemories } from './memory-view';
import { reportOrdersToSessions } from './order-notes';
import { openingNote, systemPrompt } from './prompt';
import { SessionService } from './sessions';
import type { SummaryDeps } from './summary';
import { sweepIdleSessions } from './sweeper';
import { createToolExecutor } from './tools/executor';
import { toolDefinitions } from './tools/schemas';
import { runTurn, type TurnDeps } from './turn';
import { UsageMeter, type ModelPrice } from './usage';

export { AssistantInputError, type AssistantInputErrorCode, MAX_MESSAGE_CHARS } from './sessions';
export { createIdleSweeper, type IdleSweeperOptions } from './sweeper';
export { DEFAULT_CONTEXT_BUDGET, type ContextBudget } from './context';
export { DEFAULT_MODEL_PRICES, type ModelPrice } from './usage';
export { estimateTokens } from './tokens';
export { TOOL_NAMES, type ToolName } from './tools/schemas';

export interface AssistantLogger {
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
}

export interface AssistantOptions {
  /** The configured model; the offline planner itself when nothing is configured. */
  chatModel: ChatModel;
  /** The offline planner: used when the budget is spent or the model fails. */
  fallbackModel: ChatModel;
  memory: MemoryStore;
  sessionStore: SessionStore;
  broker: Broker;
  tradingCore: Pick<TradingCore, 'approvals' | 'tradingState' | 'events'>;
  clock: Clock;
  calendar: TradingCalendar;
  /** The securities the desk may talk about and propose (others are a tool error). */
  universe: readonly { ticker: string; name: string }[];
  /** Daily model budget in US cents; null for no cap. */
  budgetCents: number | null;
  /** Default 30 minutes. */
  sessionIdleMs?: number;
  /** Default 4. */
  maxToolRounds?: number;
  /** Default 8. */
  maxToolCallsPerRound?: number;
  /** Default 800. */
  maxOutputTokens?: number;
  /** Memories placed in the context for each question (default 3). */
  memoriesPerTurn?: number;
  contextBudget?: Partial<ContextBudget>;
  modelPrices?: Readonly<Record<string, ModelPrice>>;
  logger?: AssistantLogger;
}

export interface ModelStatus {
  id: string;
  offline: boolean;
  budgetLeftCents: number | null;
}

export interface Assistant {
  start(
    ref: ConversationRef,
    speaker: Speaker,
    question: string,
    title: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
  continue(
    ref: ConversationRef,
    speaker: Speaker,
    text: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
  /** A conversation the desk opens itself (the daily plan's thread); its opening note is context for every turn. */
  open(ref: ConversationRef, opening: ConversationOpening): Promise<void>;
  /** Summarises conversations idle for `sessionIdleMs` before `now`; returns the threads to archive. */
  sweepIdleSessions(now: Date): Promise<ConversationRef[]>;
  memoryShow(query: string | null, limit: number): Promise<MemoryItem[]>;
  memoryForget(id: string, actor: string): Promise<boolean>;
  /** For the status view: which model answers now, and today's budget left. */
  modelInfo(): Promise<ModelStatus>;
  /** Stops reporting order updates into conversations. */
  close(): void;
}

export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;

const MESSAGES: Record<Locale, AssistantMessages> = { ko: assistantKo, en: assistantEn };
const RISK: Record<Locale, RiskCatalog> = { ko: riskKo, en: riskEn };

export function createAssistant(options: AssistantOptions): Assistant {
  const { clock, memory, sessionStore: store } = options;
  const onError = (what: string, error: unknown) =>
    options.logger?.warn({ what, err: error }, `assistant: ${what} failed`);
  const names = new Map(options.universe.map((e) => [e.ticker, e.name]));
  const nameOf = (ticker: string) => names.get(ticker) ?? ticker;
  const messages = (locale: Locale) => MESSAGES[locale];
  const usage = new UsageMeter({
    store,
    clock,
    budgetCents: options.budgetCents,
    ...(options.modelPrices ? { prices: options.modelPrices } : {}),
  });

  const tools = createToolExecutor({
    broker: options.broker,
    approvals: options.tradingCore.approvals,
    tradingState: options.tradingCore.tradingState,
    memory,
    clock,
    universe: names,
    onError,
  });
  const turnDeps: TurnDeps = {
    chatModel: options.chatModel,
    fallbackModel: options.fallbackModel,
    store,
    tools,
    definitions: toolDefinitions(),
    usage,
    systemPrompt: systemPrompt(options.universe),
    snapshot: (question) =>
      gatherDeskSnapshot(
        {
          broker: options.broker,
          memory,
          tradingState: options.tradingCore.tradingState,
          clock,
          calendar: options.calendar,
          nameOf,
          memoriesPerTurn: options.memoriesPerTurn ?? 3,
          onError,
        },
        question,
      ),
    contextBudget: { ...DEFAULT_CONTEXT_BUDGET, ...options.contextBudget },
    maxToolRounds: options.maxToolRounds ?? 4,
    maxToolCallsPerRound: options.maxToolCallsPerRound ?? 8,
    maxOutputTokens: options.maxOutputTokens ?? 800,
    clock,
    messages,
    riskCatalog: (locale) => RISK[locale],
    onError,
  };
  const sessions = new SessionService({
    store,
    clock,
    messages,
    runTurn: (session, speaker, text, progress) => runTurn(turnDeps, session, speaker, text, progress),
  });
  const summary: SummaryDeps = {
    chatModel: options.chatModel,
    usage,
    universe: options.universe,
    messages,
    onError,
  };
  const stopNotes = reportOrdersToSessions({ events: options.tradingCore.events, store, clock, messages });

  return {
    start: (ref, speaker, question, title, progress) =>
      sessions.start(ref, speaker, question, title, progress),
    continue: (ref, speaker, text, progress) => sessions.continue(ref, speaker, text, progress),
    open: (ref, opening) =>
      sessions.open(ref, { title: opening.title, locale: opening.locale, notes: [openingNote(opening)] }),
    sweepIdleSessions: (now) =>
      sweepIdleSessions(
        {
          store,
          memory,
          summary,
          idleMs: options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
          isBusy: (id) => sessions.isBusy(id),
          onError,
        },
        now,
      ),
    memoryShow: (query, limit) => showMemories(memory, clock, query, limit),
    async memoryForget(id, actor) {
      const forgotten = await forgetMemory(memory, id);
      options.logger?.info({ id, actor, forgotten }, 'memory forget');
      return forgotten;
    },
    async modelInfo() {
      const exhausted = !options.chatModel.offline && (await usage.exhausted());
      const model = exhausted ? options.fallbackModel : options.chatModel;
      return { id: model.id, offline: model.offline, budgetLeftCents: await usage.budgetLeftCents() };
    },
    close: stopNotes,
  };
}
