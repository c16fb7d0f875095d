/**
 * Step 2: the conversations summarised since the last trading day and the last briefing, condensed into one
 * note (kind 'note', id `note:cycle:<date>` so a re-run overwrites it). Extractive: the first lines of each,
 * nothing rephrased.
 */
import type { MemoryRecord, NewMemory } from '../../../domain/ports/memory';
import type { CycleStep, StepContext } from '../context';
import { cycleMessages } from '../messages';
import type { MemorySummaryOutput } from '../outputs';

const MOST_SESSIONS = 20;
const LINES_PER_SESSION = 3;
const BRIEFING_LINES = 6;
const MAX_LINE = 300;

export function cycleNoteId(tradeDate: string): string {
  return `note:cycle:${tradeDate}`;
}

export function briefingMemoryId(tradeDate: string): string {
  return `briefing:${tradeDate}`;
}

export const memorySummaryStep: CycleStep<'memory_summary'> = {
  name: 'memory_summary',
  async run(ctx: StepContext): Promise<MemorySummaryOutput> {
    const { deps, tradeDate } = ctx;
    const memory = deps.memory;
    if (!memory) return { noteId: null, sessions: 0, briefingFrom: null, skipped: 'NO_MEMORY_STORE' };
    const previous = deps.calendar.previousTradingDay(tradeDate);
    try {
      const hits = await memory.search('대화 요약 conversation summary', {
        k: MOST_SESSIONS,
        filter: { kinds: ['session_summary'], fromDate: previous, toDate: tradeDate },
      });
      const sessions = hits
        .map((h) => h.record)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const briefing = await memory.get(briefingMemoryId(previous));
      if (sessions.length === 0 && !briefing)
        return { noteId: null, sessions: 0, briefingFrom: null, skipped: 'NOTHING_TO_SUMMARISE' };
      const note = condensedNote(ctx, sessions, briefing);
      await memory.upsert([note]);
      return {
        noteId: note.id,
        sessions: sessions.length,
        briefingFrom: briefing?.date ?? null,
        skipped: null,
      };
    } catch (error) {
      if (!ctx.lastAttempt) throw error;
      deps.onError?.('memory summary', error);
      return { noteId: null, sessions: 0, briefingFrom: null, skipped: 'MEMORY_UNAVAILABLE' };
    }
  },
};

function condensedNote(ctx: StepContext, sessions: MemoryRecord[], briefing: MemoryRecord | null): NewMemory {
  const say = cycleMessages(ctx.deps.locale).memory;
  const lines = [say.noteTitle({ date: ctx.tradeDate })];
  if (sessions.length > 0) {
    lines.push(say.sessions({ count: sessions.length }));
    for (const s of sessions) lines.push(...firstLines(s.content, LINES_PER_SESSION).map((l) => `- ${l}`));
  }
  if (briefing) {
    lines.push(say.lastBriefing({ date: briefing.date }));
    lines.push(...firstLines(briefing.content, BRIEFING_LINES).map((l) => `- ${l}`));
  }
  const tickers = [...new Set([...sessions.flatMap((s) => s.tickers), ...(briefing?.tickers ?? [])])].slice(
    0,
    100,
  );
  return {
    id: cycleNoteId(ctx.tradeDate),
    kind: 'note',
    content: lines.join('\n'),
    date: ctx.tradeDate,
    tickers,
    threadId: null,
    source: `daily_run:${ctx.run.id}`,
  };
}

function firstLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, count)
    .map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l));
}
