/**
 * Conversations keyed by channel thread: start with a question, continue with each message. Input is checked
 * at this boundary; turns of one conversation run one after the other.
 */
import { z } from 'zod';
import type { AssistantMessages } from '../../i18n/ko/assistant';
import type { AssistantReply, ConversationRef, Speaker, TurnProgress } from '../desk-api';
import type { SessionRecord, SessionStore } from '../ports/session-store';
import { threadKeyOf } from './sweeper';

export const MAX_MESSAGE_CHARS = 4_000;
/** The owner of conversations the desk opens itself (the daily plan's thread). */
export const DESK_OWNER = 'desk';
const MAX_TITLE_CHARS = 100;

const refSchema = z.object({
  channel: z.enum(['discord', 'terminal']),
  threadKey: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only'),
});
const speakerSchema = z.object({
  userId: z.string().min(1).max(200),
  displayName: z.string().max(200),
  locale: z.enum(['ko', 'en']),
});

export type AssistantInputErrorCode =
  'EMPTY_MESSAGE' | 'MESSAGE_TOO_LONG' | 'INVALID_INPUT' | 'CONVERSATION_NOT_FOUND';

/** Bad input from a channel: `userMessage` is ready to show in the speaker's language. */
export class AssistantInputError extends Error {
  override readonly name = 'AssistantInputError';

  constructor(
    readonly code: AssistantInputErrorCode,
    readonly userMessage: string,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export interface SessionServiceDeps {
  store: SessionStore;
  clock: { now(): Date };
  messages(locale: Speaker['locale']): AssistantMessages;
  runTurn(
    session: SessionRecord,
    speaker: Speaker,
    text: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
}

export class SessionService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly busy = new Set<string>();

  constructor(private readonly deps: SessionServiceDeps) {}

  /** Starting a conversation whose thread already exists continues it (a redelivered start is harmless). */
  async start(
    ref: ConversationRef,
    speaker: Speaker,
    question: string,
    title: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply> {
    const { threadKey, who, text } = this.check(ref, speaker, question);
    return this.serially(threadKey, async () => {
      const { session } = await this.deps.store.createSession(
        {
          threadKey,
          channel: ref.channel,
          ownerUserId: who.userId,
          title: (title.trim() || text).replace(/\s+/g, ' ').slice(0, MAX_TITLE_CHARS),
          locale: who.locale,
        },
        this.deps.clock.now(),
      );
      return this.turn(session, who, text, progress);
    });
  }

  async continue(
    ref: ConversationRef,
    speaker: Speaker,
    text: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply> {
    const checked = this.check(ref, speaker, text);
    return this.serially(checked.threadKey, async () => {
      const session = await this.deps.store.findSessionByThreadKey(checked.threadKey);
      if (!session) {
        throw new AssistantInputError(
          'CONVERSATION_NOT_FOUND',
          this.deps.messages(checked.who.locale).conversationNotFound,
          checked.threadKey,
        );
      }
      return this.turn(session, checked.who, checked.text, progress);
    });
  }

  /**
   * A conversation the desk starts itself: the session, owned by the desk, with its opening notes as the first
   * entries of the log (desk notes, never user text). A second open of the same thread changes nothing.
   */
  async open(ref: ConversationRef, opening: { title: string; locale: Speaker['locale']; notes: string[] }) {
    const where = refSchema.safeParse(ref);
    if (!where.success)
      throw new AssistantInputError(
        'INVALID_INPUT',
        this.deps.messages(opening.locale).invalidInput,
        z.prettifyError(where.error),
      );
    const threadKey = threadKeyOf(where.data);
    await this.serially(threadKey, async () => {
      const now = this.deps.clock.now();
      const { session, created } = await this.deps.store.createSession(
        {
          threadKey,
          channel: ref.channel,
          ownerUserId: DESK_OWNER,
          title: opening.title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS) || threadKey,
          locale: opening.locale,
        },
        now,
      );
      if (created && opening.notes.length > 0)
        await this.deps.store.appendMessages(
          session.id,
          opening.notes.map((content) => ({ role: 'system' as const, content })),
          now,
        );
    });
  }

  isBusy(sessionId: string): boolean {
    return this.busy.has(sessionId);
  }

  private async turn(
    session: SessionRecord,
    speaker: Speaker,
    text: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply> {
    this.busy.add(session.id);
    try {
      return await this.deps.runTurn(session, speaker, text, progress);
    } finally {
      this.busy.delete(session.id);
    }
  }

  private check(ref: ConversationRef, speaker: Speaker, text: string) {
    const who = speakerSchema.safeParse(speaker);
    const locale = who.success ? who.data.locale : 'ko';
    const say = this.deps.messages(locale);
    const where = refSchema.safeParse(ref);
    if (!who.success)
      throw new AssistantInputError('INVALID_INPUT', say.invalidInput, z.prettifyError(who.error));
    if (!where.success) {
      throw new AssistantInputError('INVALID_INPUT', say.invalidInput, z.prettifyError(where.error));
    }
    if (typeof text !== 'string' || text.trim() === '') {
      throw new AssistantInputError('EMPTY_MESSAGE', say.emptyMessage);
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      throw new AssistantInputError('MESSAGE_TOO_LONG', say.messageTooLong({ max: MAX_MESSAGE_CHARS }));
    }
    return { threadKey: threadKeyOf(where.data), who: who.data, text: text.trim() };
  }

  private serially<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
