/**
 * The persistence port of the assistant: conversations (one per channel thread), their full message log in
 * order, and what each model call cost. The adapter is src/adapters/db/session-store.ts.
 */
import type { ChatRole, ToolCall } from '../../domain/ports/llm';

export type SessionStatus = 'ACTIVE' | 'SUMMARIZED';

export interface SessionRecord {
  id: string;
  /** `${channel}:${threadKey}` of the ConversationRef. */
  threadKey: string;
  channel: 'discord' | 'terminal';
  ownerUserId: string;
  title: string;
  locale: 'ko' | 'en';
  status: SessionStatus;
  createdAt: Date;
  lastActivityAt: Date;
  summarizedAt: Date | null;
  summaryMemoryId: string | null;
}

export interface NewSession {
  threadKey: string;
  channel: SessionRecord['channel'];
  ownerUserId: string;
  title: string;
  locale: SessionRecord['locale'];
}

/** One entry of the conversation log; `system` entries are desk notes (fills, order updates), never user text. */
export interface SessionMessage {
  seq: number;
  role: ChatRole;
  content: string;
  toolCalls: ToolCall[] | null;
  toolCallId: string | null;
  authorId: string | null;
  createdAt: Date;
}

export type NewSessionMessage = Pick<SessionMessage, 'role' | 'content'> &
  Partial<Pick<SessionMessage, 'toolCalls' | 'toolCallId' | 'authorId'>>;

export type UsagePurpose = 'turn' | 'summary' | 'news' | 'briefing';

export interface UsageEntry {
  sessionId: string | null;
  purpose: UsagePurpose;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  /** KST calendar date the spend counts against. */
  tradeDate: string;
  at: Date;
}

export interface SessionStore {
  /** Creates the session, or returns the existing one with that thread key (`created: false`). */
  createSession(session: NewSession, at: Date): Promise<{ session: SessionRecord; created: boolean }>;
  findSessionByThreadKey(threadKey: string): Promise<SessionRecord | null>;
  getSession(id: string): Promise<SessionRecord | null>;
  /**
   * Appends messages after the last one (seq continues), marks the session active again and moves its last
   * activity to `at`, atomically. Returns the stored messages with their seq.
   */
  appendMessages(sessionId: string, messages: NewSessionMessage[], at: Date): Promise<SessionMessage[]>;
  /** The whole log, in order. */
  listMessages(sessionId: string): Promise<SessionMessage[]>;
  /** ACTIVE sessions whose last activity is at or before `before`, oldest first. */
  listIdleSessions(before: Date, limit: number): Promise<SessionRecord[]>;
  /** Recently summarised sessions, newest first. */
  listSummarizedSessions(limit: number): Promise<SessionRecord[]>;
  /**
   * ACTIVE → SUMMARIZED, only if nothing happened since `lastActivityAt` (a message that raced the sweeper
   * keeps the session open). Null when the condition did not hold.
   */
  markSummarized(
    id: string,
    lastActivityAt: Date,
    summaryMemoryId: string,
    at: Date,
  ): Promise<SessionRecord | null>;

  recordUsage(entry: UsageEntry): Promise<void>;
  /** Sum of recorded cost for a KST date, in micro-USD. */
  spentMicroUsd(tradeDate: string): Promise<number>;
}
