import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ComponentType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  Locale,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIModalSubmitGuildInteraction,
} from 'discord-api-types/v10';
import { SystemClock } from '../../../src/adapters/clock/system';
import type { Clock } from '../../../src/domain/clock';
import {
  ChannelStore,
  isThread,
  type FakeChannel,
  type FakePermission,
  type FakeThreadChannel,
} from './channel-store';
import { CommandStore } from './command-store';
import { findComponent, listCustomIds } from './component-lookup';
import {
  apiUser,
  createFixtures,
  guildTextChannels,
  interactionMember,
  memberPermissions,
  type FakeDiscordFixtures,
  type FakeUser,
} from './fixtures';
import { FakeGateway, type ReceivedFrame } from './gateway';
import { guildCreatePayload, membersChunk, readyPayload } from './guild-payloads';
import {
  autocompletePayload,
  chatInputPayload,
  componentPayload,
  modalSubmitPayload,
  type ComponentData,
  type InteractionEnvelope,
} from './interaction-payloads';
import { InteractionRegistry, type CallbackRecord, type InteractionRecord } from './interaction-registry';
import { modalSubmission, type ModalFieldValues } from './modal-submission';
import { RequestLog, type RecordedRequest, type RequestPredicate } from './request-log';
import { createRestHandler } from './rest-server';
import { Router } from './router';
import { registerApplicationRoutes } from './routes/application-routes';
import { registerChannelRoutes } from './routes/channel-routes';
import { registerGuildRoutes } from './routes/guild-routes';
import { registerInteractionRoutes } from './routes/interaction-routes';
import { registerThreadRoutes } from './routes/thread-routes';
import { registerWebhookRoutes } from './routes/webhook-routes';
import { buildCommandOptions, type SlashOptionValues, type SlashTarget } from './slash-options';
import { SnowflakeGenerator } from './snowflakes';
import { DEFAULT_ATTACHMENT_SIZE_LIMIT, type FakeDiscordState } from './state';

/**
 * Discord's rules are enforced by default, as Discord enforces them: an interaction's first answer after 3 s gets
 * 10062 and kills the token; callbacks and webhook calls after 15 min get 10062 / 50027. A test that needs
 * leniency asks for it by name (`lenientAckDeadline`, `lenientTokenExpiry`) and says why.
 */
export interface FakeDiscordOptions {
  /** Drives dispatch times, the 3 s / 15 min rules, timestamps and snowflakes. Defaults to the system clock. */
  clock?: Clock;
  /** Accept a first callback later than 3 s after dispatch (Discord would answer 10062). */
  lenientAckDeadline?: boolean;
  /** Accept callbacks and webhook calls later than 15 min after dispatch (Discord would answer 10062 / 50027). */
  lenientTokenExpiry?: boolean;
  /** A second callback for one interaction → 400 40060. Default on. */
  enforceSingleAck?: boolean;
  /** Outgoing messages, modals, choices and commands checked against Discord's limits. Default on. */
  validatePayloads?: boolean;
  /** Bytes of files one request may upload; default 10 MiB (Discord's limit for a guild without boosts). */
  attachmentSizeLimit?: number;
  heartbeatIntervalMs?: number;
  resume?: 'accept' | 'invalidate';
  /** Locale of the users' Discord clients, sent as `interaction.locale`. Default `ko`. */
  locale?: Locale;
  guildLocale?: Locale;
}

export interface SentInteraction<Payload extends APIInteraction = APIInteraction> {
  id: string;
  token: string;
  payload: Payload;
}

export interface InteractionPlace {
  /** Defaults to the trade channel (or, for a modal, where the modal was opened). */
  channelId?: string;
  locale?: Locale;
}

export interface SlashTargetOptions extends InteractionPlace {
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteOptions extends SlashTargetOptions {
  /** Values already filled in for the other options. */
  options?: SlashOptionValues;
}

export interface ClickOptions {
  locale?: Locale;
  /** Click even if the component is missing or disabled, e.g. to model a client showing a stale message. */
  force?: boolean;
}

const CALLBACK_ROUTE = 'POST /interactions/:interactionId/:token/callback';

function fail(message: string): never {
  throw new Error(`fake-discord: ${message}`);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * A Discord stand-in for end-to-end tests: REST under `restApiBase` and a Gateway, both on 127.0.0.1.
 * Point a real discord.js Client at it with `new Client({ intents, rest: { api: fake.restApiBase } })` and
 * `client.login(fake.botToken)`. Always `await client.destroy()` before `await fake.close()`.
 */
export class FakeDiscord {
  readonly restApiBase: string;
  readonly gatewayUrl: string;
  readonly fixtures: FakeDiscordFixtures;
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly guild: FakeDiscordFixtures['guild'];
  readonly channels: FakeDiscordFixtures['channels'];
  readonly roles: FakeDiscordFixtures['roles'];
  readonly users: FakeDiscordFixtures['users'];

  private readonly locale: Locale;
  private readonly guildLocale: Locale;

  /** @internal use startFakeDiscord */
  constructor(
    private readonly server: Server,
    private readonly state: FakeDiscordState,
    private readonly log: RequestLog,
    options: FakeDiscordOptions,
  ) {
    const port = (server.address() as AddressInfo).port;
    this.restApiBase = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    this.fixtures = state.fixtures;
    this.botToken = state.fixtures.botToken;
    this.applicationId = state.fixtures.applicationId;
    this.botUser = state.fixtures.botUser;
    this.guild = state.fixtures.guild;
    this.channels = state.fixtures.channels;
    this.roles = state.fixtures.roles;
    this.users = state.fixtures.users;
    this.locale = options.locale ?? Locale.Korean;
    this.guildLocale = options.guildLocale ?? Locale.Korean;
  }

  /** Every REST call in arrival order (the index doubles as a cursor for `waitForRequest`). */
  get requests(): readonly RecordedRequest[] {
    return this.log.entries;
  }

  /** Client → server gateway frames (IDENTIFY, heartbeats, RESUME, …) with tokens redacted. */
  get gatewayFrames(): readonly ReceivedFrame[] {
    return this.state.gateway.received;
  }

  slash(
    user: FakeUser,
    name: string,
    options: SlashOptionValues = {},
    place: SlashTargetOptions = {},
  ): SentInteraction<APIChatInputApplicationCommandGuildInteraction> {
    const { envelope, command, dataOptions } = this.commandParts(user, name, options, place);
    const payload = chatInputPayload(envelope, command, dataOptions);
    return this.send(payload, {
      name,
      userId: user.id,
      channelId: envelope.channel.id,
      sourceMessageId: null,
    });
  }

  autocomplete(
    user: FakeUser,
    name: string,
    focusedOption: string,
    value: string,
    extra: AutocompleteOptions = {},
  ): SentInteraction<APIApplicationCommandAutocompleteGuildInteraction> {
    const values = { ...extra.options, [focusedOption]: value };
    const { envelope, command, dataOptions } = this.commandParts(user, name, values, {
      ...extra,
      focused: focusedOption,
    });
    const payload = autocompletePayload(envelope, command, dataOptions);
    return this.send(payload, {
      name,
      userId: user.id,
      channelId: envelope.channel.id,
      sourceMessageId: null,
    });
  }

  /**
   * Submits the modal the bot last showed with this custom id, mirroring its layout; fails on unknown or
   * missing required fields. A modal opened from a button carries that button's message and channel.
   */
  submitModal(
    user: FakeUser,
    customId: string,
    fields: ModalFieldValues,
    place: InteractionPlace = {},
  ): SentInteraction<APIModalSubmitGuildInteraction> {
    const opener = this.lastModalOpener(customId);
    const shownModal = opener?.callbacks.find(
      (c) => c.type === InteractionResponseType.Modal && c.errorCode === null,
    )?.data;
    const sourceMessage = opener?.sourceMessageId
      ? this.state.store.message(opener.sourceMessageId)
      : undefined;
    const channelId = place.channelId ?? opener?.channelId ?? this.channels.trade.id;
    const envelope = this.envelope(user, channelId, place.locale);
    const payload = modalSubmitPayload(
      envelope,
      customId,
      modalSubmission(customId, shownModal, fields),
      sourceMessage,
    );
    return this.send(payload, {
      name: customId,
      userId: user.id,
      channelId,
      sourceMessageId: sourceMessage?.id ?? null,
    });
  }

  /** A button press on a message the fake knows (one the bot posted, or the reply to an interaction). */
  click(
    user: FakeUser,
    messageId: string,
    customId: string,
    extra: ClickOptions = {},
  ): SentInteraction<APIMessageComponentGuildInteraction> {
    return this.useComponent(
      user,
      messageId,
      { custom_id: customId, component_type: ComponentType.Button },
      extra,
    );
  }

  select(
    user: FakeUser,
    messageId: string,
    customId: string,
    values: string[],
    extra: ClickOptions = {},
  ): SentInteraction<APIMessageComponentGuildInteraction> {
    return this.useComponent(
      user,
      messageId,
      { custom_id: customId, component_type: ComponentType.StringSelect, values },
      extra,
    );
  }

  /**
   * A person writes in a channel or thread: stored, then sent as MESSAGE_CREATE. Like Discord, nothing is
   * delivered without the GuildMessages intent (this throws, so the test says why) and the content is blank
   * without MessageContent unless the bot is mentioned.
   */
  postMessage(user: FakeUser, channelId: string, content: string): APIMessage {
    const channel = this.channelOrFail(channelId);
    const intents = this.state.gateway.intents();
    if (intents === null) fail('no gateway session; log the client in first');
    if ((intents & GatewayIntentBits.GuildMessages) === 0) {
      fail(
        'the client did not IDENTIFY with GatewayIntentBits.GuildMessages, so Discord would not deliver this message',
      );
    }
    if (isThread(channel) && channel.thread_metadata?.archived)
      this.state.store.updateChannel(channel.id, { archived: false });
    const message = this.state.store.createMessage({
      channelId,
      author: apiUser(user),
      body: { content },
      files: [],
    });
    const readable =
      (intents & GatewayIntentBits.MessageContent) !== 0 || content.includes(`<@${this.botUser.id}>`);
    const member = {
      roles: [...user.roleIds],
      joined_at: this.state.joinedAt,
      deaf: false,
      mute: false,
      flags: 0,
    };
    this.state.gateway.dispatch(GatewayDispatchEvents.MessageCreate, {
      ...message,
      content: readable ? message.content : '',
      guild_id: this.guild.id,
      member,
    });
    return clone(message);
  }

  /**
   * Discord archives a thread by itself (its auto-archive duration ran out, or a moderator did it): stored and
   * announced as THREAD_UPDATE, so the bot's cache knows.
   */
  archiveThread(threadId: string): void {
    const channel = this.channelOrFail(threadId);
    if (!isThread(channel)) fail(`${threadId} is not a thread`);
    const updated = this.state.store.updateChannel(threadId, { archived: true })!;
    this.state.gateway.dispatch(GatewayDispatchEvents.ThreadUpdate, clone(updated), GatewayIntentBits.Guilds);
  }

  /** A person (or a moderator) deletes a message: later edits of it answer 404 10008 Unknown Message. */
  deleteMessage(messageId: string): void {
    if (!this.state.store.deleteMessage(messageId)) fail(`no message ${messageId}`);
  }

  /**
   * Takes a channel permission from the bot (or gives it back) in a channel and its threads: sends and thread
   * creation there answer 403 50013 Missing Permissions while it is off.
   */
  setPermission(channelId: string, permission: FakePermission, allowed: boolean): void {
    this.channelOrFail(channelId);
    this.state.store.setPermission(channelId, permission, allowed);
  }

  /** Sends any dispatch to every gateway session; returns how many sessions got it. */
  dispatch(t: string, d: unknown): number {
    return this.state.gateway.dispatch(t, d);
  }

  waitForRequest(predicate: RequestPredicate, timeoutMs = 5_000): Promise<RecordedRequest> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** Resolves with the first callback the interaction received (accepted or refused). */
  async waitForCallback(interaction: { id: string } | string, timeoutMs = 5_000): Promise<CallbackRecord> {
    const id = typeof interaction === 'string' ? interaction : interaction.id;
    await this.waitForRequest((r) => r.route === CALLBACK_ROUTE && r.params.interactionId === id, timeoutMs);
    return this.callbacksFor(id)[0]!;
  }

  /** Every callback attempt for the interaction, including ones the fake refused (see `status`, `errorCode`). */
  callbacksFor(interactionId: string): CallbackRecord[] {
    return clone(this.state.interactions.byId(interactionId)?.callbacks ?? []);
  }

  interaction(interactionId: string): InteractionRecord | undefined {
    const record = this.state.interactions.byId(interactionId);
    return record ? clone(record) : undefined;
  }

  /** Messages in a channel or thread in creation order, ephemeral ones included (check `flags & 64`). */
  messagesIn(channelId: string): APIMessage[] {
    return clone(this.state.store.messagesIn(channelId));
  }

  message(messageId: string): APIMessage | undefined {
    const message = this.state.store.message(messageId);
    return message ? clone(message) : undefined;
  }

  channel(channelId: string): FakeChannel | undefined {
    const channel = this.state.store.channel(channelId);
    return channel ? clone(channel) : undefined;
  }

  threads(): FakeThreadChannel[] {
    return clone(this.state.store.threads());
  }

  /** Commands as last bulk-overwritten: pass a guild id for guild commands, nothing for global ones. */
  registeredCommands(guildId: string | null = null): APIApplicationCommand[] {
    return clone(this.state.commands.list(guildId));
  }

  /**
   * The next `times` requests on `route` (a route pattern as in `RecordedRequest.route`, e.g.
   * `POST /channels/:channelId/messages`) get 429 with `retry_after` and Discord's X-RateLimit headers
   * (`X-RateLimit-Global` and scope `global` when `global`); discord.js waits and sends the request again.
   */
  rateLimitNext(
    route: string,
    options: { retryAfterMs?: number; global?: boolean; times?: number } = {},
  ): void {
    const retryAfter = (options.retryAfterMs ?? 250) / 1000;
    for (let i = 0; i < (options.times ?? 1); i += 1)
      this.state.rateLimits.push({
        route,
        retryAfter,
        global: options.global ?? false,
        bucket: `fake-${route.replace(/[^a-z]/gi, '').toLowerCase()}`,
      });
  }

  /**
   * Requests refused because a Discord timing rule was broken: a late first callback or a dead token (10062),
   * a webhook call with an invalid or expired token (50027). A healthy desk never gets one.
   */
  timingViolations(): RecordedRequest[] {
    return this.log.entries.filter((r) => {
      const code = (r.response as { code?: unknown } | undefined)?.code;
      return code === 10062 || code === 50027;
    });
  }

  /** Closes every gateway socket with `code` (default 4000, resumable) so the client reconnects and RESUMEs. */
  dropGatewayConnections(code?: number): void {
    this.state.gateway.dropConnections(code);
  }

  async close(): Promise<void> {
    this.log.rejectPending('fake-discord closed');
    await this.state.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private useComponent(
    user: FakeUser,
    messageId: string,
    data: ComponentData,
    extra: ClickOptions,
  ): SentInteraction<APIMessageComponentGuildInteraction> {
    const message = this.state.store.message(messageId) ?? fail(`unknown message ${messageId}`);
    const component = findComponent(message.components, data.custom_id);
    if (!extra.force) {
      if (!component)
        fail(
          `message ${messageId} has no component "${data.custom_id}"; it has ${listCustomIds(message.components).join(', ') || 'none'}`,
        );
      if (component.disabled === true)
        fail(`component "${data.custom_id}" on message ${messageId} is disabled`);
      if (component.type !== data.component_type)
        fail(`component "${data.custom_id}" is type ${String(component.type)}, not ${data.component_type}`);
    }
    const envelope = this.envelope(user, message.channel_id, extra.locale);
    const payload = componentPayload(envelope, data, message);
    return this.send(payload, {
      name: data.custom_id,
      userId: user.id,
      channelId: message.channel_id,
      sourceMessageId: message.id,
    });
  }

  /** Uses the registered definition (when the bot registered one) for the command id and option types. */
  private commandParts(
    user: FakeUser,
    name: string,
    values: SlashOptionValues,
    target: SlashTargetOptions & SlashTarget,
  ) {
    const definition = this.state.commands.find(name, this.guild.id);
    return {
      envelope: this.envelope(user, target.channelId ?? this.channels.trade.id, target.locale),
      command: { id: definition?.id ?? this.state.ids.next(), name },
      dataOptions: buildCommandOptions(name, definition, values, target),
    };
  }

  private lastModalOpener(customId: string): InteractionRecord | undefined {
    const openers = this.state.interactions
      .all()
      .filter((record) =>
        record.callbacks.some(
          (c) =>
            c.type === InteractionResponseType.Modal &&
            c.errorCode === null &&
            (c.data as { custom_id?: unknown } | undefined)?.custom_id === customId,
        ),
      );
    return openers.at(-1);
  }

  private channelOrFail(channelId: string): FakeChannel {
    return this.state.store.channel(channelId) ?? fail(`unknown channel ${channelId}`);
  }

  private envelope(user: FakeUser, channelId: string, locale: Locale | undefined): InteractionEnvelope {
    return {
      id: this.state.ids.next(),
      token: `fake-interaction.${randomBytes(24).toString('base64url')}`,
      applicationId: this.applicationId,
      guildId: this.guild.id,
      channel: this.channelOrFail(channelId),
      member: interactionMember(this.fixtures, user, this.state.joinedAt),
      appPermissions: memberPermissions(this.fixtures, this.botUser),
      locale: locale ?? this.locale,
      guildLocale: this.guildLocale,
      attachmentSizeLimit: this.state.settings.attachmentSizeLimit,
    };
  }

  private send<Payload extends APIInteraction>(
    payload: Payload,
    fields: Pick<InteractionRecord, 'name' | 'userId' | 'channelId' | 'sourceMessageId'>,
  ): SentInteraction<Payload> {
    if (!this.state.gateway.hasSession())
      fail('no gateway session; log the client in and wait for clientReady first');
    this.state.interactions.add(payload, { ...fields, dispatchedAt: this.state.clock.now() });
    this.state.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: payload.id, token: payload.token, payload: clone(payload) };
  }
}

/** Starts REST + Gateway on 127.0.0.1 with an OS-assigned port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const clock = options.clock ?? new SystemClock();
  const fixtures = createFixtures();
  const ids = new SnowflakeGenerator(clock);
  const server = createServer();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;

  const gateway = new FakeGateway({
    botToken: fixtures.botToken,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    resume: options.resume ?? 'accept',
    readyPayload: (sessionId) => readyPayload(state, sessionId),
    guildCreatePayload: () => guildCreatePayload(state),
    membersChunk: (request) => membersChunk(state, request),
  });
  const state: FakeDiscordState = {
    fixtures,
    clock,
    ids,
    store: new ChannelStore(ids, clock, guildTextChannels(fixtures)),
    interactions: new InteractionRegistry(),
    commands: new CommandStore(ids),
    gateway,
    settings: {
      enforceAckDeadline: options.lenientAckDeadline !== true,
      enforceSingleAck: options.enforceSingleAck ?? true,
      enforceTokenExpiry: options.lenientTokenExpiry !== true,
      validatePayloads: options.validatePayloads ?? true,
      attachmentSizeLimit: options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT,
    },
    rateLimits: [],
    gatewayUrl,
    botAuthor: apiUser(fixtures.botUser),
    joinedAt: clock.now().toISOString(),
  };

  const router = new Router();
  registerApplicationRoutes(router, state);
  registerInteractionRoutes(router, state);
  registerWebhookRoutes(router, state);
  registerThreadRoutes(router, state);
  registerChannelRoutes(router, state);
  registerGuildRoutes(router, state);

  const log = new RequestLog();
  const handle = createRestHandler(router, state, log);
  server.on('request', (request, response) => void handle(request, response));
  server.on('upgrade', (request, socket, head) => state.gateway.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return new FakeDiscord(server, state, log, options);
}
