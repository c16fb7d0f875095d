import type { APIInteraction, InteractionResponseType, InteractionType } from 'discord-api-types/v10';

export interface CallbackRecord {
  interactionId: string;
  type: InteractionResponseType;
  data: unknown;
  at: Date;
  withResponse: boolean;
  /** What the fake answered: 204/200 when accepted, otherwise the error status with its Discord code. */
  status: number;
  errorCode: number | null;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  /** Command name for commands and autocomplete, custom id for components and modals. */
  name: string;
  userId: string;
  channelId: string;
  dispatchedAt: Date;
  payload: APIInteraction;
  /** The message a component sits on (or a modal was opened from); `@original` after a type 6/7 ack. */
  sourceMessageId: string | null;
  callbacks: CallbackRecord[];
  ackType: InteractionResponseType | null;
  originalMessageId: string | null;
  /** After a deferred reply (5) the first followup edits the loading message instead of posting a new one. */
  deferredReplyPending: boolean;
  followupMessageIds: string[];
  /** A late first callback invalidates the token for every later webhook call. */
  tokenInvalidated: boolean;
}

export class InteractionRegistry {
  private readonly byTokenMap = new Map<string, InteractionRecord>();
  private readonly byIdMap = new Map<string, InteractionRecord>();

  add(
    payload: APIInteraction,
    fields: Pick<InteractionRecord, 'name' | 'userId' | 'channelId' | 'dispatchedAt' | 'sourceMessageId'>,
  ): InteractionRecord {
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      payload,
      ...fields,
      callbacks: [],
      ackType: null,
      originalMessageId: null,
      deferredReplyPending: false,
      followupMessageIds: [],
      tokenInvalidated: false,
    };
    this.byTokenMap.set(record.token, record);
    this.byIdMap.set(record.id, record);
    return record;
  }

  byToken(token: string): InteractionRecord | undefined {
    return this.byTokenMap.get(token);
  }

  byId(id: string): InteractionRecord | undefined {
    return this.byIdMap.get(id);
  }

  all(): InteractionRecord[] {
    return [...this.byIdMap.values()];
  }
}
