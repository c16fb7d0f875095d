/**
 * The whole product as main.ts builds it (composeDesk + the Discord channel), with only the outside world
 * replaced: the built-in KIS simulator (started by compose), the fake OpenAI server, the fake Discord (a real
 * discord.js client talks to it) and a local alert webhook. Every log line is collected for scanning.
 * One difference from main.ts: scheduler.start() is not called (node-cron would tick on real minutes against
 * the fake clock); tests call `runtime.scheduler.tick()` after moving the clock.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { registerCommands } from '../../../../commands/register';
import { FakeClock } from '../../../../src/adapters/clock/fake';
import type { Database } from '../../../../src/adapters/db/client';
import {
  createDiscordChannel,
  createDiscordCyclePublisher,
  type DiscordChannel,
} from '../../../../src/adapters/discord';
import { createLogger } from '../../../../src/adapters/logging/logger';
import type { Subscription } from '../../../../src/domain/ports';
import { composeDesk, type DeskRuntime } from '../../../../src/compose';
import { loadConfig } from '../../../../src/config';
import { DEFAULT_SIM_ACCOUNTS } from '../../../../src/sim/kis';
import { startFakeDiscord, type FakeDiscord } from '../../../support/fake-discord';
import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai/server';

/** Monday 2026-11-23, 10:00 KST: a KRX trading day in the continuous session. */
export const TRADING_MORNING = '2026-11-23T10:00:00+09:00';

/** Known fake secrets, distinctive enough that any occurrence anywhere is a leak. */
export const OPENAI_KEY = 'sk-fullstack-openai-key-7Qw3Zr9Xk2';
export const WEBHOOK_TOKEN = 'whk-fullstack-token-4Hn8Vb1Lp6';

export interface WebhookReceiver {
  url: string;
  /** Bodies of the requests it received, as text. */
  bodies: string[];
  close(): Promise<void>;
}

export interface FullStack {
  runtime: DeskRuntime;
  fake: FakeDiscord;
  openai: FakeOpenAi;
  webhook: WebhookReceiver;
  clock: FakeClock;
  /** Null until the channel is started (at once unless `deferChannel`). */
  channel: DiscordChannel | null;
  /** Creates, attaches and starts the Discord channel as main.ts does (a no-op once started). */
  startChannel(): Promise<DiscordChannel>;
  /** Every line the desk's logger wrote (JSON text, one per line). */
  logLines: string[];
  /** Every secret the process holds: the config's plus the simulator's app key and secret. */
  secrets: string[];
  /** channel.stop() (destroys the client) → fill stream → runtime.close() → fake servers. */
  close(): Promise<void>;
}

export interface FullStackOptions {
  database: Database;
  /** Default TRADING_MORNING. */
  startAt?: string;
  /** Extra environment settings (e.g. WATCH_*). */
  env?: Record<string, string>;
  /** Leave the Discord channel unstarted (nothing attached to publish through) until `startChannel()`. */
  deferChannel?: boolean;
}

async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/${WEBHOOK_TOKEN}`,
    bodies,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function collectingStream(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      lines.push(...text.split('\n').filter((line) => line !== ''));
      done();
    },
  });
}

/** Builds and starts the desk the way main.ts does, against the fakes; trading is reconciled and enabled. */
export async function startFullStack(options: FullStackOptions): Promise<FullStack> {
  const clock = new FakeClock(options.startAt ?? TRADING_MORNING);
  const fake = await startFakeDiscord();
  const openai = await startFakeOpenAi();
  const webhook = await startWebhookReceiver();
  const closeFakes = async () => {
    await openai.close();
    await webhook.close();
    await fake.close();
  };

  let runtime: DeskRuntime;
  const logLines: string[] = [];
  let secrets: string[];
  try {
    const config = loadConfig({
      LOG_LEVEL: 'debug',
      DISCORD_TOKEN: fake.botToken,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guild.id,
      DISCORD_TRADE_CHANNEL_ID: fake.channels.trade.id,
      DISCORD_BRIEFING_CHANNEL_ID: fake.channels.briefing.id,
      DISCORD_ALERT_CHANNEL_ID: fake.channels.alert.id,
      DISCORD_APPROVER_ROLE_IDS: fake.roles.approver,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.baseUrl,
      ALERT_WEBHOOK_URL: webhook.url,
      ...options.env,
    });
    const simAccount = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
    // The same list compose gives its own logger when main.ts passes none (the Discord case).
    secrets = [...config.secrets, simAccount.appKey, simAccount.appSecret];
    const logger = createLogger({
      level: config.logLevel,
      secrets,
      destination: collectingStream(logLines),
    });
    runtime = await composeDesk(config, {
      clock,
      database: options.database,
      logger,
      simulator: { rateLimitPerSecond: { real: 200, paper: 200 }, tokenIssueIntervalMs: 0 },
      // A failing step fails the run at once instead of sleeping through real-time retries.
      cycleRetry: { attempts: 1, delaysMs: [] },
    });
  } catch (error) {
    await closeFakes();
    throw error;
  }

  let fills: Subscription | null = null;
  const stack: FullStack = {
    runtime,
    fake,
    openai,
    webhook,
    clock,
    channel: null,
    logLines,
    secrets,
    async startChannel() {
      if (stack.channel) return stack.channel;
      const config = runtime.config;
      if (!config.discord.enabled) throw new Error('the full stack needs the Discord channel configured');
      const channel = createDiscordChannel({
        desk: runtime.desk,
        config: config.discord,
        environmentBadge: 'SIM',
        restApi: fake.restApiBase,
        clock,
        logger: runtime.logger.child({ component: 'discord' }),
        defaultLocale: config.locale,
      });
      stack.channel = channel;
      runtime.channels.attach(
        createDiscordCyclePublisher(channel, { locale: config.locale, published: runtime.publications }),
        async (refs) => {
          await channel.archiveThreads(refs.filter((r) => r.channel === 'discord').map((r) => r.threadKey));
        },
      );
      await channel.start();
      return channel;
    },
    async close() {
      try {
        await stack.channel?.stop();
      } finally {
        try {
          await fills?.close().catch(() => undefined);
          await runtime.close();
        } finally {
          await closeFakes();
        }
      }
      // The fake enforces Discord's 3 s ack and 15 min token rules by default; breaking one fails the test.
      const late = fake.timingViolations();
      if (late.length > 0)
        throw new Error(
          `Discord timing rules broken: ${late.map((r) => `${r.method} ${r.route} → ${JSON.stringify(r.response)}`).join('; ')}`,
        );
    },
  };
  try {
    // Commands are registered by a deploy step (npm run commands:register), not by the running desk.
    await registerCommands({
      token: fake.botToken,
      applicationId: fake.applicationId,
      guildId: fake.guild.id,
      api: fake.restApiBase,
    });
    fills = await runtime.broker.subscribeFills((notice) => void runtime.core.fills.onNotice(notice));
    if (!options.deferChannel) await stack.startChannel();
  } catch (error) {
    await stack.close().catch(() => undefined);
    throw error;
  }
  return stack;
}

/** The start-up tick main.ts runs through scheduler.start(): reconciles, so trading leaves HALTED. */
export async function reconcileForTrading(stack: FullStack): Promise<void> {
  const result = await stack.runtime.core.reconciliation.reconcile();
  if (!result.ok) throw new Error(`start-up reconciliation failed: ${JSON.stringify(result)}`);
  const effective = await stack.runtime.core.tradingState.effective();
  if (effective.awaitingReconciliation) throw new Error('trading still awaits reconciliation');
}
