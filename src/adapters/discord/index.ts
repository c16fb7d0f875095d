export {
  createDiscordChannel,
  type DiscordChannel,
  type DiscordChannelOptions,
  type PlanCardInput,
} from './channel';
export {
  DiscordConfigError,
  discordChannelConfigSchema,
  parseDiscordChannelConfig,
  type DiscordChannelConfig,
  type DiscordChannelConfigInput,
} from './config';
export { DESK_INTENTS } from './client';
export type { DiscordLogger } from './logger';
export type { EnvironmentBadge } from './render/badge';
export type { BriefingEmbedData } from './render/briefing';
export { createDiscordCyclePublisher, type DiscordCyclePublisherOptions } from './cycle-publisher';
