import { registerCommands } from '../../../../commands/register';
import { FakeClock } from '../../../../src/adapters/clock/fake';
import type { Database } from '../../../../src/adapters/db/client';
import { createDbTradingStore } from '../../../../src/adapters/db/trading-store';
import {
  createDiscordChannel,
  type DiscordChannel,
  type DiscordLogger,
} from '../../../../src/adapters/discord';
import type { StreamingSettings } from '../../../../src/adapters/discord/streaming-settings';
import type { EnvironmentBadge } from '../../../../src/adapters/discord/render/badge';
import { createDesk, type DeskDeps } from '../../../../src/app/desk';
import type { Desk } from '../../../../src/app/desk-api';
import { createTradingCore, type TradingCore } from '../../../../src/app/trading-core';
import type { TradingStore } from '../../../../src/app/trading-store';
import { FakeBroker } from '../../../support/fake-broker';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../../../support/fake-discord';
import { calendar, MARKET_OPEN, TEST_LIMITS } from '../../../support/trading';
import { ScriptedConversations, scriptedCycle, UNIVERSE } from './scripted-conversations';
import { channelConfigFor } from './channel-config';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

export function recordingLogger(lines: LogLine[]): DiscordLogger {
  const at = (level: LogLine['level']) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface DiscordHarness {
  fake: FakeDiscord;
  clock: FakeClock;
  broker: FakeBroker;
  core: TradingCore;
  store: TradingStore;
  /** The real createDesk over the trading core, with scripted conversations. */
  desk: Desk;
  conversations: ScriptedConversations;
  /** The running channel instance (replaced by `restartChannel`). */
  channel: DiscordChannel;
  logs: LogLine[];
  coreErrors: { what: string; error: unknown }[];
  /** Stops the channel (its client is destroyed) and starts a fresh instance on the same desk and database. */
  restartChannel(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** False models a desk that loses card refs, so only the button itself survives a restart. */
  persistCardRefs?: boolean;
  fake?: FakeDiscordOptions;
  /** `/backtest`'s runner; without it the desk answers that backtests are not configured. */
  backtest?: DeskDeps['backtest'];
  /** The channel's mode; LIVE asks for a typed confirmation before ✅ sends. Default PAPER. */
  badge?: EnvironmentBadge;
  /** APPROVAL_TWO_PERSON_ABOVE_KRW; absent = off. */
  twoPersonAboveKrw?: number;
  /** The channel's edit throttle and typing refresh while an answer forms (defaults: 1 s, 8 s). */
  streaming?: Partial<StreamingSettings>;
}

/**
 * The real discord.js client (inside createDiscordChannel) against the fake Discord, and the real createDesk
 * over the real trading core on the test database, a FakeBroker at 10:00 on a trading day and scripted
 * conversations.
 */
export async function startDiscordHarness(
  database: Database,
  options: HarnessOptions = {},
): Promise<DiscordHarness> {
  const clock = new FakeClock(MARKET_OPEN);
  const broker = new FakeBroker(clock);
  const store = createDbTradingStore(database.db);
  const fake = await startFakeDiscord(options.fake);
  const coreErrors: { what: string; error: unknown }[] = [];
  const core = createTradingCore({
    broker,
    store,
    clock,
    calendar,
    limits: TEST_LIMITS,
    policy: {
      allowedUserIds: [],
      allowedRoleIds: [fake.roles.approver],
      twoPersonAboveKrw: options.twoPersonAboveKrw ?? null,
    },
    intentTtlMs: 10 * 60_000,
    commissionPpm: 140,
    onError: (what, error) => coreErrors.push({ what, error }),
  });
  await broker.subscribeFills((notice) => void core.fills.onNotice(notice));
  await core.reconciliation.reconcile();
  const conversations = new ScriptedConversations(core);
  const realDesk = createDesk({
    core,
    store,
    broker,
    clock,
    conversations,
    cycle: scriptedCycle,
    universe: UNIVERSE,
    simulated: true,
    ...(options.backtest ? { backtest: options.backtest } : {}),
  });
  const desk: Desk =
    options.persistCardRefs === false ? { ...realDesk, attachCard: async () => undefined } : realDesk;
  await registerCommands({
    token: fake.botToken,
    applicationId: fake.applicationId,
    guildId: fake.guild.id,
    api: fake.restApiBase,
  });
  const logs: LogLine[] = [];

  const newChannel = async (): Promise<DiscordChannel> => {
    const channel = createDiscordChannel({
      desk,
      config: channelConfigFor(fake),
      environmentBadge: options.badge ?? 'PAPER',
      ...(options.streaming ? { streaming: options.streaming } : {}),
      restApi: fake.restApiBase,
      clock,
      logger: recordingLogger(logs),
    });
    await channel.start();
    return channel;
  };

  const harness: DiscordHarness = {
    fake,
    clock,
    broker,
    core,
    store,
    desk,
    conversations,
    channel: await newChannel(),
    logs,
    coreErrors,
    async restartChannel() {
      await harness.channel.stop();
      harness.channel = await newChannel();
    },
    async close() {
      await harness.channel.stop();
      const late = fake.timingViolations();
      await fake.close();
      // The fake enforces Discord's 3 s ack and 15 min token rules; a desk that broke one fails the test here.
      if (late.length > 0)
        throw new Error(
          `Discord timing rules broken: ${late.map((r) => `${r.method} ${r.route} → ${JSON.stringify(r.response)}`).join('; ')}`,
        );
    },
  };
  return harness;
}
