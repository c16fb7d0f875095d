import { z } from 'zod';
import { apiErrors } from '../api-error';
import { isThread, type ChannelPatch, type FakeChannel } from '../channel-store';
import { announceMessageCreate } from '../gateway-echo';
import { parseMessageBody } from '../message-body';
import type { Router } from '../router';
import type { FakeDiscordState } from '../state';
import { autoArchiveDurationSchema, parseOrFormError } from './form-parse';
import { checkOutgoingMessage } from './outgoing-message';

const channelPatchSchema = z.looseObject({
  name: z.string().min(1).max(100).optional(),
  topic: z.string().max(1024).nullable().optional(),
  archived: z.boolean().optional(),
  locked: z.boolean().optional(),
  auto_archive_duration: autoArchiveDurationSchema.optional(),
});

export function registerChannelRoutes(router: Router, state: FakeDiscordState): void {
  const { store } = state;

  const channelOr404 = (id: string): FakeChannel => {
    const channel = store.channel(id);
    if (!channel) throw apiErrors.unknownChannel();
    return channel;
  };

  router.add('GET', '/channels/:channelId', 'bot', ({ params }) => ({
    status: 200,
    body: channelOr404(params.channelId!),
  }));

  router.add('PATCH', '/channels/:channelId', 'bot', ({ params, body }) => {
    channelOr404(params.channelId!);
    const patch: ChannelPatch = parseOrFormError(channelPatchSchema, body);
    return { status: 200, body: store.updateChannel(params.channelId!, patch) };
  });

  router.add('POST', '/channels/:channelId/typing', 'bot', ({ params }) => {
    channelOr404(params.channelId!);
    return { status: 204 };
  });

  router.add('POST', '/channels/:channelId/messages', 'bot', ({ params, body: json, files }) => {
    const channel = channelOr404(params.channelId!);
    store.requirePermission(channel.id, 'SendMessages');
    const body = parseMessageBody(json);
    checkOutgoingMessage(state, body, files, 'create');
    if (isThread(channel) && channel.thread_metadata?.archived) {
      // Sending in an archived thread unarchives it, unless it is locked.
      if (channel.thread_metadata.locked) throw apiErrors.threadLocked();
      store.updateChannel(channel.id, { archived: false });
    }
    const message = store.createMessage({ channelId: channel.id, author: state.botAuthor, body, files });
    announceMessageCreate(state, message);
    return { status: 200, body: message };
  });

  router.add('GET', '/channels/:channelId/messages', 'bot', ({ params, query }) => {
    channelOr404(params.channelId!);
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 100);
    const newestFirst = store.messagesIn(params.channelId!).reverse();
    return { status: 200, body: newestFirst.slice(0, limit) };
  });

  router.add('GET', '/channels/:channelId/messages/:messageId', 'bot', ({ params }) => {
    const message = store.message(params.messageId!);
    if (!message || message.channel_id !== params.channelId) throw apiErrors.unknownMessage();
    return { status: 200, body: message };
  });

  router.add('PATCH', '/channels/:channelId/messages/:messageId', 'bot', ({ params, body: json, files }) => {
    const existing = store.message(params.messageId!);
    if (!existing || existing.channel_id !== params.channelId) throw apiErrors.unknownMessage();
    if (existing.author.id !== state.botAuthor.id) throw apiErrors.cannotEditOthersMessage();
    store.requireUnarchived(existing.channel_id);
    const body = parseMessageBody(json);
    checkOutgoingMessage(state, body, files, 'edit');
    return { status: 200, body: store.editMessage(existing.id, body, files) };
  });

  // Reactions are not stored; the request log is what a test asserts on.
  for (const method of ['PUT', 'DELETE']) {
    router.add(
      method,
      '/channels/:channelId/messages/:messageId/reactions/:emoji/@me',
      'bot',
      ({ params }) => {
        const message = store.message(params.messageId!);
        if (!message || message.channel_id !== params.channelId) throw apiErrors.unknownMessage();
        return { status: 204 };
      },
    );
  }

  router.add('DELETE', '/channels/:channelId/messages/:messageId', 'bot', ({ params }) => {
    const existing = store.message(params.messageId!);
    if (!existing || existing.channel_id !== params.channelId) throw apiErrors.unknownMessage();
    store.deleteMessage(existing.id);
    return { status: 204 };
  });
}
