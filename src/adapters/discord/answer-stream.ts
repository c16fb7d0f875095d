import type { StreamingSettings } from './streaming-settings';
import { AssistantInputError } from '../../app/assistant';
import { escapeUntrusted } from './untrusted';
import { MessageFlags, type Message, type ThreadChannel } from 'discord.js';
import type { AssistantReply, Locale, TurnProgress } from '../../app/desk-api';
import type { ChannelContext } from './context';
import { catalogsFor } from './locale';
import { NO_MENTIONS } from './posting';
import { safeError } from './safe-error';
import { DISCORD_LIMITS, truncate } from './text';

const PREVIEW_MARK = ' ▍';

/**
 * One message in the thread that shows the answer as it forms: created on the first text, then edited with the
 * latest text, never more often than `editIntervalMs`, one request at a time. `finish()` waits for the last
 * edit and hands the message over so the final answer can take its place.
 */
class GrowingMessage {
  private message: Message | null = null;
  private latest: string | null = null;
  private shown: string | null = null;
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly thread: ThreadChannel,
    private readonly settings: StreamingSettings,
    private readonly ctx: ChannelContext,
  ) {}

  update(soFar: string): void {
    if (this.closed || soFar.trim() === '') return;
    this.latest = soFar;
    if (this.timer) return;
    const wait = this.lastSentAt + this.settings.editIntervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  async finish(): Promise<Message | null> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
    return this.message;
  }

  private flush(): void {
    this.timer = null;
    const text = this.latest;
    if (text === null || text === this.shown || this.closed) return;
    this.lastSentAt = Date.now();
    this.chain = this.chain.then(async () => {
      const content = truncate(text, DISCORD_LIMITS.content - PREVIEW_MARK.length) + PREVIEW_MARK;
      try {
        if (this.message) this.message = await this.message.edit({ content, allowedMentions: NO_MENTIONS });
        else
          this.message = await this.thread.send({
            content,
            allowedMentions: NO_MENTIONS,
            flags: MessageFlags.SuppressEmbeds,
          });
        this.shown = text;
      } catch (error) {
        this.ctx.logger.warn(
          { err: safeError(error), threadId: this.thread.id },
          'could not show the answer so far',
        );
      }
    });
  }
}

/**
 * Runs one turn in a thread: the typing indicator is refreshed while it runs, the answer grows in one message
 * (throttled edits), then the final answer replaces it (longer answers go on in more messages, or as an
 * attached answer.md past five), followed by the proposal cards.
 */
/**
 * What the thread is told when a turn fails: an input error's own message (in the speaker's language, e.g. "this
 * conversation was not found"), otherwise the general apology; only the latter is logged as an error.
 */
export function turnFailureText(
  error: unknown,
  ctx: ChannelContext,
  threadId: string,
  locale: Locale,
  failureLog = 'conversation turn failed',
): string {
  if (error instanceof AssistantInputError) {
    ctx.logger.warn({ code: error.code, threadId }, 'the desk refused the message');
    return escapeUntrusted(error.userMessage);
  }
  ctx.logger.error({ err: safeError(error), threadId }, failureLog);
  return catalogsFor(locale).text.trade.answerFailed;
}

export async function answerInThread(
  ctx: ChannelContext,
  thread: ThreadChannel,
  locale: Locale,
  run: (progress: TurnProgress) => Promise<AssistantReply>,
  failureLog: string,
): Promise<void> {
  const settings = ctx.streaming;
  const typing = () => void thread.sendTyping().catch(() => undefined);
  typing();
  const typingTimer = setInterval(typing, settings.typingIntervalMs);
  const growing = new GrowingMessage(thread, settings, ctx);
  let reply: AssistantReply | null = null;
  let failure: string | null = null;
  try {
    reply = await run({ onText: (soFar) => growing.update(soFar) });
  } catch (error) {
    failure = turnFailureText(error, ctx, thread.id, locale, failureLog);
  } finally {
    clearInterval(typingTimer);
  }
  const live = await growing.finish();
  if (reply === null) {
    // What was shown so far stays; the failure is said below it.
    await thread.send({
      content: failure ?? catalogsFor(locale).text.trade.answerFailed,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await ctx.posting.postAnswer(thread, reply, locale, live);
}
