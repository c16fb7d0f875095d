import {
  ChannelType,
  MessageFlags,
  MessageType,
  type APIAttachment,
  type APIMessage,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import type { Clock } from '../../../src/domain/clock';
import { apiErrors } from './api-error';
import type { UploadedFile } from './http-body';
import type { MessageBody } from './message-body';
import type { SnowflakeGenerator } from './snowflakes';

export type FakeThreadChannel = APIThreadChannel<ChannelType.PublicThread | ChannelType.PrivateThread>;
export type FakeChannel = APITextChannel | FakeThreadChannel;

export interface NewMessage {
  channelId: string;
  author: APIUser;
  body: MessageBody;
  files: UploadedFile[];
  /** Flags the server sets itself (e.g. LOADING for a deferred reply), added to the body's flags. */
  extraFlags?: number;
  /** Set for messages sent through an interaction webhook. */
  applicationId?: string;
}

export interface NewThread {
  id?: string;
  parentId: string;
  name: string;
  type: ChannelType.PublicThread | ChannelType.PrivateThread;
  autoArchiveDuration: ThreadAutoArchiveDuration;
  ownerId: string;
  guildId: string;
}

export interface ChannelPatch {
  name?: string;
  topic?: string | null;
  archived?: boolean;
  locked?: boolean;
  auto_archive_duration?: ThreadAutoArchiveDuration;
}

/** The channel permissions the fake checks (a test switches them off per channel; a thread follows its parent). */
export type FakePermission = 'SendMessages' | 'CreatePublicThreads';

export function isThread(channel: FakeChannel): channel is FakeThreadChannel {
  return channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread;
}

const CDN = 'https://cdn.fake-discord.invalid/attachments';

/** In-memory channels, threads and messages, keyed by snowflake. */
export class ChannelStore {
  private readonly channels = new Map<string, FakeChannel>();
  private readonly messages = new Map<string, APIMessage>();
  private readonly denied = new Map<string, Set<FakePermission>>();

  constructor(
    private readonly ids: SnowflakeGenerator,
    private readonly clock: Clock,
    guildChannels: APITextChannel[],
  ) {
    for (const channel of guildChannels) this.channels.set(channel.id, channel);
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  guildChannels(): APITextChannel[] {
    return [...this.channels.values()].filter((c): c is APITextChannel => !isThread(c));
  }

  threads(): FakeThreadChannel[] {
    return [...this.channels.values()].filter(isThread);
  }

  /** The bot loses (or regains) a permission in a channel and every thread under it. */
  setPermission(channelId: string, permission: FakePermission, allowed: boolean): void {
    const set = this.denied.get(channelId) ?? new Set<FakePermission>();
    if (allowed) set.delete(permission);
    else set.add(permission);
    this.denied.set(channelId, set);
  }

  /** 403 50013 Missing Permissions when the permission is off here or on the thread's parent. */
  requirePermission(channelId: string, permission: FakePermission): void {
    const channel = this.channels.get(channelId);
    const parentId = channel && isThread(channel) ? channel.parent_id : null;
    const deniedHere = this.denied.get(channelId)?.has(permission) ?? false;
    const deniedAbove = parentId ? (this.denied.get(parentId)?.has(permission) ?? false) : false;
    if (deniedHere || deniedAbove) throw apiErrors.missingPermissions();
  }

  /** Discord refuses to edit messages in an archived thread (400 50083) until it is unarchived. */
  requireUnarchived(channelId: string): void {
    const channel = this.channels.get(channelId);
    if (channel && isThread(channel) && channel.thread_metadata?.archived) throw apiErrors.threadArchived();
  }

  createThread(input: NewThread): FakeThreadChannel {
    const now = this.clock.now().toISOString();
    const thread: FakeThreadChannel = {
      id: input.id ?? this.ids.next(),
      type: input.type,
      guild_id: input.guildId,
      parent_id: input.parentId,
      name: input.name,
      owner_id: input.ownerId,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: input.autoArchiveDuration,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(input.type === ChannelType.PrivateThread ? { invitable: true } : {}),
      },
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  updateChannel(id: string, patch: ChannelPatch): FakeChannel | undefined {
    const channel = this.channels.get(id);
    if (!channel) return undefined;
    if (patch.name !== undefined) channel.name = patch.name;
    if (isThread(channel)) {
      const metadata = channel.thread_metadata!;
      if (patch.archived !== undefined && patch.archived !== metadata.archived) {
        metadata.archived = patch.archived;
        metadata.archive_timestamp = this.clock.now().toISOString();
      }
      if (patch.locked !== undefined) metadata.locked = patch.locked;
      if (patch.auto_archive_duration !== undefined)
        metadata.auto_archive_duration = patch.auto_archive_duration;
    } else if (patch.topic !== undefined) {
      channel.topic = patch.topic;
    }
    return channel;
  }

  createMessage(input: NewMessage, id = this.ids.next()): APIMessage {
    const body = input.body;
    const message: APIMessage = {
      id,
      channel_id: input.channelId,
      type: body.message_reference ? MessageType.Reply : MessageType.Default,
      author: input.author,
      content: body.content ?? '',
      timestamp: this.clock.now().toISOString(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.attachmentsFor(body, input.files, []),
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      flags: (body.flags ?? 0) | (input.extraFlags ?? 0),
      ...(body.message_reference ? { message_reference: body.message_reference } : {}),
      ...(input.applicationId
        ? { webhook_id: input.applicationId, application_id: input.applicationId }
        : {}),
    };
    this.messages.set(message.id, message);
    const channel = this.channels.get(input.channelId);
    if (channel) {
      channel.last_message_id = message.id;
      if (isThread(channel)) {
        channel.message_count = (channel.message_count ?? 0) + 1;
        channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
      }
    }
    return message;
  }

  /** Applies the fields present in `body`; an edit also ends a deferred reply's loading state. */
  editMessage(id: string, body: MessageBody, files: UploadedFile[]): APIMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.attachments !== undefined || files.length > 0) {
      message.attachments = this.attachmentsFor(body, files, message.attachments);
    }
    // Ephemerality is fixed when a message is created; an edit can change the other flags.
    const ephemeral = (message.flags ?? 0) & MessageFlags.Ephemeral;
    const requested = body.flags ?? message.flags ?? 0;
    message.flags = (requested & ~MessageFlags.Ephemeral & ~MessageFlags.Loading) | ephemeral;
    message.edited_timestamp = this.clock.now().toISOString();
    return message;
  }

  deleteMessage(id: string): boolean {
    return this.messages.delete(id);
  }

  message(id: string): APIMessage | undefined {
    return this.messages.get(id);
  }

  messagesIn(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId);
  }

  allMessages(): APIMessage[] {
    return [...this.messages.values()];
  }

  private attachmentsFor(
    body: MessageBody,
    files: UploadedFile[],
    existing: APIAttachment[],
  ): APIAttachment[] {
    const references = body.attachments;
    const kept = references
      ? existing.filter((attachment) => references.some((r) => String(r.id) === attachment.id))
      : existing;
    const uploaded = files.map((file, index) => {
      // `files[n]` pairs with the attachment reference whose id is n.
      const slot = Number(/\[(\d+)\]/.exec(file.field)?.[1] ?? index);
      const reference = references?.find((r) => String(r.id) === String(slot));
      const filename = reference?.filename ?? file.name;
      const id = this.ids.next();
      return {
        id,
        filename,
        size: file.size,
        content_type: file.contentType,
        url: `${CDN}/${id}/${encodeURIComponent(filename)}`,
        proxy_url: `${CDN}/${id}/${encodeURIComponent(filename)}`,
        ...(reference?.description ? { description: reference.description } : {}),
      };
    });
    return [...kept, ...uploaded];
  }
}
