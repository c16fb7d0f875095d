import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { ChatRole, ToolCall } from '../../domain/ports/llm';
import type { SessionMessage, SessionRecord, SessionStore } from '../../app/ports/session-store';
import type { Db } from './client';
import * as s from './schema';

type SessionRow = typeof s.sessions.$inferSelect;
type MessageRow = typeof s.sessionMessages.$inferSelect;

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  threadKey: r.threadKey,
  channel: r.channel as SessionRecord['channel'],
  ownerUserId: r.ownerUserId,
  title: r.title,
  locale: r.locale === 'en' ? 'en' : 'ko',
  status: r.status as SessionRecord['status'],
  createdAt: r.createdAt,
  lastActivityAt: r.lastActivityAt,
  summarizedAt: r.summarizedAt,
  summaryMemoryId: r.summaryMemoryId,
});

const toMessage = (r: MessageRow): SessionMessage => ({
  seq: r.seq,
  role: r.role as ChatRole,
  content: r.content,
  toolCalls: Array.isArray(r.toolCalls) ? (r.toolCalls as ToolCall[]) : null,
  toolCallId: r.toolCallId,
  authorId: r.authorId,
  createdAt: r.createdAt,
});

export function createDbSessionStore(db: Db): SessionStore {
  return {
    async createSession(session, at) {
      const inserted = await db
        .insert(s.sessions)
        .values({ ...session, status: 'ACTIVE', createdAt: at, lastActivityAt: at })
        .onConflictDoNothing({ target: s.sessions.threadKey })
        .returning();
      if (inserted[0]) return { session: toSession(inserted[0]), created: true };
      const [existing] = await db
        .select()
        .from(s.sessions)
        .where(eq(s.sessions.threadKey, session.threadKey));
      if (!existing) throw new Error(`session ${session.threadKey} vanished while being created`);
      return { session: toSession(existing), created: false };
    },

    async findSessionByThreadKey(threadKey) {
      const [row] = await db.select().from(s.sessions).where(eq(s.sessions.threadKey, threadKey));
      return row ? toSession(row) : null;
    },

    async getSession(id) {
      const [row] = await db.select().from(s.sessions).where(eq(s.sessions.id, id));
      return row ? toSession(row) : null;
    },

    async appendMessages(sessionId, messages, at) {
      return db.transaction(async (tx) => {
        // Locking the session row serialises appends, so seq has no gaps or races across processes.
        const [locked] = await tx
          .select({ id: s.sessions.id })
          .from(s.sessions)
          .where(eq(s.sessions.id, sessionId))
          .for('update');
        if (!locked) throw new Error(`no session ${sessionId}`);
        const [last] = await tx
          .select({ seq: sql<number>`coalesce(max(${s.sessionMessages.seq}), 0)::int` })
          .from(s.sessionMessages)
          .where(eq(s.sessionMessages.sessionId, sessionId));
        const first = Number(last?.seq ?? 0) + 1;
        await tx
          .update(s.sessions)
          .set({ lastActivityAt: at, status: 'ACTIVE' })
          .where(eq(s.sessions.id, sessionId));
        if (messages.length === 0) return [];
        const rows = await tx
          .insert(s.sessionMessages)
          .values(
            messages.map((m, i) => ({
              sessionId,
              seq: first + i,
              role: m.role,
              content: m.content,
              toolCalls: m.toolCalls && m.toolCalls.length > 0 ? m.toolCalls : null,
              toolCallId: m.toolCallId ?? null,
              authorId: m.authorId ?? null,
              createdAt: at,
            })),
          )
          .returning();
        return rows.map(toMessage).sort((a, b) => a.seq - b.seq);
      });
    },

    async listMessages(sessionId) {
      const rows = await db
        .select()
        .from(s.sessionMessages)
        .where(eq(s.sessionMessages.sessionId, sessionId))
        .orderBy(asc(s.sessionMessages.seq));
      return rows.map(toMessage);
    },

    async listIdleSessions(before, limit) {
      const rows = await db
        .select()
        .from(s.sessions)
        .where(and(eq(s.sessions.status, 'ACTIVE'), lte(s.sessions.lastActivityAt, before)))
        .orderBy(asc(s.sessions.lastActivityAt))
        .limit(limit);
      return rows.map(toSession);
    },

    async listSummarizedSessions(limit) {
      const rows = await db
        .select()
        .from(s.sessions)
        .where(eq(s.sessions.status, 'SUMMARIZED'))
        .orderBy(desc(s.sessions.summarizedAt))
        .limit(limit);
      return rows.map(toSession);
    },

    async markSummarized(id, lastActivityAt, summaryMemoryId, at) {
      const [row] = await db
        .update(s.sessions)
        .set({ status: 'SUMMARIZED', summarizedAt: at, summaryMemoryId })
        .where(
          and(
            eq(s.sessions.id, id),
            eq(s.sessions.status, 'ACTIVE'),
            eq(s.sessions.lastActivityAt, lastActivityAt),
          ),
        )
        .returning();
      return row ? toSession(row) : null;
    },

    async recordUsage(entry) {
      await db.insert(s.llmUsage).values(entry);
    },

    async spentMicroUsd(tradeDate) {
      const [row] = await db
        .select({ total: sql<number>`coalesce(sum(${s.llmUsage.costMicroUsd}), 0)::bigint` })
        .from(s.llmUsage)
        .where(eq(s.llmUsage.tradeDate, tradeDate));
      return Number(row?.total ?? 0);
    },
  };
}
