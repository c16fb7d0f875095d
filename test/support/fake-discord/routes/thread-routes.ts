import { ChannelType } from 'discord-api-types/v10';
import { z } from 'zod';
import { apiErrors } from '../api-error';
import { isThread, type FakeChannel } from '../channel-store';
import { announceThreadCreate } from '../gateway-echo';
import type { Router } from '../router';
import type { FakeDiscordState } from '../state';
import { autoArchiveDurationSchema, parseOrFormError } from './form-parse';

const threadBodySchema = z.looseObject({
  name: z.string().min(1).max(100),
  // Without a type Discord creates a private thread.
  type: z
    .union([z.literal(ChannelType.PublicThread), z.literal(ChannelType.PrivateThread)])
    .default(ChannelType.PrivateThread),
  auto_archive_duration: autoArchiveDurationSchema.optional(),
});

const threadFromMessageSchema = z.looseObject({
  name: z.string().min(1).max(100),
  auto_archive_duration: autoArchiveDurationSchema.optional(),
});

export function registerThreadRoutes(router: Router, state: FakeDiscordState): void {
  const { store, fixtures } = state;

  const textParent = (id: string): FakeChannel => {
    const channel = store.channel(id);
    if (!channel) throw apiErrors.unknownChannel();
    if (isThread(channel)) throw apiErrors.wrongChannelType();
    return channel;
  };

  router.add('POST', '/channels/:channelId/threads', 'bot', ({ params, body }) => {
    const parent = textParent(params.channelId!);
    store.requirePermission(parent.id, 'CreatePublicThreads');
    const input = parseOrFormError(threadBodySchema, body);
    const thread = store.createThread({
      parentId: parent.id,
      name: input.name,
      type: input.type,
      autoArchiveDuration: input.auto_archive_duration ?? 4320,
      ownerId: fixtures.botUser.id,
      guildId: fixtures.guild.id,
    });
    announceThreadCreate(state, thread);
    return { status: 201, body: thread };
  });

  router.add('POST', '/channels/:channelId/messages/:messageId/threads', 'bot', ({ params, body }) => {
    const parent = textParent(params.channelId!);
    store.requirePermission(parent.id, 'CreatePublicThreads');
    const message = store.message(params.messageId!);
    if (!message || message.channel_id !== parent.id) throw apiErrors.unknownMessage();
    if (message.thread || store.channel(message.id)) throw apiErrors.threadAlreadyCreated();
    const input = parseOrFormError(threadFromMessageSchema, body);
    // A thread started from a message takes the message's id (Discord docs, Start Thread from Message).
    const thread = store.createThread({
      id: message.id,
      parentId: parent.id,
      name: input.name,
      type: ChannelType.PublicThread,
      autoArchiveDuration: input.auto_archive_duration ?? 4320,
      ownerId: fixtures.botUser.id,
      guildId: fixtures.guild.id,
    });
    message.thread = thread;
    announceThreadCreate(state, thread);
    return { status: 201, body: thread };
  });

  const threadOr404 = (id: string) => {
    const channel = store.channel(id);
    if (!channel) throw apiErrors.unknownChannel();
    if (!isThread(channel)) throw apiErrors.wrongChannelType();
    return channel;
  };

  router.add('PUT', '/channels/:channelId/thread-members/:userId', 'bot', ({ params }) => {
    threadOr404(params.channelId!);
    return { status: 204 };
  });

  router.add('DELETE', '/channels/:channelId/thread-members/:userId', 'bot', ({ params }) => {
    threadOr404(params.channelId!);
    return { status: 204 };
  });
}
