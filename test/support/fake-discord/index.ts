export { FakeDiscord, startFakeDiscord } from './fake-discord';
export type {
  AutocompleteOptions,
  ClickOptions,
  FakeDiscordOptions,
  InteractionPlace,
  SentInteraction,
  SlashTargetOptions,
} from './fake-discord';
export type { FakeChannel, FakePermission, FakeThreadChannel } from './channel-store';
export type { FakeDiscordFixtures, FakeGuildChannel, FakeUser } from './fixtures';
export type { ReceivedFrame } from './gateway';
export type { CallbackRecord, InteractionRecord } from './interaction-registry';
export type { ModalFieldValues } from './modal-submission';
export type { RecordedRequest, RequestPredicate } from './request-log';
export type { SlashOptionValues } from './slash-options';
export type { UploadedFile } from './http-body';
export { discordLimits } from './payload-limits';
export { pingsOf, type Pings } from './mentions';
