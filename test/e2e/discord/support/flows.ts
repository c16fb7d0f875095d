import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import type { FakeDiscord, FakeUser, RecordedRequest } from '../../../support/fake-discord';

export const CALLBACK = 'POST /interactions/:interactionId/:token/callback';
export const CHANNEL_MESSAGE = 'POST /channels/:channelId/messages';
export const WEBHOOK_EDIT = 'PATCH /webhooks/:applicationId/:token/messages/:messageId';
export const WEBHOOK_FOLLOWUP = 'POST /webhooks/:applicationId/:token';

export const QUESTION = '코스피 200 ETF를 조금 사고 싶은데 얼마나 살까?';

interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id?: string; disabled?: boolean }[] }[];
  allowed_mentions?: unknown;
  flags?: number;
}

export function bodyOf(request: RecordedRequest): MessageBody {
  return (request.body ?? {}) as MessageBody;
}

export function customIds(message: Pick<APIMessage, 'components'> | MessageBody): (string | undefined)[] {
  return ((message.components ?? []) as MessageBody['components'] & object).flatMap((row) =>
    row.components.map((c) => c.custom_id),
  );
}

export function postedIn(fake: FakeDiscord, channelId: string, contains: string): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) =>
      r.route === CHANNEL_MESSAGE &&
      r.params.channelId === channelId &&
      (bodyOf(r).content ?? '').includes(contains),
  );
}

export function editOf(fake: FakeDiscord, interaction: { token: string }): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.route === WEBHOOK_EDIT && r.params.token === interaction.token);
}

export function followUpOf(fake: FakeDiscord, interaction: { token: string }): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.route === WEBHOOK_FOLLOWUP && r.params.token === interaction.token);
}

export interface OpenedTrade {
  threadId: string;
  card: APIMessage;
  intentId: string;
  slash: { id: string; token: string };
  submit: { id: string; token: string };
}

/** `/trade` → modal → submit, until the deferred reply links the thread; returns the thread and its card. */
export async function openTradeThread(
  fake: FakeDiscord,
  user: FakeUser,
  fields: { question: string; ticker?: string } = { question: QUESTION, ticker: '069500' },
): Promise<OpenedTrade> {
  const slash = fake.slash(user, 'trade', fields.ticker ? { ticker: fields.ticker } : {});
  await fake.waitForCallback(slash);
  const submit = fake.submitModal(user, 'trade-modal', {
    question: fields.question,
    ticker: fields.ticker ?? '',
  });
  const linked = await editOf(fake, submit);
  const threadId = /<#(\d+)>/.exec(bodyOf(linked).content ?? '')?.[1];
  if (!threadId) throw new Error(`no thread link in ${JSON.stringify(linked.body)}`);
  // The link comes first; the answer and its card follow in the thread.
  await fake.waitForRequest(
    (r) =>
      r.route === CHANNEL_MESSAGE &&
      r.params.channelId === threadId &&
      customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
  );
  const card = fake.messagesIn(threadId).find((m) => customIds(m).some((id) => id?.startsWith('approve:')));
  if (!card) throw new Error('no proposal card in the thread');
  const intentId = customIds(card)
    .find((id) => id?.startsWith('approve:'))!
    .slice('approve:'.length);
  return { threadId, card, intentId, slash, submit };
}
