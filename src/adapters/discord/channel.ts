import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Events,
  ThreadAutoArchiveDuration,
  type Client,
} from 'discord.js';
import type { Desk, Locale } from '../../app/desk-api';
import type { DeskEvent } from '../../app/desk-events';
import type { AlertRecord, IntentRecord } from '../../app/trading-store';
import type { Clock } from '../../domain/clock';
import { DEFAULT_STREAMING, type StreamingSettings } from './streaming-settings';
import { approverPing } from './approver-ping';
import { BoundedMap } from './bounded-map';
import { CardRegistry } from './card-registry';
import { guildTextChannel } from './channels';
import { createDiscordClient } from './client';
import { parseDiscordChannelConfig, type DiscordChannelConfigInput } from './config';
import type { ChannelContext } from './context';
import { DeskEventRelay } from './desk-event-relay';
import type { DiscordLogger } from './logger';
import { InteractionRouter } from './interactions/router';
import { routeTable } from './interactions/route-table';
import { KeyedQueue } from './keyed-queue';
import { approvePlanId } from './custom-ids';
import { catalogsFor } from './locale';
import { DeskPosting, NO_MENTIONS } from './posting';
import { renderAlert, renderTradingStateChange } from './render/alert';
import type { EnvironmentBadge } from './render/badge';
import { renderBriefing, type BriefingEmbedData } from './render/briefing';
import { safeError } from './safe-error';
import { DISCORD_LIMITS, splitMessage, threadNameFrom } from './text';
import { escapeUntrusted } from './untrusted';
import { relayThreadMessage } from './thread-messages';
import { postWatchAlert } from './watch-alert';
import type { WatchAlert } from '../../app/watch/ports';

export interface DiscordChannelOptions {
  desk: Desk;
  config: DiscordChannelConfigInput;
  environmentBadge: EnvironmentBadge;
  /** REST base without the version (`http://127.0.0.1:PORT/api`): the fake Discord in tests. */
  restApi?: string;
  clock: Clock;
  logger: DiscordLogger;
  /** Language of posts that answer nobody in particular (briefings, alerts, plan cards). Default Korean. */
  defaultLocale?: Locale;
  /** Edit throttle and typing refresh while an answer forms; defaults: 1 s between edits, typing every 8 s. */
  streaming?: Partial<StreamingSettings>;
}

export interface PlanCardInput {
  /** Thread name (trimmed to 100 characters). */
  title: string;
  /** Posted before the cards; untrusted text is fine (mentions are disabled). */
  summary?: string;
  intents: readonly IntentRecord[];
  locale?: Locale;
  /** The daily run: when given and a leg awaits approval, an "approve all" button follows the summary. */
  runId?: string;
  /**
   * What a person's question in the thread is answered from (the plan and its signals): with it the thread is
   * a conversation the desk opened; without it (or when that fails) messages there get the desk's refusal.
   */
  context?: string;
}

export interface DiscordChannel {
  /** Logs in and resolves once the guild is loaded; then listens to interactions, thread messages and desk events. */
  start(): Promise<void>;
  /** Stops listening, lets in-flight handlers finish (10 s at most), then destroys the client. */
  stop(): Promise<void>;
  postBriefing(briefing: BriefingEmbedData, chart?: Buffer): Promise<{ messageId: string }>;
  postAlert(alert: AlertRecord): Promise<{ messageId: string }>;
  /** A thread in the trade channel with the plan's summary and one approval card per intent. */
  postPlanCard(plan: PlanCardInput): Promise<{ threadId: string; cardMessageIds: string[] }>;
  /**
   * Archives idle conversation threads; threads already archived or gone, and threads holding a card that awaits
   * approval or KRX (AWAITING_APPROVAL, DEFERRED), are skipped.
   */
  archiveThreads(threadKeys: readonly string[]): Promise<{ archived: string[]; skipped: string[] }>;
  /** An intraday watch firing in the alert channel (with its SELL card or its /trade button). */
  postWatchAlert(alert: WatchAlert): Promise<void>;
}

const STOP_GRACE_MS = 10_000;
/** Room kept in the plan's first message for the approvers' mention line. */
const PING_ROOM = 300;

function waitMs(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

export function createDiscordChannel(options: DiscordChannelOptions): DiscordChannel {
  const config = parseDiscordChannelConfig(options.config);
  const { desk, logger, clock } = options;
  const badge = options.environmentBadge;
  const defaultLocale = options.defaultLocale ?? 'ko';
  const client: Client = createDiscordClient(options.restApi);
  const cards = new CardRegistry(desk, logger);
  const ping = approverPing(config);
  const ctx: ChannelContext = {
    client,
    desk,
    config,
    badge,
    clock,
    logger,
    defaultLocale,
    cards,
    posting: new DeskPosting(desk, cards, badge, ping),
    threadLocales: new BoundedMap<string, Locale>(5_000),
    threads: new KeyedQueue(),
    streaming: { ...DEFAULT_STREAMING, ...options.streaming },
  };
  const router = new InteractionRouter(ctx, routeTable);
  const inflight = new Set<Promise<void>>();
  let unsubscribe: (() => void) | null = null;

  const track = (work: Promise<unknown>): void => {
    const settled: Promise<void> = work
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: safeError(error) }, 'discord task failed'),
      )
      .finally(() => inflight.delete(settled));
    inflight.add(settled);
  };

  const requireReady = (): void => {
    if (!client.isReady()) throw new Error('the Discord channel is not started');
  };

  const catalogs = () => catalogsFor(defaultLocale);

  async function postAlert(alert: AlertRecord): Promise<{ messageId: string }> {
    requireReady();
    const channel = await guildTextChannel(client, config.alertChannelId);
    // A critical alert calls the approvers; the alert's own text (an embed) can ping nobody.
    const calls = alert.severity === 'critical' ? ping : null;
    const message = await channel.send({
      embeds: [renderAlert(alert, catalogs())],
      ...(calls
        ? {
            content: catalogs().text.alert.approversCalled(calls.mentions),
            allowedMentions: calls.allowedMentions,
          }
        : { allowedMentions: NO_MENTIONS }),
    });
    return { messageId: message.id };
  }

  async function postAlertEvent(event: Extract<DeskEvent, { type: 'alert' | 'trading-state.changed' }>) {
    if (event.type === 'alert') {
      await postAlert(event.alert);
      return;
    }
    const channel = await guildTextChannel(client, config.alertChannelId);
    await channel.send({
      embeds: [renderTradingStateChange(event.change, catalogs())],
      allowedMentions: NO_MENTIONS,
    });
  }

  const relay = new DeskEventRelay(ctx, { postAlertEvent }, track);

  return {
    async start() {
      client.on(Events.InteractionCreate, (interaction) => track(router.route(interaction)));
      client.on(Events.MessageCreate, (message) => track(relayThreadMessage(message, ctx)));
      client.on(Events.Error, (error) => logger.error({ err: safeError(error) }, 'discord client error'));
      client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord client warning'));
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
      unsubscribe = relay.listen();
      logger.info({ guildId: config.guildId, badge }, 'discord channel ready');
    },

    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      // Work can start more work (a click's order event queues a follow-up), so wait until none is left.
      const grace = waitMs(STOP_GRACE_MS);
      let timedOut = false;
      void grace.promise.then(() => {
        timedOut = true;
      });
      while (inflight.size > 0 && !timedOut)
        await Promise.race([Promise.allSettled([...inflight]), grace.promise]);
      grace.cancel();
      if (inflight.size > 0)
        logger.warn({ pending: inflight.size }, 'stopping with discord tasks still running');
      await client.destroy();
    },

    async postBriefing(briefing, chart) {
      requireReady();
      const channel = await guildTextChannel(client, config.briefingChannelId);
      const message = await channel.send({
        ...renderBriefing(briefing, chart, { catalogs: catalogs(), badge, postedAt: clock.now() }),
        allowedMentions: NO_MENTIONS,
      });
      return { messageId: message.id };
    },

    postAlert,

    async postPlanCard(plan) {
      requireReady();
      const locale = plan.locale ?? defaultLocale;
      const parent = await guildTextChannel(client, config.tradeChannelId);
      const thread = await parent.threads.create({
        name: threadNameFrom(plan.title, catalogsFor(locale).text.trade.defaultThreadName),
        type: ChannelType.PublicThread,
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      });
      ctx.threadLocales.set(thread.id, locale);
      if (plan.context !== undefined) {
        // Before anything is posted, so the first question in the thread already finds its conversation.
        await desk
          .openConversation(
            { channel: 'discord', threadKey: thread.id },
            { kind: 'daily-plan', title: plan.title, locale, context: plan.context },
          )
          .catch((error: unknown) =>
            logger.warn(
              { err: safeError(error), threadId: thread.id },
              'could not open the plan conversation',
            ),
          );
      }
      const cardMessageIds: string[] = [];
      await ctx.threads.run(thread.id, async () => {
        // The first message calls the approvers once for the whole plan; the cards after it do not ping again.
        const parts = splitMessage(escapeUntrusted(plan.summary ?? ''), DISCORD_LIMITS.content - PING_ROOM);
        const awaiting = plan.intents.some((i) => i.status === 'AWAITING_APPROVAL');
        for (const [index, part] of parts.entries()) {
          const calls = index === 0 && awaiting ? ping : null;
          await thread.send(
            calls
              ? {
                  content: `${catalogsFor(locale).text.card.approversCalled(calls.mentions)}\n${part}`,
                  allowedMentions: calls.allowedMentions,
                }
              : { content: part, allowedMentions: NO_MENTIONS },
          );
        }
        if (plan.runId && plan.intents.some((i) => i.status === 'AWAITING_APPROVAL')) {
          const approveAll = new ButtonBuilder()
            .setCustomId(approvePlanId(plan.runId))
            .setLabel(catalogsFor(locale).text.click.approveAll)
            .setEmoji('✅')
            .setStyle(ButtonStyle.Success);
          await thread.send({
            components: [new ActionRowBuilder<ButtonBuilder>().addComponents(approveAll)],
            allowedMentions: NO_MENTIONS,
          });
        }
        for (const intent of plan.intents)
          cardMessageIds.push(
            (await ctx.posting.postCard(thread, intent, locale, { ping: parts.length === 0 })).id,
          );
      });
      return { threadId: thread.id, cardMessageIds };
    },

    async postWatchAlert(alert) {
      requireReady();
      await postWatchAlert(ctx, alert, defaultLocale);
    },

    async archiveThreads(threadKeys) {
      requireReady();
      const archived: string[] = [];
      const skipped: string[] = [];
      // A thread holding a card that still waits (for ✅ or for KRX) stays open: its card must stay editable.
      const holding = new Set(
        (await desk.pendingIntents()).map(
          (intent) => cards.find(intent.id, intent.cardRef, defaultLocale)?.ref.channelId,
        ),
      );
      for (const key of threadKeys) {
        if (holding.has(key)) {
          logger.info({ threadId: key }, 'thread left open: it holds a card awaiting approval or KRX');
          skipped.push(key);
          continue;
        }
        const channel = await client.channels.fetch(key).catch(() => null);
        if (!channel?.isThread() || channel.archived) {
          skipped.push(key);
          continue;
        }
        try {
          await channel.setArchived(true);
          archived.push(key);
        } catch (error) {
          logger.warn({ err: safeError(error), threadId: key }, 'could not archive thread');
          skipped.push(key);
        }
      }
      return { archived, skipped };
    },
  };
}
