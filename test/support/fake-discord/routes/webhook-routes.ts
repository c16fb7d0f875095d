import { apiErrors } from '../api-error';
import { announceMessageCreate } from '../gateway-echo';
import type { InteractionRecord } from '../interaction-registry';
import { parseMessageBody } from '../message-body';
import type { Router } from '../router';
import { TOKEN_LIFETIME_MS, type FakeDiscordState } from '../state';
import { checkOutgoingMessage } from './outgoing-message';

const ORIGINAL = '@original';

/** Interaction webhooks exist only after the first callback and only for the token's 15 minutes. */
function webhookInteraction(state: FakeDiscordState, params: Record<string, string>): InteractionRecord {
  const record = state.interactions.byToken(params.token!);
  if (!record || params.applicationId !== state.fixtures.applicationId) throw apiErrors.unknownWebhook();
  const elapsed = state.clock.now().getTime() - record.dispatchedAt.getTime();
  if (record.tokenInvalidated || (state.settings.enforceTokenExpiry && elapsed > TOKEN_LIFETIME_MS)) {
    throw apiErrors.invalidWebhookToken();
  }
  if (record.ackType === null) throw apiErrors.unknownWebhook();
  return record;
}

/** `@original` is the reply, or after a type 6/7 ack the message the component sits on. */
function ownedMessageId(record: InteractionRecord, messageId: string): string {
  if (messageId === ORIGINAL) {
    if (!record.originalMessageId) throw apiErrors.unknownMessage();
    return record.originalMessageId;
  }
  if (messageId !== record.originalMessageId && !record.followupMessageIds.includes(messageId))
    throw apiErrors.unknownMessage();
  return messageId;
}

export function registerWebhookRoutes(router: Router, state: FakeDiscordState): void {
  const { store } = state;

  router.add('POST', '/webhooks/:applicationId/:token', 'none', ({ params, query, body: json, files }) => {
    const record = webhookInteraction(state, params);
    const body = parseMessageBody(json);
    checkOutgoingMessage(state, body, files, 'create');
    let message;
    if (record.deferredReplyPending && record.originalMessageId) {
      // After a deferred reply the first followup fills in the "thinking…" message (Discord docs, Create Followup Message).
      record.deferredReplyPending = false;
      message = store.editMessage(record.originalMessageId, body, files);
      if (!message) throw apiErrors.unknownMessage();
    } else {
      message = store.createMessage({
        channelId: record.channelId,
        author: state.botAuthor,
        body,
        files,
        applicationId: state.fixtures.applicationId,
      });
      record.followupMessageIds.push(message.id);
      announceMessageCreate(state, message);
    }
    return query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
  });

  router.add('GET', '/webhooks/:applicationId/:token/messages/:messageId', 'none', ({ params }) => {
    const record = webhookInteraction(state, params);
    const message = store.message(ownedMessageId(record, params.messageId!));
    if (!message) throw apiErrors.unknownMessage();
    return { status: 200, body: message };
  });

  router.add(
    'PATCH',
    '/webhooks/:applicationId/:token/messages/:messageId',
    'none',
    ({ params, body: json, files }) => {
      const record = webhookInteraction(state, params);
      const id = ownedMessageId(record, params.messageId!);
      const body = parseMessageBody(json);
      checkOutgoingMessage(state, body, files, 'edit');
      const message = store.editMessage(id, body, files);
      if (!message) throw apiErrors.unknownMessage();
      if (id === record.originalMessageId) record.deferredReplyPending = false;
      return { status: 200, body: message };
    },
  );

  router.add('DELETE', '/webhooks/:applicationId/:token/messages/:messageId', 'none', ({ params }) => {
    const record = webhookInteraction(state, params);
    if (!store.deleteMessage(ownedMessageId(record, params.messageId!))) throw apiErrors.unknownMessage();
    return { status: 204 };
  });
}
