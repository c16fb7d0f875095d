/**
 * What a channel (terminal, Discord) may ask of the desk. Channels hold no business logic: they parse input,
 * call these methods, and render the results (cards, embeds, text) in the reader's locale.
 */
import type { AdhocBlackoutInput } from '../domain/blackout';
import type { ApprovalResult, Approver } from './approvals';
import type { BlackoutChange, BlackoutList } from './blackouts';
import type { CancelResult } from './cancels';
import type { WatchAddRequest } from './watch/desk-watch';
import type { WatchChange, WatchListView } from './watch/ports';
import type { WatchStatus } from './watch/service';
import type { DeskBacktestBrief } from '../backtest/desk-request';
import type { DeskEvents } from './desk-events';
import type { PnlResult } from './reports/pnl';
import type { ScorecardResult } from './reports/scorecard';
import type { TradingCommand } from './trading-state';
import type { AlertRecord, CardRef, IntentRecord, OrderRecord } from './trading-store';
import type { TradingState } from '../domain/risk';
import type { DeskConnections, MarketStatus } from './desk-status';

export type Locale = 'ko' | 'en';

/** Where a number in an answer came from. */
export type Citation =
  | { kind: 'kis'; call: string; at: string }
  | { kind: 'memory'; id: string; date: string }
  | { kind: 'news'; url: string; title: string };

export interface AssistantReply {
  /** Model or planner text. Untrusted: channels post it with mentions disabled. */
  text: string;
  citations: Citation[];
  /** Intents created during this turn (each gets a card). */
  proposals: IntentRecord[];
  offline: boolean;
  usage: { inputTokens: number; outputTokens: number; costMicroUsd: number };
}

export interface ConversationRef {
  channel: 'discord' | 'terminal';
  /** Discord thread id, or a terminal session name. */
  threadKey: string;
}

/** A conversation the desk opens itself, before anyone writes in it. */
export interface ConversationOpening {
  /** 'daily-plan': the thread of the daily cycle's plan cards. */
  kind: 'daily-plan';
  title: string;
  locale: Locale;
  /** What every later turn is given as context (for a plan: the plan, its verdicts and the signals). */
  context: string;
}

export interface Speaker {
  userId: string;
  displayName: string;
  locale: Locale;
}

export interface PortfolioView {
  asOf: string;
  environment: 'paper' | 'real';
  simulated: boolean;
  cash: number;
  securitiesValue: number;
  nav: number;
  startOfDayNav: number | null;
  dayPnl: number | null;
  realizedPnl: number;
  feesPaid: number;
  positions: {
    ticker: string;
    name: string;
    quantity: number;
    price: number;
    value: number;
    costBasis: number;
    unrealizedPnl: number;
    weightBp: number;
  }[];
}

export interface StatusView {
  tradingState: TradingState;
  awaitingReconciliation: boolean;
  stateReason: string | null;
  stateChangedAt: string | null;
  environment: 'paper' | 'real';
  simulated: boolean;
  openOrders: OrderRecord[];
  pendingIntents: IntentRecord[];
  lastCycle: CycleSummary | null;
  model: { id: string; offline: boolean; budgetLeftCents: number | null };
  recentAlerts: AlertRecord[];
  /** The KIS maintenance window in force now, if any. */
  blackout: { until: string; windows: string[] } | null;
  /** The intraday watch: state, counts and last tick per ticker (absent when the desk has no watch). */
  watch?: { status: WatchStatus; max: number } | null;
  /** The KRX session now, from the market calendar and the desk's clock (absent without a calendar). */
  market?: MarketStatus | null;
  /** KIS REST, KIS websocket, database and model; the Discord gateway is added by the Discord channel. */
  connections?: DeskConnections;
  /** Today's pre-open canary, once it has run. */
  canary: {
    tradeDate: string;
    status: 'PASSED' | 'FAILED' | 'SKIPPED';
    attempts: number;
    reason: string | null;
    at: string;
  } | null;
}

export interface CycleSummary {
  tradeDate: string;
  status: string;
  steps: { step: string; status: string; attempts: number; error: string | null }[];
  startedAt: string;
  finishedAt: string | null;
}

/** `/backtest`: the desk's strategy over the last N months, or why not. */
export type BacktestOutcome =
  | { status: 'done'; brief: DeskBacktestBrief }
  /** Months or capital outside the allowed range (each field named once); nothing ran. */
  | { status: 'invalid'; fields: ('months' | 'capital')[] }
  | { status: 'no-data' }
  | { status: 'not-configured' }
  | { status: 'failed'; error: string };

export interface MemoryItem {
  id: string;
  kind: string;
  date: string;
  content: string;
  score?: number;
}

/** Watches a turn while it runs (the Discord thread shows the answer growing). */
export interface TurnProgress {
  /** The answer's text so far, each time it grows; a new tool round starts again from its own text. */
  onText?(soFar: string): void;
}

export interface Desk {
  readonly events: DeskEvents;
  /** Starts a conversation with its first question (a new Discord thread or terminal session). */
  startConversation(
    ref: ConversationRef,
    speaker: Speaker,
    question: string,
    title: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
  /** One more user message in an existing conversation (resumes from the stored history after a restart). */
  continueConversation(
    ref: ConversationRef,
    speaker: Speaker,
    text: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
  /**
   * Opens a conversation with no question yet (the daily plan's thread), so a person's message there is
   * answered with the opening's context. Opening the same thread again changes nothing.
   */
  openConversation(ref: ConversationRef, opening: ConversationOpening): Promise<void>;
  approve(intentId: string, approver: Approver): Promise<ApprovalResult>;
  /** Approves every leg of a daily plan still awaiting approval (sells first); empty when not allowed. */
  approvePlan(
    dailyRunId: string,
    approver: Approver,
  ): Promise<{ intentId: string; result: ApprovalResult }[]>;
  /** The legs of a daily plan still awaiting approval (what "approve all" would approve), sells first. */
  planLegsAwaiting(dailyRunId: string): Promise<IntentRecord[]>;
  reject(
    intentId: string,
    approver: Approver,
  ): Promise<ApprovalResult | { status: 'rejected'; intent: IntentRecord }>;
  getIntent(intentId: string): Promise<IntentRecord | null>;
  /** Remembers where an intent's card was posted (so it can be edited after a restart). */
  attachCard(intentId: string, ref: CardRef): Promise<void>;
  getOrderForIntent(intentId: string): Promise<OrderRecord | null>;
  /** Intents whose card still waits for a person or for KRX (AWAITING_APPROVAL, DEFERRED). */
  pendingIntents(): Promise<IntentRecord[]>;
  /** `/orders`: every order not yet final, oldest first. */
  openOrders(): Promise<OrderRecord[]>;
  /** Cancel button, `/cancel <n>`: approvers only; `cancelled` only when KIS confirmed it. */
  cancelOrder(orderId: string, approver: Approver): Promise<CancelResult>;
  /** `/stop`'s "cancel every resting order" (approvers only; empty when not allowed or nothing rests). */
  cancelAllOrders(approver: Approver): Promise<{ order: OrderRecord; result: CancelResult }[]>;
  portfolio(): Promise<PortfolioView>;
  status(): Promise<StatusView>;
  tradingCommand(command: TradingCommand, actor: string): Promise<{ changed: boolean; state: TradingState }>;
  memoryShow(query: string | null, limit: number): Promise<MemoryItem[]>;
  memoryForget(id: string, actor: string): Promise<boolean>;
  runCycle(actor: string): Promise<CycleSummary>;
  lastCycle(): Promise<CycleSummary | null>;
  /** `/backtest [months] [capital]`: runs as a job in whichever desk process takes it; waits for the brief. */
  backtest(
    request: { months?: number | null; capital?: number | null },
    actor: string,
  ): Promise<BacktestOutcome>;
  /** ETF names for autocomplete and rendering. */
  universe(): { ticker: string; name: string }[];
  /** The daily and ad-hoc KIS maintenance windows and the one in force. */
  blackouts(): Promise<BlackoutList>;
  /** `/blackout add` (approvers only). */
  addBlackout(input: AdhocBlackoutInput, approver: Approver): Promise<BlackoutChange>;
  /** `/blackout remove` (approvers only). */
  removeBlackout(id: string, approver: Approver): Promise<BlackoutChange>;
  /** `/scorecard [person] [period]`: decisions, helped / hurt and net KRW per person and overall (read-only). */
  scorecard(request: { person?: string | null; period?: string | null }): Promise<ScorecardResult>;
  /** `/pnl [day|week|month|year]`: realised / unrealised P&L, fees, taxes, vs KODEX 200 (read-only). */
  pnl(request: { period?: string | null }): Promise<PnlResult>;
  /** `/watch add <ticker> [conditions] [thresholds]`: one clear refusal and nothing changed on bad input. */
  watchAdd(request: WatchAddRequest, by: string): Promise<WatchChange>;
  /** `/watch remove <ticker>`. */
  watchRemove(ticker: string, by: string): Promise<WatchChange>;
  /** `/watch list`: holdings and the watchlist with the live price and each trigger's distance; null without a watch. */
  watchList(): Promise<WatchListView | null>;
}
