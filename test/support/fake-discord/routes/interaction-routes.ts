import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIMessage,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { FakeApiError, apiErrors, invalidFormBody } from '../api-error';
import { announceMessageCreate } from '../gateway-echo';
import type { UploadedFile } from '../http-body';
import type { InteractionRecord } from '../interaction-registry';
import { parseMessageBody } from '../message-body';
import { autocompleteViolations, modalViolations } from '../payload-limits';
import type { RouteReply, Router } from '../router';
import { ACK_DEADLINE_MS, TOKEN_LIFETIME_MS, type FakeDiscordState } from '../state';
import { checkOutgoingMessage } from './outgoing-message';

const callbackBodySchema = z.looseObject({ type: z.number().int(), data: z.unknown().optional() });

const ALLOWED_CALLBACKS: Record<number, InteractionResponseType[]> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

const MESSAGE_UPDATING: InteractionResponseType[] = [
  InteractionResponseType.DeferredMessageUpdate,
  InteractionResponseType.UpdateMessage,
];

function checkCallbackAllowed(record: InteractionRecord, type: InteractionResponseType): void {
  const allowed = ALLOWED_CALLBACKS[record.type] ?? [];
  const needsMessage = MESSAGE_UPDATING.includes(type);
  if (!allowed.includes(type) || (needsMessage && !record.sourceMessageId)) {
    throw invalidFormBody([
      {
        path: ['type'],
        code: 'INTERACTION_RESPONSE_TYPE_INVALID',
        message: `Callback type ${type} is not valid for interaction type ${record.type}`,
      },
    ]);
  }
}

function checkTiming(state: FakeDiscordState, record: InteractionRecord): void {
  const elapsed = state.clock.now().getTime() - record.dispatchedAt.getTime();
  if (state.settings.enforceTokenExpiry && elapsed > TOKEN_LIFETIME_MS) throw apiErrors.unknownInteraction();
  if (state.settings.enforceAckDeadline && record.ackType === null && elapsed > ACK_DEADLINE_MS) {
    record.tokenInvalidated = true;
    throw apiErrors.unknownInteraction();
  }
  if (record.tokenInvalidated) throw apiErrors.unknownInteraction();
  if (state.settings.enforceSingleAck && record.ackType !== null) throw apiErrors.alreadyAcknowledged();
}

/** Applies an accepted callback to the store; returns the message it created or changed, if any. */
function applyCallback(
  state: FakeDiscordState,
  record: InteractionRecord,
  type: InteractionResponseType,
  data: unknown,
  files: UploadedFile[],
): APIMessage | undefined {
  const { store, fixtures, settings } = state;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      const body = parseMessageBody(data);
      checkOutgoingMessage(state, body, files, 'create');
      const message = store.createMessage({
        channelId: record.channelId,
        author: state.botAuthor,
        body,
        files,
        applicationId: fixtures.applicationId,
      });
      record.originalMessageId = message.id;
      announceMessageCreate(state, message);
      return message;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const flags = (parseMessageBody(data).flags ?? 0) & MessageFlags.Ephemeral;
      const message = store.createMessage({
        channelId: record.channelId,
        author: state.botAuthor,
        body: { content: '', flags },
        files: [],
        extraFlags: MessageFlags.Loading,
        applicationId: fixtures.applicationId,
      });
      record.originalMessageId = message.id;
      record.deferredReplyPending = true;
      announceMessageCreate(state, message);
      return message;
    }
    case InteractionResponseType.DeferredMessageUpdate:
      record.originalMessageId = record.sourceMessageId;
      return undefined;
    case InteractionResponseType.UpdateMessage: {
      const body = parseMessageBody(data);
      checkOutgoingMessage(state, body, files, 'edit');
      record.originalMessageId = record.sourceMessageId;
      return store.editMessage(record.sourceMessageId!, body, files);
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const violations = settings.validatePayloads ? autocompleteViolations(data) : [];
      if (violations.length > 0) throw invalidFormBody(violations);
      return undefined;
    }
    case InteractionResponseType.Modal: {
      const violations = settings.validatePayloads ? modalViolations(data) : [];
      if (violations.length > 0) throw invalidFormBody(violations);
      return undefined;
    }
    default:
      return undefined;
  }
}

function withResponseBody(
  record: InteractionRecord,
  type: InteractionResponseType,
  message: APIMessage | undefined,
) {
  const flags = message?.flags ?? 0;
  const result = {
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: (flags & MessageFlags.Loading) !== 0,
            response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
          }
        : {}),
    },
    resource: { type, ...(message ? { message } : {}) },
  };
  return result as RESTPostAPIInteractionCallbackWithResponseResult;
}

export function registerInteractionRoutes(router: Router, state: FakeDiscordState): void {
  router.add(
    'POST',
    '/interactions/:interactionId/:token/callback',
    'none',
    ({ params, query, body, files }): RouteReply => {
      const record = state.interactions.byToken(params.token!);
      if (!record || record.id !== params.interactionId) throw apiErrors.unknownInteraction();
      const withResponse = query.get('with_response') === 'true';
      const parsed = callbackBodySchema.safeParse(body);
      const type = (parsed.success ? parsed.data.type : -1) as InteractionResponseType;
      const data = parsed.success ? parsed.data.data : undefined;
      const callback = { interactionId: record.id, type, data, at: state.clock.now(), withResponse };
      try {
        if (!parsed.success)
          throw invalidFormBody([
            { path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
          ]);
        checkTiming(state, record);
        checkCallbackAllowed(record, type);
        const message = applyCallback(state, record, type, data, files);
        record.ackType = type;
        const reply: RouteReply = withResponse
          ? { status: 200, body: withResponseBody(record, type, message) }
          : { status: 204 };
        record.callbacks.push({ ...callback, status: reply.status, errorCode: null });
        return reply;
      } catch (error) {
        if (error instanceof FakeApiError)
          record.callbacks.push({ ...callback, status: error.status, errorCode: error.code });
        throw error;
      }
    },
  );
}
