import type { APIUser } from 'discord-api-types/v10';
import type { Clock } from '../../../src/domain/clock';
import type { ChannelStore } from './channel-store';
import type { CommandStore } from './command-store';
import type { FakeDiscordFixtures } from './fixtures';
import type { FakeGateway } from './gateway';
import type { InteractionRegistry } from './interaction-registry';
import type { SnowflakeGenerator } from './snowflakes';

export interface EnforcementSettings {
  /** First callback more than 3 s after dispatch → 404 10062, and the token is dead afterwards. */
  enforceAckDeadline: boolean;
  /** A second callback for the same interaction → 400 40060. */
  enforceSingleAck: boolean;
  /** Callbacks and webhook calls more than 15 min after dispatch → 10062 / 401 50027. */
  enforceTokenExpiry: boolean;
  /** Outgoing messages, modals, autocomplete choices and commands checked against Discord's limits → 400 50035. */
  validatePayloads: boolean;
  /** Bytes of files one request may upload (Discord's default for a guild without boosts: 10 MiB) → 413 40005. */
  attachmentSizeLimit: number;
}

/** Everything the REST routes share. Built once per fake; never module-level. */
export interface FakeDiscordState {
  fixtures: FakeDiscordFixtures;
  clock: Clock;
  ids: SnowflakeGenerator;
  store: ChannelStore;
  interactions: InteractionRegistry;
  commands: CommandStore;
  gateway: FakeGateway;
  settings: EnforcementSettings;
  gatewayUrl: () => string;
  botAuthor: APIUser;
  /** When the fixture members joined the guild. */
  joinedAt: string;
  /** Scripted 429 answers, consumed in order by the first matching request. */
  rateLimits: ScriptedRateLimit[];
}

/** One scripted 429: the next request on `route` (a route pattern such as `POST /channels/:channelId/messages`). */
export interface ScriptedRateLimit {
  route: string;
  /** Seconds, as Discord sends them (`retry_after` in the body, `Retry-After` rounded up in the header). */
  retryAfter: number;
  global: boolean;
  bucket: string;
}

export const ACK_DEADLINE_MS = 3_000;
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Discord's upload limit for a guild without boosts (10 MiB since 2024); the interaction's `attachment_size_limit`. */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
/** Files one message may carry. */
export const MAX_ATTACHMENTS = 10;
