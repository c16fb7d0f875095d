import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { CycleStore, DailyRunRecord, NewsItemRecord, RunStepRecord } from '../../app/ports/cycle-store';
import type { Db } from './client';
import * as s from './schema';

type RunRow = typeof s.dailyRuns.$inferSelect;
type StepRow = typeof s.dailyRunSteps.$inferSelect;
type NewsRow = typeof s.newsItems.$inferSelect;

const toRun = (r: RunRow): DailyRunRecord => ({
  id: r.id,
  tradeDate: r.tradeDate,
  status: r.status as DailyRunRecord['status'],
  trigger: r.trigger as DailyRunRecord['trigger'],
  attempts: r.attempts,
  lastError: r.lastError,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

const toStep = (r: StepRow): RunStepRecord => ({
  runId: r.runId,
  step: r.step,
  status: r.status as RunStepRecord['status'],
  attempts: r.attempts,
  output: r.output ?? null,
  error: r.error,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

const toNews = (r: NewsRow): NewsItemRecord => ({
  id: r.id,
  url: r.url,
  title: r.title,
  source: r.source,
  summary: r.summary,
  tickers: r.tickers,
  publishedAt: r.publishedAt,
  fetchedAt: r.fetchedAt,
  memoryId: r.memoryId,
});

const newsTime = sql`coalesce(${s.newsItems.publishedAt}, ${s.newsItems.fetchedAt})`;

export function createDbCycleStore(db: Db): CycleStore {
  return {
    async createRun(tradeDate, trigger, at) {
      const inserted = await db
        .insert(s.dailyRuns)
        .values({ tradeDate, status: 'RUNNING', trigger, attempts: 1, startedAt: at })
        .onConflictDoNothing({ target: s.dailyRuns.tradeDate })
        .returning();
      if (inserted[0]) return { run: toRun(inserted[0]), created: true };
      const [existing] = await db.select().from(s.dailyRuns).where(eq(s.dailyRuns.tradeDate, tradeDate));
      return { run: toRun(existing!), created: false };
    },

    async getRun(tradeDate) {
      const [row] = await db.select().from(s.dailyRuns).where(eq(s.dailyRuns.tradeDate, tradeDate));
      return row ? toRun(row) : null;
    },

    async latestRun() {
      const [row] = await db.select().from(s.dailyRuns).orderBy(desc(s.dailyRuns.tradeDate)).limit(1);
      return row ? toRun(row) : null;
    },

    async claimRun(runId, trigger, _at) {
      const [row] = await db
        .update(s.dailyRuns)
        .set({ status: 'RUNNING', trigger, attempts: sql`${s.dailyRuns.attempts} + 1`, finishedAt: null })
        .where(and(eq(s.dailyRuns.id, runId), eq(s.dailyRuns.status, 'FAILED')))
        .returning();
      return row ? toRun(row) : null;
    },

    async finishRun(runId, status, at, error) {
      const [row] = await db
        .update(s.dailyRuns)
        .set({ status, finishedAt: at, lastError: error ?? null })
        .where(and(eq(s.dailyRuns.id, runId), eq(s.dailyRuns.status, 'RUNNING')))
        .returning();
      return row ? toRun(row) : null;
    },

    async releaseInterruptedRuns(at, reason, tradeDate) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(s.dailyRuns)
          .set({ status: 'FAILED', finishedAt: at, lastError: reason })
          .where(
            tradeDate
              ? and(eq(s.dailyRuns.status, 'RUNNING'), eq(s.dailyRuns.tradeDate, tradeDate))
              : eq(s.dailyRuns.status, 'RUNNING'),
          )
          .returning();
        if (rows.length > 0) {
          await tx
            .update(s.dailyRunSteps)
            .set({ status: 'FAILED', error: reason, finishedAt: at })
            .where(
              and(
                inArray(
                  s.dailyRunSteps.runId,
                  rows.map((r) => r.id),
                ),
                eq(s.dailyRunSteps.status, 'RUNNING'),
              ),
            );
        }
        return rows.map(toRun);
      });
    },

    async listSteps(runId) {
      const rows = await db
        .select()
        .from(s.dailyRunSteps)
        .where(eq(s.dailyRunSteps.runId, runId))
        .orderBy(asc(s.dailyRunSteps.startedAt));
      return rows.map(toStep);
    },

    async startStep(runId, step, at) {
      const [started] = await db
        .insert(s.dailyRunSteps)
        .values({ runId, step, status: 'RUNNING', attempts: 1, startedAt: at })
        .onConflictDoUpdate({
          target: [s.dailyRunSteps.runId, s.dailyRunSteps.step],
          set: {
            status: 'RUNNING',
            attempts: sql`${s.dailyRunSteps.attempts} + 1`,
            error: null,
            startedAt: at,
            finishedAt: null,
          },
          setWhere: ne(s.dailyRunSteps.status, 'DONE'),
        })
        .returning();
      if (started) return toStep(started);
      const [done] = await db
        .select()
        .from(s.dailyRunSteps)
        .where(and(eq(s.dailyRunSteps.runId, runId), eq(s.dailyRunSteps.step, step)));
      return toStep(done!);
    },

    async completeStep(runId, step, output, at) {
      const rows = await db
        .update(s.dailyRunSteps)
        .set({ status: 'DONE', output: output ?? null, error: null, finishedAt: at })
        .where(
          and(
            eq(s.dailyRunSteps.runId, runId),
            eq(s.dailyRunSteps.step, step),
            eq(s.dailyRunSteps.status, 'RUNNING'),
          ),
        )
        .returning({ step: s.dailyRunSteps.step });
      return rows.length > 0;
    },

    async failStep(runId, step, error, at) {
      await db
        .update(s.dailyRunSteps)
        .set({ status: 'FAILED', error, finishedAt: at })
        .where(
          and(
            eq(s.dailyRunSteps.runId, runId),
            eq(s.dailyRunSteps.step, step),
            eq(s.dailyRunSteps.status, 'RUNNING'),
          ),
        );
    },

    async saveNewsItems(items) {
      if (items.length === 0) return [];
      const rows = await db
        .insert(s.newsItems)
        .values(
          items.map((item) => ({
            url: item.url,
            title: item.title,
            source: item.source,
            summary: item.summary,
            tickers: item.tickers,
            publishedAt: item.publishedAt,
            fetchedAt: item.fetchedAt,
          })),
        )
        .onConflictDoNothing({ target: s.newsItems.url })
        .returning();
      return rows.map(toNews);
    },

    async listNewsWithoutMemory(limit) {
      const rows = await db
        .select()
        .from(s.newsItems)
        .where(isNull(s.newsItems.memoryId))
        .orderBy(asc(s.newsItems.id))
        .limit(limit);
      return rows.map(toNews);
    },

    async setNewsMemoryIds(links) {
      for (const link of links) {
        await db.update(s.newsItems).set({ memoryId: link.memoryId }).where(eq(s.newsItems.id, link.id));
      }
    },

    async recentNews(since, limit) {
      const rows = await db
        .select()
        .from(s.newsItems)
        .where(sql`${newsTime} >= ${since.toISOString()}::timestamptz`)
        .orderBy(desc(newsTime), desc(s.newsItems.id))
        .limit(limit);
      return rows.map(toNews);
    },
  };
}
