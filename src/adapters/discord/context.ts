import type { Client } from 'discord.js';
import type { Desk, Locale } from '../../app/desk-api';
import type { Clock } from '../../domain/clock';
import type { StreamingSettings } from './streaming-settings';
import type { BoundedMap } from './bounded-map';
import type { CardRegistry } from './card-registry';
import type { DiscordChannelConfig } from './config';
import type { DiscordLogger } from './logger';
import type { KeyedQueue } from './keyed-queue';
import type { DeskPosting } from './posting';
import type { EnvironmentBadge } from './render/badge';

/** What every handler of one channel instance shares. Built once in createDiscordChannel. */
export interface ChannelContext {
  client: Client;
  desk: Desk;
  config: DiscordChannelConfig;
  badge: EnvironmentBadge;
  clock: Clock;
  logger: DiscordLogger;
  /** For posts that answer nobody in particular (alerts, briefings, follow-ups in unknown threads). */
  defaultLocale: Locale;
  cards: CardRegistry;
  posting: DeskPosting;
  /** The language each conversation thread was opened in. */
  threadLocales: BoundedMap<string, Locale>;
  /** One task at a time per thread. */
  threads: KeyedQueue;
  /** How the answer is shown while it forms (edit throttle, typing refresh). */
  streaming: StreamingSettings;
}
