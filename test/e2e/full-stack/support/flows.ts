/** Steps of the full-stack flows: the scripted model's turns and the Discord side of /trade. */
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import type { FakeDiscord, FakeUser, RecordedRequest } from '../../../support/fake-discord';
import type { ChatCompletionBody, FakeOpenAi } from '../../../support/fake-openai/server';

export const CALLBACK = 'POST /interactions/:interactionId/:token/callback';
export const CHANNEL_MESSAGE = 'POST /channels/:channelId/messages';
export const MESSAGE_EDIT = 'PATCH /channels/:channelId/messages/:messageId';
export const CREATE_THREAD = 'POST /channels/:channelId/threads';
export const WEBHOOK_EDIT = 'PATCH /webhooks/:applicationId/:token/messages/:messageId';
export const WEBHOOK_FOLLOWUP = 'POST /webhooks/:applicationId/:token';

/** The real stack (KIS client, OpenAI SDK, PGlite, discord.js) is slower than the scripted one. */
export const WAIT_MS = 20_000;

export const QUESTION = '코스피 200 ETF를 20만원어치 시장가로 사고 싶어요.';
export const MODEL_ANSWER = 'KODEX 200을 시장가로 사는 안을 올렸습니다. 승인하면 바로 주문합니다.';
/** What the scripted model spends on its proposal. */
export const PROPOSAL_BUDGET_KRW = 200_000;

export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id?: string; disabled?: boolean }[] }[];
  attachments?: { id: string | number; filename: string }[];
  flags?: number;
}

export function bodyOf(request: RecordedRequest): MessageBody {
  return (request.body ?? {}) as MessageBody;
}

export function customIds(message: Pick<APIMessage, 'components'> | MessageBody): (string | undefined)[] {
  return ((message.components ?? []) as NonNullable<MessageBody['components']>).flatMap((row) =>
    row.components.map((c) => c.custom_id),
  );
}

/**
 * The post in `channelId` whose text contains `contains`: a new message, or an edit of one (a streamed answer is
 * posted with its first words and edited to the whole answer).
 */
export function postedIn(fake: FakeDiscord, channelId: string, contains: string): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) =>
      (r.route === CHANNEL_MESSAGE || r.route === MESSAGE_EDIT) &&
      r.params.channelId === channelId &&
      (bodyOf(r).content ?? '').includes(contains),
    WAIT_MS,
  );
}

export function editOf(fake: FakeDiscord, interaction: { token: string }): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) => r.route === WEBHOOK_EDIT && r.params.token === interaction.token,
    WAIT_MS,
  );
}

/** What the simulator's quote said, as the model saw it in the get_quote tool result. */
export interface QuoteSeen {
  ticker: string;
  price: number;
}

export interface ScriptedTrade {
  /** Filled in when the model's second turn reads the get_quote result. */
  quote: QuoteSeen | null;
  /** The quantity the model proposed (from the quote's price). */
  quantity: number | null;
}

function quoteResult(request: ChatCompletionBody): QuoteSeen {
  const tool = request.messages.filter((m) => m.role === 'tool').at(-1) as { content?: unknown } | undefined;
  if (typeof tool?.content !== 'string') throw new Error('the model was not given a tool result');
  const parsed = JSON.parse(tool.content) as { ticker?: unknown; price?: unknown };
  if (typeof parsed.price !== 'number' || typeof parsed.ticker !== 'string')
    throw new Error(`get_quote answered without a price: ${tool.content}`);
  return { ticker: parsed.ticker, price: parsed.price };
}

/**
 * The model's side of one /trade question: it asks for a quote, proposes a market buy of 069500 sized from
 * the quoted price, then answers.
 */
export function scriptTrade(openai: FakeOpenAi): ScriptedTrade {
  const trade: ScriptedTrade = { quote: null, quantity: null };
  openai.script([
    { toolCalls: [{ name: 'get_quote', arguments: { ticker: '069500' } }] },
    (request) => {
      const quote = quoteResult(request);
      const quantity = Math.max(1, Math.floor(PROPOSAL_BUDGET_KRW / quote.price));
      trade.quote = quote;
      trade.quantity = quantity;
      return {
        toolCalls: [
          {
            name: 'propose_order',
            arguments: {
              ticker: '069500',
              side: 'BUY',
              quantity,
              order_type: 'MARKET',
              rationale: '코스피 200 추종 ETF, 현금 비중이 높습니다.',
            },
          },
        ],
      };
    },
    { content: MODEL_ANSWER },
  ]);
  return trade;
}

export interface OpenedTrade {
  threadId: string;
  card: APIMessage;
  intentId: string;
  slash: { id: string; token: string };
  submit: { id: string; token: string };
}

/** `/trade` → modal → submit, until the deferred reply links the thread; returns the thread and its card. */
export async function openTradeThread(fake: FakeDiscord, user: FakeUser): Promise<OpenedTrade> {
  const slash = fake.slash(user, 'trade', { ticker: '069500' });
  await fake.waitForCallback(slash, WAIT_MS);
  const submit = fake.submitModal(user, 'trade-modal', { question: QUESTION, ticker: '069500' });
  const linked = await editOf(fake, submit);
  const threadId = /<#(\d+)>/.exec(bodyOf(linked).content ?? '')?.[1];
  if (!threadId) throw new Error(`no thread link in ${JSON.stringify(linked.body)}`);
  // The link comes first; the answer and its card follow in the thread.
  await fake
    .waitForRequest(
      (r) =>
        r.route === 'POST /channels/:channelId/messages' &&
        r.params.channelId === threadId &&
        customIds(bodyOf(r)).some((id) => id?.startsWith('approve:')),
      WAIT_MS,
    )
    .catch(() => undefined);
  const card = fake.messagesIn(threadId).find((m) => customIds(m).some((id) => id?.startsWith('approve:')));
  if (!card)
    throw new Error(
      `no proposal card in the thread; it has ${JSON.stringify(fake.messagesIn(threadId).map((m) => m.content))}`,
    );
  const intentId = customIds(card)
    .find((id) => id?.startsWith('approve:'))!
    .slice('approve:'.length);
  return { threadId, card, intentId, slash, submit };
}
