/**
 * Closes conversations nobody has touched for `idleMs`: summarises each into memory, marks it SUMMARIZED and
 * tells the channel which threads to archive. A session that got a message meanwhile stays open.
 */
import type { MemoryStore } from '../../domain/ports/memory';
import type { ConversationRef } from '../desk-api';
import type { SessionStore } from '../ports/session-store';
import { summariseSession, type SummaryDeps } from './summary';

export interface SweepDeps {
  store: SessionStore;
  memory: MemoryStore;
  summary: SummaryDeps;
  idleMs: number;
  /** Sessions with a turn running are left alone until the next sweep. */
  isBusy(sessionId: string): boolean;
  onError?: (what: string, error: unknown) => void;
}

const MOST_PER_SWEEP = 50;

export async function sweepIdleSessions(deps: SweepDeps, now: Date): Promise<ConversationRef[]> {
  const idle = await deps.store.listIdleSessions(new Date(now.getTime() - deps.idleMs), MOST_PER_SWEEP);
  const archived: ConversationRef[] = [];
  for (const session of idle) {
    if (deps.isBusy(session.id)) continue;
    try {
      const log = await deps.store.listMessages(session.id);
      const memory = await summariseSession(deps.summary, session, log, now);
      await deps.memory.upsert([{ ...memory, createdAt: now }]);
      const closed = await deps.store.markSummarized(session.id, session.lastActivityAt, memory.id, now);
      if (closed) archived.push(refOf(closed.threadKey, closed.channel));
    } catch (error) {
      // Left ACTIVE: the next sweep tries again.
      deps.onError?.(`summarise session ${session.id}`, error);
    }
  }
  return archived;
}

export function threadKeyOf(ref: ConversationRef): string {
  return `${ref.channel}:${ref.threadKey}`;
}

export function refOf(threadKey: string, channel: ConversationRef['channel']): ConversationRef {
  const prefix = `${channel}:`;
  return { channel, threadKey: threadKey.startsWith(prefix) ? threadKey.slice(prefix.length) : threadKey };
}

export interface IdleSweeperOptions {
  sweep(now: Date): Promise<ConversationRef[]>;
  clock: { now(): Date };
  intervalMs: number;
  onArchive(refs: ConversationRef[]): void | Promise<void>;
  onError?: (error: unknown) => void;
}

/** Runs the sweep on a real timer; one sweep at a time, never overlapping. */
export function createIdleSweeper(options: IdleSweeperOptions): {
  start(): void;
  stop(): void;
  runOnce(): Promise<void>;
} {
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;

  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        const refs = await options.sweep(options.clock.now());
        if (refs.length > 0) await options.onArchive(refs);
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void runOnce(), options.intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    runOnce,
  };
}
